import { classifyDemand, type DemandClassification } from './classify.ts';
import type { Accuracy } from './metrics.ts';
import { clean } from './methods/model.ts';
import { bySlot } from './methods/weekly.ts';
import type { PooledParams } from './pooled.ts';
import { candidatesFor, choose, errorSdWithin, evaluateMethods, type BacktestOptions, type Candidate, type CandidateName } from './select.ts';
import { addDays, demandSizes, informativeValues, moments, type DailySeries } from './series.ts';

/**
 * A product's daily demand forecast, as the nightly job makes it.
 *
 * - At least `MIN_HISTORY` days that say something of demand (observed, or censored after some sales): classified by SBC, its class's candidates compared
 *   by a rolling-origin backtest on its history, the best one forecasts (status 'ok').
 * - Fewer: 'short-history'. The forecast is the mean of the observed days, pulled towards `categoryMean`
 *   (the mean daily demand of similar products, when the caller gives one) as if it were `PRIOR_DAYS` more days.
 * - None at all: 'no-history'; the category mean if given, otherwise no forecast (`daily` empty).
 * Never NaN, Infinity or negative.
 */
export const MIN_HISTORY = 14;
const PRIOR_DAYS = 7;

export type ForecastMethod = CandidateName | 'mean' | 'category-mean' | 'none';

export interface ProductForecast {
  status: 'ok' | 'short-history' | 'no-history';
  method: ForecastMethod;
  demand: DemandClassification;
  /** The days after the series' last day. */
  daily: { date: string; mean: number }[];
  /** The chosen method's backtest against the product's sales; null where none could be run. */
  backtest: Accuracy | null;
  /** The chosen method's parameters (see each method's file for their order). */
  params: readonly number[];
  /**
   * Standard deviation of one day's forecast error, from the backtest over the first `errorDays` days ahead
   * (the lead time); without a backtest, that of the observed days (at least √mean, as for Poisson demand).
   */
  errorSd: number;
  /**
   * `errorSd` over 1, 2, … days ahead, as far as the backtest reaches (later days take the last): what a stored
   * forecast needs to serve any lead time.
   */
  errorSds: number[];
  /**
   * The non-zero demands, censored days read as at least what was sold (`demandSizes`), for `replenish`: the
   * whole history's for intermittent and lumpy demand, the last 90 days' otherwise.
   */
  recentSizes: number[];
}

export interface ForecastOptions extends BacktestOptions {
  /** Mean daily demand of similar products (the category's, or the shop's), for products with little history. */
  categoryMean?: number | null;
  /** Days the error standard deviation is taken over (usually the lead time; default 7). */
  errorDays?: number;
  /** The shop's weekly profile by calendar weekday (`shopWeekdayProfile`); without it a product's week is its own. */
  weekdayProfile?: readonly number[] | null;
  /** The shop's parameters per demand class (`ParamPool`); without them each method is fitted to the product alone. */
  pooledParams?: PooledParams | null;
}

/** A forecast's error standard deviation over `days` days ahead, from its `errorSds`. */
export function errorSdOver(forecast: Pick<ProductForecast, 'errorSds'>, days: number): number {
  const { errorSds } = forecast;
  return errorSds[Math.max(1, Math.min(errorSds.length, Math.ceil(days))) - 1] ?? 0;
}

function observedSpread(values: readonly (number | null)[]): { mean: number; sd: number; n: number } {
  const { n, sum, sumSq } = moments(values);
  const mean = n > 0 ? sum / n : 0;
  const variance = n > 1 ? Math.max(0, (sumSq - n * mean * mean) / (n - 1)) : 0;
  return { mean, sd: Math.sqrt(Math.max(variance, mean)), n };
}

export function forecastProduct(series: DailySeries, options: ForecastOptions = {}): ProductForecast {
  const horizon = options.horizon ?? 28;
  const values = series.values;
  const informative = informativeValues(series);
  const demand = classifyDemand(informative);
  const first = series.dates[0];
  const last = series.dates[series.dates.length - 1];
  const category = options.categoryMean !== undefined && options.categoryMean !== null && Number.isFinite(options.categoryMean) ? clean(options.categoryMean) : null;
  const days = (means: readonly number[]) => (last === undefined ? [] : means.map((m, k) => ({ date: addDays(last, k + 1), mean: clean(m) })));
  const flat = (m: number) => days(new Array<number>(horizon).fill(m));
  const spread = observedSpread(informative);
  // Intermittent demand's pattern moves how often it comes, not how large each demand is (Croston's view): its
  // sizes are pooled over the whole history, where a lumpy item out of stock most of the year has few of them.
  // Every-day demand's sizes are its daily totals, which follow the level: the last 90 days.
  const sizeDays = demand.demandClass === 'intermittent' || demand.demandClass === 'lumpy' ? values.length : 90;
  const recentSizes = demandSizes({ values: values.slice(-sizeDays), sales: series.sales.slice(-sizeDays) });

  if (spread.n === 0) {
    if (category === null || last === undefined) return { status: 'no-history', method: 'none', demand, daily: [], backtest: null, params: [], errorSd: 0, errorSds: [0], recentSizes };
    return { status: 'no-history', method: 'category-mean', demand, daily: flat(category), backtest: null, params: [], errorSd: Math.sqrt(category), errorSds: [Math.sqrt(category)], recentSizes };
  }
  if (spread.n < MIN_HISTORY) {
    const mean = category === null ? spread.mean : (spread.mean * spread.n + category * PRIOR_DAYS) / (spread.n + PRIOR_DAYS);
    return {
      status: 'short-history',
      method: category === null ? 'mean' : 'category-mean',
      demand,
      daily: flat(mean),
      backtest: null,
      params: [],
      errorSd: clean(Math.max(spread.sd, Math.sqrt(mean))),
      errorSds: [clean(Math.max(spread.sd, Math.sqrt(mean)))],
      recentSizes,
    };
  }
  const weekdayPrior = options.weekdayProfile && first !== undefined ? bySlot(options.weekdayProfile, first) : null;
  const params = options.pooledParams?.[demand.demandClass] ?? {};
  const candidates = evaluateMethods(values, values.length, candidatesFor(demand.demandClass), { ...options, weekdayPrior, params }, series.sales);
  const chosen: Candidate | null = choose(candidates);
  if (chosen === null) return { status: 'short-history', method: 'mean', demand, daily: flat(spread.mean), backtest: null, params: [], errorSd: clean(spread.sd), errorSds: [clean(spread.sd)], recentSizes };
  return {
    status: 'ok',
    method: chosen.method,
    demand,
    daily: days(chosen.forecast),
    backtest: chosen.accuracy,
    params: chosen.params,
    errorSd: clean(errorSdWithin(chosen, options.errorDays ?? 7) ?? spread.sd),
    errorSds: chosen.horizonCount.map((_, k) => clean(errorSdWithin(chosen, k + 1) ?? spread.sd)),
    recentSizes,
  };
}
