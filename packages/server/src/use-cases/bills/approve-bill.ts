import type { Bill } from '@xiaocang/contracts';
import { can, type Actor } from '@xiaocang/domain';
import type { Transaction } from '../../db/database.ts';
import { forbidden, invalidState } from '../../errors.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { loadPostingBills, postBills } from '../stock/post-bills.ts';
import { findBillForAction } from './bill-access.ts';
import { billGroup } from './bill-group.ts';
import { loadBill } from './bill-rows.ts';
import { postBillMoney } from '../money/post-bill-money.ts';

export async function approveBill(tx: Transaction, actor: Actor, billId: string): Promise<Bill> {
  if (!can(actor, 'approveBills')) throw forbidden('Only the owner can approve bills');
  const bill = await findBillForAction(tx, actor, billId);
  if (bill.status !== 'pending') throw invalidState(`This bill is ${bill.status}; only a pending bill can be approved`);
  const billIds = await billGroup(tx, actor.shopId, billId);
  await postBills(tx, actor, await loadPostingBills(tx, actor.shopId, billIds));
  await tx.query(
    `UPDATE stock_bills SET status = 'confirmed', approval_status = 'approved', approved_by = $3, approved_at = now(),
            confirmed_by = $3, confirmed_at = now(), updated_at = now()
      WHERE shop_id = $1 AND id = ANY($2::bigint[])`,
    [actor.shopId, billIds, actor.userId],
  );
  for (const id of billIds) await recordAudit(tx, actor, 'approve', 'bill', id);
  const approved = await loadBill(tx, actor.shopId, billId);
  await postBillMoney(tx, actor, approved);
  return approved;
}
