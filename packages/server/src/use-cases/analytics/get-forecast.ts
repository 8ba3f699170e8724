import { addDays } from '@xiaocang/analytics';
import type { Forecast, ForecastQuery } from '@xiaocang/contracts';
import { can, shopDay, type Actor } from '@xiaocang/domain';
import type { Queryable } from '../../db/database.ts';
import { forbidden, notFound } from '../../errors.ts';
import { saleTypesOf } from './demand-history.ts';
import { FORECAST_DAYS, keptForecasts, learnForecast } from './kept-forecasts.ts';

const round = (x: number) => Math.round(x * 1000) / 1000;

/**
 * A product's daily demand for the days ahead, learned from its own posted sales of the last year, with the
 * days it was out of stock treated as censored: the nightly pass's forecast while it holds, else learnt at once
 * from only this product's ledger rows of that year (an index range), never the shop's whole ledger.
 */
export async function getForecast(db: Queryable, actor: Actor, query: ForecastQuery): Promise<Forecast> {
  if (!can(actor, 'viewSalesReports')) throw forbidden('Forecasts are for the owner');
  const [product] = await db.query('SELECT 1 FROM products WHERE shop_id = $1 AND id = $2', [actor.shopId, query.productId]);
  if (!product) throw notFound('Product', 'productId');
  const today = shopDay(new Date());
  // The nightly pass keeps each product's forecast over all its stock points, 28 days ahead (a backtest over a
  // shorter horizon may choose another method).
  const kept = query.stockPointId === undefined && query.horizon === FORECAST_DAYS ? (await keptForecasts(db, actor.shopId, [query.productId], today)).get(query.productId) : undefined;
  const forecast = kept ?? (await learnForecast(db, actor.shopId, query.productId, await saleTypesOf(db, actor.shopId), today, query.stockPointId, query.horizon));
  if (!forecast) {
    // Never moved: nothing to learn from, and nothing to test a method on.
    const daily = Array.from({ length: query.horizon }, (_, i) => ({ date: addDays(today, i), mean: '0.000' }));
    return { productId: query.productId, stockPointId: query.stockPointId ?? null, status: 'no-history', method: 'none', demandClass: 'no-demand', historyDays: 0, censoredDays: 0, daily, backtest: null };
  }
  return {
    productId: query.productId,
    stockPointId: query.stockPointId ?? null,
    status: forecast.status,
    method: forecast.method,
    demandClass: forecast.demandClass,
    historyDays: forecast.historyDays,
    censoredDays: forecast.censoredDays,
    daily: forecast.daily.map((day) => ({ date: day.date, mean: Math.max(0, day.mean).toFixed(3) })),
    backtest: forecast.backtest && { rmsse: round(forecast.backtest.rmsse), mase: round(forecast.backtest.mase), bias: round(forecast.backtest.bias) },
  };
}
