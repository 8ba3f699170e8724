import { shopDay } from '@xiaocang/domain';
import { mkdir, readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { backupShopToFile } from '../backup/backup-shop.ts';
import type { Database } from '../db/database.ts';
import type { FileStore } from '../integrations/storage/file-store.ts';

export interface ScheduledBackups {
  /** Where the files go: `<dir>/shop-<id>/<shop day>.xcbackup`. */
  dir: string;
  /** How many daily files each shop keeps; 0 turns scheduled backups off. */
  keep: number;
  /** The photos' store: their files go into each backup. */
  store?: FileStore;
}

/**
 * Writes each shop's backup once per shop day and keeps the newest `keep`. A shop's day is claimed in
 * daily_runs first, so several processes write it once; a claim whose process died unfinished is taken up
 * again after an hour. Returns how many backups were written.
 */
export async function runScheduledBackups(db: Database, options: ScheduledBackups, now: Date = new Date()): Promise<number> {
  if (options.keep <= 0) return 0;
  const day = shopDay(now);
  const due = await db.query<{ id: string }>(
    `SELECT s.id::text FROM shops s
      WHERE NOT EXISTS (SELECT 1 FROM daily_runs r WHERE r.shop_id = s.id AND r.job = 'backup' AND r.day = $1::date
                          AND (r.finished_at IS NOT NULL OR r.started_at > now() - interval '1 hour'))
      ORDER BY s.id`,
    [day],
  );
  let written = 0;
  for (const shop of due) {
    const [claimed] = await db.query(
      `INSERT INTO daily_runs (shop_id, job, day) VALUES ($1, 'backup', $2)
       ON CONFLICT (shop_id, job, day) DO UPDATE SET started_at = now()
         WHERE daily_runs.finished_at IS NULL AND daily_runs.started_at <= now() - interval '1 hour'
       RETURNING day`,
      [shop.id, day],
    );
    if (!claimed) continue;
    const folder = path.join(options.dir, `shop-${shop.id}`);
    await mkdir(folder, { recursive: true });
    await backupShopToFile(db, shop.id, path.join(folder, `${day}.xcbackup`), { store: options.store });
    await db.query(`UPDATE daily_runs SET finished_at = now() WHERE shop_id = $1 AND job = 'backup' AND day = $2`, [shop.id, day]);
    const files = (await readdir(folder)).filter((name) => /^\d{4}-\d{2}-\d{2}\.xcbackup$/.test(name)).sort();
    for (const old of files.slice(0, Math.max(0, files.length - options.keep))) await rm(path.join(folder, old), { force: true });
    written++;
  }
  return written;
}
