import type { Bill } from '@xiaocang/contracts';
import type { Actor } from '@xiaocang/domain';
import type { Transaction } from '../../db/database.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { findBillFor } from './bill-access.ts';
import { loadBill } from './bill-rows.ts';

/** 撤回: a staff member takes a bill still waiting for the owner back into a draft, to change or delete it. */
export async function withdrawBill(tx: Transaction, actor: Actor, billId: string): Promise<Bill> {
  await findBillFor(tx, actor, billId, 'withdraw');
  await tx.query(`UPDATE stock_bills SET status = 'draft', approval_status = NULL, updated_at = now() WHERE shop_id = $1 AND id = $2`, [
    actor.shopId,
    billId,
  ]);
  await recordAudit(tx, actor, 'withdraw', 'bill', billId);
  return loadBill(tx, actor.shopId, billId);
}
