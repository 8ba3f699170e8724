import type { SalesByProduct } from '@xiaocang/contracts';
import type { Actor } from '@xiaocang/domain';
import type { Queryable } from '../../db/database.ts';
import { salesReport } from './sales-report.ts';

/** Each product's sales in the period, with cost and profit. */
export async function salesByProduct(db: Queryable, actor: Actor, period: { dateFrom?: string | undefined; dateTo?: string | undefined }): Promise<SalesByProduct> {
  const { items, ...report } = await salesReport(db, actor, 'product', period);
  return { ...report, items: items.map(({ key, name, unit, ...figures }) => ({ productId: key!, productName: name!, unit: unit!, ...figures })) };
}
