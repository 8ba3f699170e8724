import type { SalesByCustomer } from '@xiaocang/contracts';
import type { Actor } from '@xiaocang/domain';
import type { Queryable } from '../../db/database.ts';
import { salesReport } from './sales-report.ts';

/** Each customer's purchases in the period, walk-in sales (no customer) as one row, with cost and profit. */
export async function salesByCustomer(db: Queryable, actor: Actor, period: { dateFrom?: string | undefined; dateTo?: string | undefined }): Promise<SalesByCustomer> {
  const { items, ...report } = await salesReport(db, actor, 'customer', period);
  return { ...report, items: items.map(({ key, name, unit: _unit, ...figures }) => ({ customerId: key, customerName: name, ...figures })) };
}
