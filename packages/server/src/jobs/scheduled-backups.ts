import { shopDay } from '@xiaocang/domain';
import type { BackupShelf } from '../backup/backup-shelf.ts';
import { backupShopToFile } from '../backup/backup-shop.ts';
import type { Database } from '../db/database.ts';
import type { FileStore } from '../integrations/storage/file-store.ts';
import { claimShopDay, finishShopDay, shopsDue } from './shop-day-claims.ts';

export interface ScheduledBackups {
  /** A folder or a bucket: `shop-<id>/<shop day>.xcbackup` there. */
  shelf: BackupShelf;
  /** How many daily backups each shop keeps; 0 turns scheduled backups off. */
  keep: number;
  /** The photos' store: their files go into each backup. */
  store?: FileStore;
}

/** Writes each shop's backup once per shop day and keeps the newest `keep`. Returns how many were written. */
export async function runScheduledBackups(db: Database, options: ScheduledBackups, now: Date = new Date()): Promise<number> {
  if (options.keep <= 0) return 0;
  const day = shopDay(now);
  let written = 0;
  for (const shopId of await shopsDue(db, 'backup', day)) {
    if (!(await claimShopDay(db, shopId, 'backup', day))) continue;
    await options.shelf.put(shopId, day, (file) => backupShopToFile(db, shopId, file, { store: options.store }));
    await finishShopDay(db, shopId, 'backup', day);
    const days = await options.shelf.days(shopId);
    for (const old of days.slice(0, Math.max(0, days.length - options.keep))) await options.shelf.remove(shopId, old);
    written++;
  }
  return written;
}
