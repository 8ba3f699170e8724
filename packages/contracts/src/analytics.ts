import { z } from 'zod';
import { DecimalString, Id } from './common.ts';

export const ForecastQuery = z.object({
  productId: Id,
  /** Days ahead, from tomorrow. */
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
