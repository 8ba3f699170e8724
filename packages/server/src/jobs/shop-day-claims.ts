import type { Database } from '../db/database.ts';

/**
 * Claims of daily work that spans several transactions (a backup, an archive run), kept in daily_runs: each
 * shop's day is done once by one process, and a claim whose process died unfinished is taken up again after
 * an hour.
 */

/** The shops (among those `onlyShops` selects from `shops s`) whose `job` is neither done nor under way on `day`. */
export async function shopsDue(db: Database, job: string, day: string, onlyShops = 'true'): Promise<string[]> {
  const due = await db.query<{ id: string }>(
    `SELECT s.id::text FROM shops s
      WHERE ${onlyShops}
        AND NOT EXISTS (SELECT 1 FROM daily_runs r WHERE r.shop_id = s.id AND r.job = $1 AND r.day = $2::date
                          AND (r.finished_at IS NOT NULL OR r.started_at > now() - interval '1 hour'))
      ORDER BY s.id`,
    [job, day],
  );
  return due.map((shop) => shop.id);
}

/** True when this process now holds the shop's day for `job`. */
export async function claimShopDay(db: Database, shopId: string, job: string, day: string): Promise<boolean> {
  const [claimed] = await db.query(
    `INSERT INTO daily_runs (shop_id, job, day) VALUES ($1, $2, $3)
     ON CONFLICT (shop_id, job, day) DO UPDATE SET started_at = now()
       WHERE daily_runs.finished_at IS NULL AND daily_runs.started_at <= now() - interval '1 hour'
     RETURNING day`,
    [shopId, job, day],
  );
  return claimed !== undefined;
}

export async function finishShopDay(db: Database, shopId: string, job: string, day: string): Promise<void> {
  await db.query('UPDATE daily_runs SET finished_at = now() WHERE shop_id = $1 AND job = $2 AND day = $3', [shopId, job, day]);
}
