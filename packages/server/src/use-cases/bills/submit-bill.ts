import { needsApproval, type Actor } from '@xiaocang/domain';
import type { Transaction } from '../../db/database.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { postBills } from '../stock/post-bills.ts';

/**
 * Confirms a draft: a staff bill waits for the owner when the shop asks for approval; otherwise
 * the bill is posted now.
 */
export async function submitBill(tx: Transaction, actor: Actor, billId: string): Promise<void> {
  if (needsApproval(actor)) {
    await tx.query(
      `UPDATE stock_bills SET status = 'pending', approval_status = 'pending', updated_at = now() WHERE shop_id = $1 AND id = $2`,
      [actor.shopId, billId],
    );
    await recordAudit(tx, actor, 'submit', 'bill', billId);
    return;
  }
  await postBills(tx, actor, [billId]);
  await tx.query(
    `UPDATE stock_bills SET status = 'confirmed', confirmed_by = $3, confirmed_at = now(), updated_at = now() WHERE shop_id = $1 AND id = $2`,
    [actor.shopId, billId, actor.userId],
  );
  await recordAudit(tx, actor, 'confirm', 'bill', billId);
}
