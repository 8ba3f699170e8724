import { can, shopDay, type Actor } from '@xiaocang/domain';
import { PassThrough } from 'node:stream';
import { writeShopBackup } from '../../backup/backup-shop.ts';
import type { Database } from '../../db/database.ts';
import { forbidden } from '../../errors.ts';
import type { FileStore } from '../../integrations/storage/file-store.ts';

/**
 * The owner's copy of their own shop, photos included: the same file `npx xiaocang backup` writes, streamed as it is read. A
 * failure halfway cuts the download short, and a cut file is refused by any restore.
 */
export function downloadShopBackup(db: Database, actor: Actor, store: FileStore, log: (error: unknown) => void): { fileName: string; stream: PassThrough } {
  if (!can(actor, 'manageShop')) throw forbidden('Only the owner may download the shop’s backup');
  const stream = new PassThrough();
  writeShopBackup(db, actor.shopId, stream, { store }).catch((error: unknown) => {
    log(error);
    stream.destroy(error as Error);
  });
  return { fileName: `xiaocang-shop-${actor.shopId}-${shopDay(new Date())}.xcbackup`, stream };
}
