import { z } from 'zod';
import { DecimalString, Id } from './common.ts';

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
