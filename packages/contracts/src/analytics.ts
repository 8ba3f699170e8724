import { DEMAND_CLASSES } from '@xiaocang/domain';
import { z } from 'zod';
import { DecimalString, Id, IsoDate } from './common.ts';

export const ForecastQuery = z.object({
  productId: Id,
  /** Days ahead, from today (the history ends yesterday: today is not over). */
  horizon: z.coerce.number().int().min(1).max(90).default(28),
  /** One stock point's demand; the product's total when left out. */
  stockPointId: Id.optional(),
});
export type ForecastQuery = z.infer<typeof ForecastQuery>;

/**
 * A product's expected daily demand. `status` is 'no-history' (nothing sold yet: every mean is 0 and there is
 * no backtest) or 'short-history' (too few days to test a method: a plain mean) or 'ok'. `demandClass` is the SBC
 * class of its last year (smooth, erratic, intermittent, lumpy, or no-demand). `backtest` is the chosen
 * method's accuracy on the product's own history: RMSSE and MASE below 1 beat the naive forecasts they scale
 * by; a negative bias means it forecast too little.
 */
export const Forecast = z.object({
  productId: Id,
  stockPointId: Id.nullable(),
  status: z.enum(['ok', 'short-history', 'no-history']),
  method: z.string(),
  demandClass: z.string(),
  /** Days of history the forecast learned from, and how many of them were out of stock (censored). */
  historyDays: z.number().int(),
  censoredDays: z.number().int(),
  daily: z.array(z.object({ date: z.string(), mean: DecimalString })),
  backtest: z.object({ rmsse: z.number(), mase: z.number(), bias: z.number() }).nullable(),
});
export type Forecast = z.infer<typeof Forecast>;

export const SuggestionQuery = z.object({
  /** Days from ordering to the goods on the shelf (the same for every supplier until suppliers keep their own). */
  leadTimeDays: z.coerce.number().int().min(1).max(90).default(3),
  /** The share of order cycles that should see no stock-out. */
  serviceLevel: z.coerce.number().min(0.5).max(0.999).default(0.95),
  /** Days of demand an order covers beyond the lead time. */
  coverDays: z.coerce.number().int().min(1).max(90).default(7),
});
export type SuggestionQuery = z.infer<typeof SuggestionQuery>;

/** One product to reorder: why (stock against its reorder point) and how many. */
export const SuggestionLine = z.object({
  productId: Id,
  productName: z.string(),
  unit: z.string(),
  onHand: DecimalString,
  /** On purchase bills not yet posted (drafts and bills waiting for approval). */
  onOrder: DecimalString,
  dailyDemand: DecimalString,
  safetyStock: DecimalString,
  reorderPoint: DecimalString,
  orderUpTo: DecimalString,
  orderQuantity: DecimalString,
  /** The product's inbound price, what the draft bill will say. */
  unitPrice: DecimalString,
  /** When stock runs out at the forecast rate, if before the forecast's end. */
  stockoutDate: z.string().nullable(),
  /** The supplier's own, else measured on its orders, else the one asked for (leadTimeSource says which). */
  leadTimeDays: z.number().int(),
  leadTimeSource: z.enum(['supplier', 'measured', 'asked']),
  /** From draft to confirmed, over the supplier's last orders; its spread widens the safety stock. */
  measuredLeadTime: z.object({ meanDays: DecimalString, sdDays: DecimalString, orders: z.number().int() }).nullable(),
  method: z.string(),
});
export const PurchaseSuggestions = z.object({
  leadTimeDays: z.number().int(),
  serviceLevel: z.number(),
  coverDays: z.number().int(),
  /** Products with sales in the last 90 days that were looked at. */
  productsChecked: z.number().int(),
  groups: z.array(z.object({ supplierId: Id.nullable(), supplierName: z.string().nullable(), lines: z.array(SuggestionLine) })),
});
export type PurchaseSuggestions = z.infer<typeof PurchaseSuggestions>;

export const DraftPurchasesRequest = SuggestionQuery.extend({
  /** Only these products' lines; all suggested lines when left out. */
  productIds: z.array(Id).max(1000).optional(),
});
export type DraftPurchasesRequest = z.infer<typeof DraftPurchasesRequest>;
export const DraftPurchases = z.object({ billIds: z.array(Id) });

/**
 * ABC × demand class over a window of the shop's days (default: the year up to yesterday). `a` and `b` are the
 * percentages of the value that make up classes A and B (C is the rest): 80/15/5 unless asked otherwise.
 */
export const ClassificationQuery = z
  .object({
    from: IsoDate.optional(),
    to: IsoDate.optional(),
    a: z.coerce.number().int().min(1).max(99).default(80),
    b: z.coerce.number().int().min(0).max(99).default(15),
  })
  .refine((q) => q.a + q.b <= 100, { message: 'a + b must be at most 100', path: ['b'] })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: 'must not be before from', path: ['to'] });
export type ClassificationQuery = z.infer<typeof ClassificationQuery>;

export const AbcClass = z.enum(['A', 'B', 'C']);
/** SBC's four classes; 'no-demand' (no sale in the window) and 'short-history' (too few days or sales to tell). */
export const DemandClassName = z.enum(DEMAND_CLASSES);

export const ClassifiedProduct = z.object({
  productId: Id,
  productName: z.string(),
  code: z.string(),
  unit: z.string(),
  /** 1 = the largest cost of goods sold. */
  rank: z.number().int(),
  /** What the window's standing sales of the product cost the shop (its outbound value at cost). */
  costAmount: DecimalString,
  /** Its share of the shop's, and the share of the products ranked up to it, in percent (2 places). */
  sharePercent: DecimalString,
  cumulativePercent: DecimalString,
  abc: AbcClass,
  demandClass: DemandClassName,
  /** Mean days between sales, and CV² of the sizes of the days' sales; null for 'no-demand' and 'short-history'. */
  adi: DecimalString.nullable(),
  cv2: DecimalString.nullable(),
  /** Days of the window the product could be sold (out-of-stock days without a sale left out), and the days it sold. */
  observedDays: z.number().int(),
  demandDays: z.number().int(),
});
export type ClassifiedProduct = z.infer<typeof ClassifiedProduct>;

export const Classification = z.object({
  from: z.string(),
  to: z.string(),
  a: z.number().int(),
  b: z.number().int(),
  /** Fewer observed days or days with a sale than these: 'short-history'. */
  minObservedDays: z.number().int(),
  minDemandDays: z.number().int(),
  costAmount: DecimalString,
  classes: z.array(z.object({ abc: AbcClass, productCount: z.number().int(), costAmount: DecimalString, sharePercent: DecimalString })),
  items: z.array(ClassifiedProduct),
});
export type Classification = z.infer<typeof Classification>;
