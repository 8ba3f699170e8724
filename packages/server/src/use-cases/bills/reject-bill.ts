import type { Bill } from '@xiaocang/contracts';
import { can, type Actor } from '@xiaocang/domain';
import type { Transaction } from '../../db/database.ts';
import { forbidden, invalidState } from '../../errors.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { findBillForAction } from './bill-access.ts';
import { billGroup } from './bill-group.ts';
import { loadBill } from './bill-rows.ts';

/** A rejected bill posts nothing and stays as a record of what was asked. */
export async function rejectBill(tx: Transaction, actor: Actor, billId: string, reason: string): Promise<Bill> {
  if (!can(actor, 'approveBills')) throw forbidden('Only the owner can reject bills');
  const bill = await findBillForAction(tx, actor, billId);
  if (bill.status !== 'pending') throw invalidState(`This bill is ${bill.status}; only a pending bill can be rejected`);
  const billIds = await billGroup(tx, actor.shopId, billId);
  await tx.query(
    `UPDATE stock_bills SET status = 'rejected', approval_status = 'rejected', approved_by = $3, approved_at = now(),
            rejected_reason = $4, updated_at = now()
      WHERE shop_id = $1 AND id = ANY($2::bigint[])`,
    [actor.shopId, billIds, actor.userId, reason],
  );
  for (const id of billIds) await recordAudit(tx, actor, 'reject', 'bill', id, { reason });
  return loadBill(tx, actor.shopId, billId);
}
