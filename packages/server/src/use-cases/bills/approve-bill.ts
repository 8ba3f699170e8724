import type { Bill } from '@xiaocang/contracts';
import type { Actor } from '@xiaocang/domain';
import type { Transaction } from '../../db/database.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { loadPostingBills, postBills } from '../stock/post-bills.ts';
import { requireCountStillCurrent, settleStocktake } from '../stocktakes/stocktake-approval.ts';
import { findBillFor } from './bill-access.ts';
import { billGroup } from './bill-group.ts';
import { loadBill } from './bill-rows.ts';
import { postBillMoney } from '../money/post-bill-money.ts';
import { notifyApprovalResult } from '../notifications/notify-approvals.ts';

export async function approveBill(tx: Transaction, actor: Actor, billId: string): Promise<Bill> {
  const bill = await findBillFor(tx, actor, billId, 'approve');
  const billIds = await billGroup(tx, actor.shopId, billId);
  const locked = bill.stocktake_id ? await requireCountStillCurrent(tx, actor.shopId, bill.stocktake_id) : undefined;
  await postBills(tx, actor, await loadPostingBills(tx, actor.shopId, billIds), { locked });
  await tx.query(
    `UPDATE stock_bills SET status = 'confirmed', approval_status = 'approved', approved_by = $3, approved_at = now(),
            confirmed_by = $3, confirmed_at = now(), updated_at = now()
      WHERE shop_id = $1 AND id = ANY($2::bigint[])`,
    [actor.shopId, billIds, actor.userId],
  );
  for (const id of billIds) await recordAudit(tx, actor, 'approve', 'bill', id);
  if (bill.stocktake_id) await settleStocktake(tx, actor, bill.stocktake_id, 'confirmed');
  const approved = await loadBill(tx, actor.shopId, billId);
  await postBillMoney(tx, actor, approved);
  await notifyApprovalResult(tx, actor, approved, { approved: true });
  return approved;
}
