import { monthStart, shopDay } from '@xiaocang/domain';
import type { Database } from '../db/database.ts';
import { archiveShop } from '../use-cases/archive/archive-shop.ts';
import { claimShopDay, finishShopDay, shopsDue } from './shop-day-claims.ts';

/**
 * Once a shop day, for each shop with an archive period (archive_after_months), archives the months that have
 * grown older than it: everything before the first day of the month that many months ago.
 * Returns how many shops were looked at.
 */
export async function archiveOldBills(db: Database, now: Date = new Date()): Promise<number> {
  const day = shopDay(now);
  let done = 0;
  for (const shopId of await shopsDue(db, 'archive', day, 's.archive_after_months IS NOT NULL')) {
    if (!(await claimShopDay(db, shopId, 'archive', day))) continue;
    const [shop] = await db.query<{ months: number | null }>('SELECT archive_after_months AS months FROM shops WHERE id = $1', [shopId]);
    if (shop?.months) await archiveShop(db, shopId, monthStart(day, -shop.months));
    await finishShopDay(db, shopId, 'archive', day);
    done++;
  }
  return done;
}
