import type { SalesByProduct } from '@xiaocang/contracts';
import type { UseCaseContext } from '../../http/context.ts';
import { salesReport } from './sales-report.ts';

/** Each product's sales in the period, with cost and profit. */
export async function salesByProduct(context: UseCaseContext, query: { dateFrom?: string | undefined; dateTo?: string | undefined }): Promise<SalesByProduct> {
  const { items, ...report } = await salesReport(context, 'product', query);
  return { ...report, items: items.map(({ key, name, unit, ...figures }) => ({ productId: key!, productName: name!, unit: unit!, ...figures })) };
}
