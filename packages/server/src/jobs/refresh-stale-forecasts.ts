import { shiftDay, shopDay } from '@xiaocang/domain';
import type { Database } from '../db/database.ts';
import { settledPostings } from '../db/settled-postings.ts';
import { saleTypesOf, shopPooling } from '../use-cases/analytics/demand-history.ts';
import { staleForecastProducts } from '../use-cases/analytics/kept-forecasts.ts';
import { keepProductForecasts } from './nightly-forecasts.ts';

/**
 * Every few minutes, learns again the kept forecasts that a late bill or a reversal made stale since the nightly
 * pass. Until then the purchase suggestions, 商品分类 and the forecast screen read each such product's year from
 * the ledger in every request (a second for a busy product of a large shop). Only shops whose pass ran today (it
 * keeps their weekly profile and pooled parameters first) are looked at; each product is learnt as the pass learns it,
 * with the kept ones, after a stamp of the postings it reads. Two server processes may learn the same product at once: both
 * keep an answer true to its own stamp. Returns how many were kept.
 */
export async function refreshStaleForecasts(db: Database, now: Date = new Date()): Promise<number> {
  const today = shopDay(now);
  const shops = await db.query<{ shop_id: string }>(
    'SELECT shop_id::text FROM shop_weekday_profiles WHERE made_for = $1::date ORDER BY shop_id',
    [shiftDay(today, -1)],
  );
  let kept = 0;
  for (const { shop_id: shopId } of shops) {
    const stale = await staleForecastProducts(db, shopId, today);
    if (stale.length === 0) continue;
    const stamp = await settledPostings(db);
    const saleTypes = await saleTypesOf(db, shopId);
    kept += await keepProductForecasts(db, shopId, today, stale, { saleTypes, pooling: await shopPooling(db, shopId, saleTypes, today), stamp });
  }
  return kept;
}
