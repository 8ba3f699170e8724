import {
  addDays,
  classifyDemandHistory,
  forecastProduct,
  informativeValues,
  type Accuracy,
  type DailySeries,
  type DemandClass,
  type ForecastMethod,
  type ProductForecast,
} from '@xiaocang/analytics';
import type { Queryable } from '../../db/database.ts';
import type { KeptStamp } from '../reports/kept-totals.ts';
import { demandHistory, shopPooling, type ProductHistory, type ShopPooling } from './demand-history.ts';

/** A product's forecast with what it learnt from: as the nightly pass keeps it, or learnt at once. */
export interface KeptForecast extends Pick<ProductForecast, 'status' | 'daily' | 'errorSds' | 'recentSizes'> {
  method: ForecastMethod;
  demandClass: DemandClass;
  historyDays: number;
  censoredDays: number;
  backtest: Accuracy | null;
}

/** Forecasts run 28 days ahead: the longest the forecast screen shows, and lead time plus cover at most. */
export const FORECAST_DAYS = 28;

/**
 * Learns a product's forecast from its history up to yesterday (`today` is the shop's day), at one stock point
 * or all, `horizon` days ahead; null when it had not moved before today.
 */
export async function learnForecast(
  db: Queryable,
  shopId: string,
  productId: string,
  saleTypes: string[],
  today: string,
  stockPointId?: string,
  horizon = FORECAST_DAYS,
): Promise<KeptForecast | null> {
  const history = await demandHistory(db, shopId, { productId, stockPointId, saleTypes, today });
  return history && forecastFrom(history, await shopPooling(db, shopId, saleTypes, today), horizon);
}

/**
 * The forecast of a daily demand series, `horizon` days ahead, with what it learnt from; `pooling` is the shop's
 * (`shopPooling`), the same for the nightly pass and a forecast learnt at once, so both give one answer.
 */
export function forecastFrom(history: DailySeries, { weekdayProfile, pooledParams }: ShopPooling, horizon = FORECAST_DAYS): KeptForecast {
  const forecast = forecastProduct(history, { horizon, weekdayProfile, pooledParams });
  return {
    status: forecast.status,
    method: forecast.method,
    demandClass: forecast.demand.demandClass,
    historyDays: history.dates.length,
    censoredDays: history.values.filter((value) => value === null).length,
    daily: forecast.daily,
    errorSds: forecast.errorSds,
    recentSizes: forecast.recentSizes,
    backtest: forecast.backtest,
  };
}

/** What 商品分类 shows of a product over a window: its cost of goods sold and its demand class. */
export interface ClassificationFigures {
  soldCost: string;
  demand: ReturnType<typeof classifyDemandHistory>;
}

/** A product's classification figures from its history over the window (none: it had not moved by its end). */
export function classificationOf(history: ProductHistory | undefined): ClassificationFigures {
  return { soldCost: history?.soldCost ?? '0.00', demand: classifyDemandHistory(history?.series ? informativeValues(history.series) : []) };
}

/**
 * Keeps a product's forecast and the classification figures of the same history (the last year up to `madeFor`),
 * read after `stamp` was taken (`settledPostings`): it holds every posting up to the stamp.
 */
export async function keepForecast(
  db: Queryable,
  shopId: string,
  productId: string,
  madeFor: string,
  forecast: KeptForecast,
  figures: ClassificationFigures,
  stamp: KeptStamp,
): Promise<void> {
  await db.query(
    `INSERT INTO product_forecasts (shop_id, product_id, made_for, status, method, demand_class, history_days, censored_days, daily, error_sds, recent_sizes, backtest,
                                    sold_cost, demand, posting_seq, postings_from)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)
     ON CONFLICT (shop_id, product_id) DO UPDATE SET made_for = EXCLUDED.made_for, made_at = now(), status = EXCLUDED.status, method = EXCLUDED.method,
       demand_class = EXCLUDED.demand_class, history_days = EXCLUDED.history_days, censored_days = EXCLUDED.censored_days, daily = EXCLUDED.daily,
       error_sds = EXCLUDED.error_sds, recent_sizes = EXCLUDED.recent_sizes, backtest = EXCLUDED.backtest, sold_cost = EXCLUDED.sold_cost, demand = EXCLUDED.demand,
       posting_seq = EXCLUDED.posting_seq, postings_from = EXCLUDED.postings_from`,
    [
      shopId,
      productId,
      madeFor,
      forecast.status,
      forecast.method,
      forecast.demandClass,
      forecast.historyDays,
      forecast.censoredDays,
      JSON.stringify(forecast.daily.map((day) => day.mean)),
      JSON.stringify(forecast.errorSds),
      JSON.stringify(forecast.recentSizes),
      forecast.backtest && JSON.stringify(forecast.backtest),
      figures.soldCost,
      JSON.stringify(figures.demand),
      stamp.postingSeq,
      stamp.postingsFrom,
    ],
  );
}

