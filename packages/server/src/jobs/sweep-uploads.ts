import type { Database } from '../db/database.ts';
import type { FileStore } from '../integrations/storage/file-store.ts';
import { fileKey } from '../use-cases/uploads/upload-addresses.ts';

/** An upload nothing has referred to for this long was chosen in a form that was never saved. */
export const ORPHAN_AFTER = '1 day';

/**
 * Removes uploads older than a day that no product, goods item or bill refers to (by the copy's address or
 * its thumbnail's), a batch at a time: files first, then the row, in one transaction. A product being saved
 * holds the rows it names FOR SHARE (`checkUploadReferences`), so the sweep skips them (SKIP LOCKED) or, having
 * locked one first, has deleted it by the time the save reads it, which then refuses the address. Several
 * processes share the work; a pass killed after removing files leaves a row that the next pass removes.
 */
export async function sweepOrphanUploads(db: Database, store: FileStore, batch = 100): Promise<number> {
  return db.transaction(async (tx) => {
    const orphans = await tx.query<{ shop_id: string; id: string; token: string }>(
      `SELECT u.shop_id::text, u.id::text, u.token
         FROM uploads u
        CROSS JOIN LATERAL (SELECT '/uploads/' || u.shop_id || '/' || u.token || '.jpg' AS full_url,
                                   '/uploads/' || u.shop_id || '/' || u.token || '-thumb.jpg' AS thumb_url) a
        WHERE u.created_at < now() - $1::interval
          AND NOT EXISTS (SELECT 1 FROM products p WHERE p.shop_id = u.shop_id AND p.image_url IN (a.full_url, a.thumb_url))
          AND NOT EXISTS (SELECT 1 FROM goods g WHERE g.shop_id = u.shop_id AND (g.images ? a.full_url OR g.images ? a.thumb_url))
          AND NOT EXISTS (SELECT 1 FROM stock_bills b WHERE b.shop_id = u.shop_id
                             AND (b.attachments @> jsonb_build_array(jsonb_build_object('fileId', a.full_url))
                               OR b.attachments @> jsonb_build_array(jsonb_build_object('fileId', a.thumb_url))))
        ORDER BY u.shop_id, u.id
        LIMIT $2
        FOR UPDATE OF u SKIP LOCKED`,
      [ORPHAN_AFTER, batch],
    );
    for (const orphan of orphans) {
      await store.delete(fileKey(orphan.shop_id, orphan.token, 'full'));
      await store.delete(fileKey(orphan.shop_id, orphan.token, 'thumb'));
      await tx.query('DELETE FROM uploads WHERE shop_id = $1 AND id = $2', [orphan.shop_id, orphan.id]);
    }
    return orphans.length;
  });
}
