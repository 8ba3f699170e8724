import type { Actor } from '@xiaocang/domain';
import type { Transaction } from '../../db/database.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { findBillFor } from './bill-access.ts';
import { billGroup } from './bill-group.ts';

/** A draft is marked deleted rather than removed, so its bill number stays accounted for. */
export async function deleteBill(tx: Transaction, actor: Actor, billId: string): Promise<{ ok: true }> {
  await findBillFor(tx, actor, billId, 'delete');
  const billIds = await billGroup(tx, actor.shopId, billId);
  await tx.query(`UPDATE stock_bills SET status = 'deleted', updated_at = now() WHERE shop_id = $1 AND id = ANY($2::bigint[])`, [actor.shopId, billIds]);
  for (const id of billIds) await recordAudit(tx, actor, 'delete', 'bill', id);
  return { ok: true };
}
