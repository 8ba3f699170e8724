import { shiftDay as addDays, shopDay } from '@xiaocang/domain';
import type { Database } from '../db/database.ts';
import { saleTypesOf } from '../use-cases/analytics/demand-history.ts';
import { keepForecast, learnForecast } from '../use-cases/analytics/kept-forecasts.ts';
import { claimShopDay, finishShopDay, shopsDue } from './shop-day-claims.ts';

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
    const products = await db.query<{ id: string }>(
      `SELECT p.id::text FROM products p
        WHERE p.shop_id = $1 AND p.is_enabled
          AND EXISTS (SELECT 1 FROM stock_ledger l WHERE l.shop_id = p.shop_id AND l.product_id = p.id AND l.bill_date >= $2::date AND l.bill_date < $3::date)
        ORDER BY p.id`,
      [shopId, addDays(today, -365), today],
    );
    const saleTypes = await saleTypesOf(db, shopId);
    for (const product of products) {
      const forecast = await learnForecast(db, shopId, product.id, saleTypes, today);
      if (!forecast) continue;
      await keepForecast(db, shopId, product.id, addDays(today, -1), forecast);
      kept++;
    }
    await finishShopDay(db, shopId, 'forecast', today);
  }
  return kept;
}
