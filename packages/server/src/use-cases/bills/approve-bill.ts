import type { Bill } from '@xiaocang/contracts';
import { can, type Actor } from '@xiaocang/domain';
import type { Transaction } from '../../db/database.ts';
import { forbidden, invalidState } from '../../errors.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { postBills } from '../stock/post-bills.ts';
import { findBillForAction } from './bill-access.ts';
import { loadBill } from './bill-rows.ts';

export async function approveBill(tx: Transaction, actor: Actor, billId: string): Promise<Bill> {
  if (!can(actor, 'approveBills')) throw forbidden('Only the owner can approve bills');
  const bill = await findBillForAction(tx, actor, billId);
  if (bill.status !== 'pending') throw invalidState(`This bill is ${bill.status}; only a pending bill can be approved`);
  await postBills(tx, actor, [billId]);
  await tx.query(
    `UPDATE stock_bills SET status = 'confirmed', approval_status = 'approved', approved_by = $3, approved_at = now(),
            confirmed_by = $3, confirmed_at = now(), updated_at = now()
      WHERE shop_id = $1 AND id = $2`,
    [actor.shopId, billId, actor.userId],
  );
  await recordAudit(tx, actor, 'approve', 'bill', billId);
  return loadBill(tx, actor.shopId, billId);
}
