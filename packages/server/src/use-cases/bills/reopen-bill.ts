import type { Bill } from '@xiaocang/contracts';
import type { Actor } from '@xiaocang/domain';
import type { Transaction } from '../../db/database.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { findBillFor } from './bill-access.ts';
import { loadBill } from './bill-rows.ts';

/**
 * A rejected bill becomes a draft again, to be corrected and submitted anew. The owner's reason stays
 * on it until then, so its author can see what to change; the rejection itself stays in the audit log.
 */
export async function reopenBill(tx: Transaction, actor: Actor, billId: string): Promise<Bill> {
  await findBillFor(tx, actor, billId, 'reopen');
  await tx.query(
    `UPDATE stock_bills SET status = 'draft', approval_status = NULL, approved_by = NULL, approved_at = NULL, updated_at = now()
      WHERE shop_id = $1 AND id = $2`,
    [actor.shopId, billId],
  );
  await recordAudit(tx, actor, 'reopen', 'bill', billId);
  return loadBill(tx, actor.shopId, billId);
}
