import type { Bill } from '@xiaocang/contracts';
import type { Actor } from '@xiaocang/domain';
import type { Transaction } from '../../db/database.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { notifyApprovalResult } from '../notifications/notify-approvals.ts';
import { settleStocktake } from '../stocktakes/stocktake-approval.ts';
import { findBillFor } from './bill-access.ts';
import { billGroup } from './bill-group.ts';
import { loadBill } from './bill-rows.ts';

/** A rejected bill posts nothing and stays as a record of what was asked; its author may reopen it. */
export async function rejectBill(tx: Transaction, actor: Actor, { id: billId, reason }: { id: string; reason: string }): Promise<Bill> {
  const bill = await findBillFor(tx, actor, billId, 'reject');
  const billIds = await billGroup(tx, actor.shopId, billId);
  await tx.query(
    `UPDATE stock_bills SET status = 'rejected', approval_status = 'rejected', approved_by = $3, approved_at = now(),
            rejected_reason = $4, updated_at = now()
      WHERE shop_id = $1 AND id = ANY($2::bigint[])`,
    [actor.shopId, billIds, actor.userId, reason],
  );
  for (const id of billIds) await recordAudit(tx, actor, 'reject', 'bill', id, { reason });
  if (bill.stocktake_id) await settleStocktake(tx, actor, bill.stocktake_id, 'rejected');
  const rejected = await loadBill(tx, actor.shopId, billId);
  await notifyApprovalResult(tx, actor, rejected, { approved: false, reason });
  return rejected;
}
