import { lastReportDay, REPORT_PERIOD_YEARS } from '@xiaocang/domain';
import { z } from 'zod';
import { DecimalString, Id, IsoDate, listOf, Page, PageSize } from './common.ts';
import { FigureScope } from './inventory.ts';

/** Shop days `from`–`to`, both included, at most REPORT_PERIOD_YEARS long. */
const ReportPeriod = z.object({ from: IsoDate, to: IsoDate });
const withinReportPeriod = <T extends { from: string; to: string }>(query: T, ctx: z.RefinementCtx) => {
  if (query.to < query.from) ctx.addIssue({ code: 'custom', path: ['to'], message: 'must not be before from' });
  else if (query.to > lastReportDay(query.from)) ctx.addIssue({ code: 'custom', path: ['to'], message: `must be within ${REPORT_PERIOD_YEARS} years of from` });
};

/** 库存汇总: stock on hand now, per product, category or stock point. */
export const StockSummaryQuery = z.object({
  page: Page,
  pageSize: PageSize,
  groupBy: z.enum(['product', 'category', 'stockPoint']).default('product'),
  stockPointId: Id.optional(),
  categoryId: Id.optional(),
});
export type StockSummaryQuery = z.infer<typeof StockSummaryQuery>;
export const StockSummaryRow = z.object({
  /** The product, category or stock point; null for products in no category. */
  id: Id.nullable(),
  name: z.string().nullable(),
  /** A product's code and unit; null for the other groupings. */
  code: z.string().nullable(),
  unit: z.string().nullable(),
  stockQuantity: DecimalString,
  /** At moving-average cost; absent for hideInboundPrice. */
  stockValue: DecimalString.optional(),
});
export const StockSummary = listOf(StockSummaryRow).extend({
  groupBy: z.enum(['product', 'category', 'stockPoint']),
  /** Over every row the filters match, not only this page. */
  totals: z.object({ stockQuantity: DecimalString, stockValue: DecimalString.optional() }),
});
export type StockSummary = z.infer<typeof StockSummary>;

export const InOutGroupBy = z.enum(['day', 'week', 'month', 'billType', 'counterparty']);
export type InOutGroupBy = z.infer<typeof InOutGroupBy>;
/** 出入库汇总 over standing bills (a reversed bill and its reversal count as nothing; transfers stay out). */
export const InOutQuery = ReportPeriod.extend({ groupBy: InOutGroupBy.default('day'), direction: z.enum(['in', 'out']).optional() }).superRefine(withinReportPeriod);
export type InOutQuery = z.infer<typeof InOutQuery>;
const InOutFigures = z.object({
  inboundCount: z.number().int(),
  /** Quantities show how stock flows: absent for hideInventory. */
  inboundQuantity: DecimalString.optional(),
  /** What inbound bills state, which is what the shop paid: absent for hideInboundPrice. */
  inboundAmount: DecimalString.optional(),
  outboundCount: z.number().int(),
  outboundQuantity: DecimalString.optional(),
  /** What outbound bills state (sales prices; a stocktake's loss states none). */
  outboundAmount: DecimalString,
  /** What posting charged the outbound bills at moving-average cost: absent for hideInboundPrice. */
  outboundCost: DecimalString.optional(),
});
export const InOutRow = InOutFigures.extend({
  /**
   * The period's first day (YYYY-MM-DD; a week starts on Monday), the bill type, or the counterparty's id
   * (null for bills without one).
   */
  key: z.string().nullable(),
  /** The bill type or counterparty's name; null for periods. */
  name: z.string().nullable(),
  /** Whose id `key` is when grouped by counterparty. */
  partyKind: z.enum(['customer', 'supplier']).nullable(),
});
export const InOutSummary = z.object({
  from: z.string(),
  to: z.string(),
  groupBy: InOutGroupBy,
  scope: FigureScope,
  /** Periods run from the one holding `from` to the one holding `to`, with zeros where nothing moved. */
  items: z.array(InOutRow),
  totals: InOutFigures,
});
export type InOutSummary = z.infer<typeof InOutSummary>;

/** 库存趋势: one product's or one category's closing stock, day by day. */
export const StockTrendQuery = ReportPeriod.extend({ productId: Id.optional(), categoryId: Id.optional(), stockPointId: Id.optional() })
  .superRefine(withinReportPeriod)
  .refine((query) => (query.productId === undefined) !== (query.categoryId === undefined), { path: ['productId'], message: 'give either productId or categoryId' });
export type StockTrendQuery = z.infer<typeof StockTrendQuery>;
export const StockTrend = z.object({
  from: z.string(),
  to: z.string(),
  productId: Id.nullable(),
  categoryId: Id.nullable(),
  name: z.string(),
  /** The product's unit; null for a category. */
  unit: z.string().nullable(),
  /** Every day of the period, as stock stood at its close; a day without movement carries the day before. */
  days: z.array(z.object({ date: z.string(), balanceQuantity: DecimalString, balanceAmount: DecimalString.optional() })),
});
export type StockTrend = z.infer<typeof StockTrend>;
