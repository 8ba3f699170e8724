import type { SalesByCustomer } from '@xiaocang/contracts';
import type { UseCaseContext } from '../../http/context.ts';
import { salesReport } from './sales-report.ts';

/** Each customer's purchases in the period, walk-in sales (no customer) as one row, with cost and profit. */
export async function salesByCustomer(context: UseCaseContext, query: { dateFrom?: string | undefined; dateTo?: string | undefined }): Promise<SalesByCustomer> {
  const { items, ...report } = await salesReport(context, 'customer', query);
  return { ...report, items: items.map(({ key, name, unit: _unit, ...figures }) => ({ customerId: key, customerName: name, ...figures })) };
}
