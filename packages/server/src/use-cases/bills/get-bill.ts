import type { Bill } from '@xiaocang/contracts';
import { can } from '@xiaocang/domain';
import { notFound } from '../../errors.ts';
import type { UseCaseContext } from '../../http/context.ts';
import { loadBill } from './bill-rows.ts';

export async function getBill({ db, actor }: UseCaseContext, billId: string): Promise<Bill> {
  const bill = await loadBill(db, actor.shopId, billId);
  if (!can(actor, 'viewOthersRecords') && bill.createdBy !== actor.userId) throw notFound('Bill');
  return bill;
}