/**
 * The ledger rows (`l`) of postings after a stamp: their transaction began at `postingsFrom` or later, so the
 * ledger's indexes by creation time find them, and they drew a later posting_seq.
 */
const postedAfter = (postingSeq: string, postingsFrom: string) => `l.created_at >= ${postingsFrom} AND l.posting_seq > ${postingSeq}`;

/** A ledger row (`l`) that changes the history up to `madeFor`: dated on or before it, or a reversal (which takes a sale out of it). */
const changesHistory = (madeFor: string) => `(l.bill_date <= ${madeFor} OR l.bill_kind = 'reversal')`;

/**
 * A kept row (`f`) learnt on yesterday's history (`yesterday`: the parameter holding the day before today) and
 * still true to it: none is once a posting after its stamp changed that history.
 */
const stillTrue = (yesterday: string) => `f.made_for = ${yesterday}::date
  AND NOT EXISTS (SELECT 1 FROM stock_ledger l WHERE l.shop_id = f.shop_id AND l.product_id = f.product_id
                     AND ${postedAfter('f.posting_seq', 'f.postings_from')} AND ${changesHistory('f.made_for')})`;

/**
 * The enabled products whose forecast was kept on yesterday's history and is no longer true to it: the postings
 * after the shop's earliest stamp (a day's at most, on the ledger's creation index) name the candidates, and each
 * is judged by the same rule the readers use. The stamp is read first so that the planner sees how few rows it selects.
 */
export async function staleForecastProducts(db: Queryable, shopId: string, today: string): Promise<string[]> {
  const yesterday = addDays(today, -1);
  const [earliest] = await db.query<{ posting_seq: string; postings_from: string }>(
    `SELECT min(posting_seq)::text AS posting_seq, min(postings_from)::text AS postings_from FROM product_forecasts
      WHERE shop_id = $1 AND made_for = $2::date HAVING count(*) > 0`,
    [shopId, yesterday],
  );
  if (!earliest) return [];
  const rows = await db.query<{ product_id: string }>(
    `SELECT f.product_id::text FROM product_forecasts f JOIN products p ON p.shop_id = f.shop_id AND p.id = f.product_id AND p.is_enabled
      WHERE f.shop_id = $1 AND f.made_for = $2::date
        AND f.product_id IN (SELECT l.product_id FROM stock_ledger l
                              WHERE l.shop_id = $1 AND l.direction IN ('in', 'out') AND ${postedAfter('$3::bigint', '$4::timestamptz')} AND ${changesHistory('$2::date')})
        AND NOT (${stillTrue('$2')})
      ORDER BY f.product_id`,
    [shopId, yesterday, earliest.posting_seq, earliest.postings_from],
  );
  return rows.map((row) => row.product_id);
}

/** The kept classification figures of the shop's products over the last year up to yesterday, where still true. */
export async function keptClassifications(db: Queryable, shopId: string, today: string): Promise<Map<string, ClassificationFigures>> {
  const rows = await db.query<{ product_id: string; sold_cost: string; demand: ClassificationFigures['demand'] }>(
    `SELECT f.product_id::text, f.sold_cost::text, f.demand FROM product_forecasts f
      WHERE f.shop_id = $1 AND f.sold_cost IS NOT NULL AND ${stillTrue('$2')}`,
    [shopId, addDays(today, -1)],
  );
  return new Map(rows.map((row) => [row.product_id, { soldCost: row.sold_cost, demand: row.demand }]));
}

/** The kept forecasts of these products learnt on yesterday's history (the day before `today`), where still true. */
export async function keptForecasts(db: Queryable, shopId: string, productIds: readonly string[], today: string): Promise<Map<string, KeptForecast>> {
  const madeFor = addDays(today, -1);
  const rows = await db.query<{
    product_id: string;
    status: KeptForecast['status'];
    method: ForecastMethod;
    demand_class: DemandClass;
    history_days: number;
    censored_days: number;
    daily: number[];
    error_sds: number[];
    recent_sizes: number[];
    backtest: Accuracy | null;
  }>(
    `SELECT f.product_id::text, f.status, f.method, f.demand_class, f.history_days, f.censored_days, f.daily, f.error_sds, f.recent_sizes, f.backtest
       FROM product_forecasts f
      WHERE f.shop_id = $1 AND f.product_id = ANY($2::bigint[]) AND ${stillTrue('$3')}`,
    [shopId, productIds, madeFor],
  );
  // Every row's days are the same from today on: each date is worked out once, not per product.
  const dates: string[] = [];
  const dateOf = (k: number) => (dates[k] ??= addDays(madeFor, k + 1));
  return new Map(
    rows.map((row) => [
      row.product_id,
      {
        status: row.status,
        method: row.method,
        demandClass: row.demand_class,
        historyDays: row.history_days,
        censoredDays: row.censored_days,
        daily: row.daily.map((mean, k) => ({ date: dateOf(k), mean })),
        errorSds: row.error_sds,
        recentSizes: row.recent_sizes,
        backtest: row.backtest,
      },
    ]),
  );
}
