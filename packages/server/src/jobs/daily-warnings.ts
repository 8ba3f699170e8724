import { shopDay } from '@xiaocang/domain';
import type { Database } from '../db/database.ts';
import { checkDailyWarnings } from '../use-cases/warnings/check-daily-warnings.ts';

/**
 * Runs each shop's daily warning check once per shop day. The day is claimed by a row inserted in the
 * check's own transaction: another process claiming the same day waits on it and then finds it taken, and a
 * check that fails releases its claim with its rollback, to be tried again on the next pass.
 */
export async function runDailyWarnings(db: Database, now: Date = new Date()): Promise<number> {
  const day = shopDay(now);
  const due = await db.query<{ id: string }>(
    `SELECT s.id::text FROM shops s WHERE NOT EXISTS (SELECT 1 FROM daily_runs r WHERE r.shop_id = s.id AND r.job = 'warnings' AND r.day = $1::date) ORDER BY s.id`,
    [day],
  );
  let checked = 0;
  for (const shop of due) {
    await db.transaction(async (tx) => {
      const [claimed] = await tx.query(`INSERT INTO daily_runs (shop_id, job, day) VALUES ($1, 'warnings', $2) ON CONFLICT DO NOTHING RETURNING day`, [shop.id, day]);
      if (!claimed) return;
      await checkDailyWarnings(tx, shop.id, day);
      await tx.query(`UPDATE daily_runs SET finished_at = now() WHERE shop_id = $1 AND job = 'warnings' AND day = $2`, [shop.id, day]);
      checked++;
    });
  }
  return checked;
}
