import { shopDay } from '@xiaocang/domain';
import { mkdir, readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { backupShopToFile } from '../backup/backup-shop.ts';
import type { Database } from '../db/database.ts';
import type { FileStore } from '../integrations/storage/file-store.ts';
import { claimShopDay, finishShopDay, shopsDue } from './shop-day-claims.ts';

export interface ScheduledBackups {
  /** Where the files go: `<dir>/shop-<id>/<shop day>.xcbackup`. */
  dir: string;
  /** How many daily files each shop keeps; 0 turns scheduled backups off. */
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
    const folder = path.join(options.dir, `shop-${shopId}`);
    await mkdir(folder, { recursive: true });
    await backupShopToFile(db, shopId, path.join(folder, `${day}.xcbackup`), { store: options.store });
    await finishShopDay(db, shopId, 'backup', day);
    const files = (await readdir(folder)).filter((name) => /^\d{4}-\d{2}-\d{2}\.xcbackup$/.test(name)).sort();
    for (const old of files.slice(0, Math.max(0, files.length - options.keep))) await rm(path.join(folder, old), { force: true });
    written++;
  }
  return written;
}
