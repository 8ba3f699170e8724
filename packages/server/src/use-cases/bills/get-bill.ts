import type { Bill } from '@xiaocang/contracts';
import { can, type Actor } from '@xiaocang/domain';
import { notFound } from '../../errors.ts';
import type { Queryable } from '../../db/database.ts';
import { loadBill } from './bill-rows.ts';

export async function getBill(db: Queryable, actor: Actor, billId: string): Promise<Bill> {
  const bill = await loadBill(db, actor.shopId, billId);
  if (!can(actor, 'viewOthersRecords') && bill.createdBy !== actor.userId) throw notFound('Bill');
  return bill;
}
