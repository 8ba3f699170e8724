import { addDays, forecastProduct } from '@xiaocang/analytics';
import type { Forecast, ForecastQuery } from '@xiaocang/contracts';
import { can, shopDay, type Actor } from '@xiaocang/domain';
import type { Queryable } from '../../db/database.ts';
import { forbidden, notFound } from '../../errors.ts';
import { demandHistory, saleTypesOf } from './demand-history.ts';

const round = (x: number) => Math.round(x * 1000) / 1000;

/**
 * A product's daily demand for the days ahead, learned from its own posted sales of the last year, with the
 * days it was out of stock treated as censored. Reads only this product's ledger rows of that year (an index
 * range), never the shop's whole ledger.
 */
export async function getForecast(db: Queryable, actor: Actor, query: ForecastQuery): Promise<Forecast> {
  if (!can(actor, 'viewSalesReports')) throw forbidden('Forecasts are for the owner');
  const [product] = await db.query('SELECT 1 FROM products WHERE shop_id = $1 AND id = $2', [actor.shopId, query.productId]);
  if (!product) throw notFound('Product', 'productId');
  const today = shopDay(new Date());
  const history = await demandHistory(db, actor.shopId, { productId: query.productId, stockPointId: query.stockPointId, saleTypes: await saleTypesOf(db, actor.shopId), today });
  if (!history) {
    // Never moved: nothing to learn from, and nothing to test a method on.
    const daily = Array.from({ length: query.horizon }, (_, i) => ({ date: addDays(today, i), mean: '0.000' }));
    return { productId: query.productId, stockPointId: query.stockPointId ?? null, status: 'no-history', method: 'none', demandClass: 'no-demand', historyDays: 0, censoredDays: 0, daily, backtest: null };
  }
  const forecast = forecastProduct(history, { horizon: query.horizon });
  return {
    productId: query.productId,
    stockPointId: query.stockPointId ?? null,
    status: forecast.status,
    method: forecast.method,
    demandClass: forecast.demand.demandClass,
    historyDays: history.dates.length,
    censoredDays: history.values.filter((value) => value === null).length,
    daily: forecast.daily.map((day) => ({ date: day.date, mean: Math.max(0, day.mean).toFixed(3) })),
    backtest: forecast.backtest && { rmsse: round(forecast.backtest.rmsse), mase: round(forecast.backtest.mase), bias: round(forecast.backtest.bias) },
  };
}
