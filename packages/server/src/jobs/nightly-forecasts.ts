import { ParamPool, type PooledParams } from '@xiaocang/analytics';
import { shiftDay as addDays, shopDay } from '@xiaocang/domain';
import type { Database } from '../db/database.ts';
import { settledPostings } from '../db/settled-postings.ts';
import { demandHistories, historyWindow, keepPooling, pooledWeekdays, saleTypesOf, type ShopPooling } from '../use-cases/analytics/demand-history.ts';
import { classificationOf, forecastFrom, keepForecast } from '../use-cases/analytics/kept-forecasts.ts';
import type { KeptStamp } from '../use-cases/reports/kept-totals.ts';
import { claimShopDay, finishShopDay, shopsDue } from './shop-day-claims.ts';

/** Histories read per query: a year of days each, so the answer stays a few megabytes. */
const PRODUCTS_PER_READ = 100;

/**
 * Once a shop day, learns the forecast of each enabled product of each shop that moved in the past year from
 * its history up to yesterday, and keeps it: the purchase suggestions then read them instead of learning
 * hundreds of products per request. Returns how many forecasts were kept.
 */
export async function runNightlyForecasts(db: Database, now: Date = new Date()): Promise<number> {
  const today = shopDay(now);
  let kept = 0;
  for (const shopId of await shopsDue(db, 'forecast', today)) {
    if (!(await claimShopDay(db, shopId, 'forecast', today))) continue;
    kept += await keepShopForecasts(db, shopId, today);
    await finishShopDay(db, shopId, 'forecast', today);
  }
  return kept;
}

/**
 * One shop's pass: its weekly profile and its parameters pooled from every product's history, then each product's
 * forecast and classification figures, stamped before any is read.
 */
export async function keepShopForecasts(db: Database, shopId: string, today: string): Promise<number> {
  const stamp = await settledPostings(db);
  const products = await db.query<{ id: string }>(
    `SELECT p.id::text FROM products p
      WHERE p.shop_id = $1 AND p.is_enabled
        AND EXISTS (SELECT 1 FROM stock_ledger l WHERE l.shop_id = p.shop_id AND l.product_id = p.id AND l.bill_date >= $2::date AND l.bill_date < $3::date)
      ORDER BY p.id`,
    [shopId, addDays(today, -365), today],
  );
  const saleTypes = await saleTypesOf(db, shopId);
  const productIds = products.map((product) => product.id);
  const weekdayProfile = await pooledWeekdays(db, shopId, saleTypes, today);
  const pooling = { weekdayProfile, pooledParams: await poolParams(db, shopId, today, productIds, saleTypes, weekdayProfile) };
  await keepPooling(db, shopId, addDays(today, -1), pooling);
  return keepProductForecasts(db, shopId, today, productIds, { saleTypes, pooling, stamp });
}

/** The shop's parameters per demand class (`ParamPool`) from these products' histories up to yesterday, read in batches. */
async function poolParams(db: Database, shopId: string, today: string, productIds: readonly string[], saleTypes: string[], weekdayProfile: number[] | null): Promise<PooledParams> {
  const pool = new ParamPool();
  for (let first = 0; first < productIds.length; first += PRODUCTS_PER_READ) {
    const histories = await demandHistories(db, shopId, { productIds: productIds.slice(first, first + PRODUCTS_PER_READ), saleTypes, ...historyWindow(today) });
    for (const history of histories.values()) if (history.series) pool.add(history.series, weekdayProfile);
  }
  return pool.params();
}

/**
 * Learns and keeps these products' forecasts and classification figures from their history up to yesterday, with
 * what is pooled over the shop, read after `stamp` was taken; a product that had not moved by then is left out.
 * Returns how many were kept.
 */
export async function keepProductForecasts(
  db: Database,
  shopId: string,
  today: string,
  productIds: readonly string[],
  { saleTypes, pooling, stamp }: { saleTypes: string[]; pooling: ShopPooling; stamp: KeptStamp },
): Promise<number> {
  let kept = 0;
  for (let first = 0; first < productIds.length; first += PRODUCTS_PER_READ) {
    const batch = productIds.slice(first, first + PRODUCTS_PER_READ);
    const histories = await demandHistories(db, shopId, { productIds: batch, saleTypes, ...historyWindow(today) });
    for (const productId of batch) {
      const history = histories.get(productId);
      if (!history?.series) continue;
      await keepForecast(db, shopId, productId, addDays(today, -1), forecastFrom(history.series, pooling), classificationOf(history), stamp);
      kept++;
    }
  }
  return kept;
}
