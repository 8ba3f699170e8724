import { needsApproval, type Actor } from '@xiaocang/domain';
import type { Transaction } from '../../db/database.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { loadPostingBills, postBills, type PostingBill } from '../stock/post-bills.ts';
import { billGroup } from './bill-group.ts';

/**
 * Confirms a draft: a staff bill waits for the owner when the shop asks for approval; otherwise
 * the bill is posted now.
 */
export async function submitBill(tx: Transaction, actor: Actor, billId: string, known?: PostingBill): Promise<void> {
  // A bill just created is known in full and has no transfer peer: no need to read it back.
  const billIds = known ? [billId] : await billGroup(tx, actor.shopId, billId);
  if (needsApproval(actor)) {
    await tx.query(
      `UPDATE stock_bills SET status = 'pending', approval_status = 'pending', updated_at = now() WHERE shop_id = $1 AND id = ANY($2::bigint[])`,
      [actor.shopId, billIds],
    );
    for (const id of billIds) await recordAudit(tx, actor, 'submit', 'bill', id);
    return;
  }
  await postBills(tx, actor, known ? [known] : await loadPostingBills(tx, actor.shopId, billIds));
  await tx.query(
    `UPDATE stock_bills SET status = 'confirmed', confirmed_by = $3, confirmed_at = now(), updated_at = now()
      WHERE shop_id = $1 AND id = ANY($2::bigint[])`,
    [actor.shopId, billIds, actor.userId],
  );
  for (const id of billIds) await recordAudit(tx, actor, 'confirm', 'bill', id);
}
