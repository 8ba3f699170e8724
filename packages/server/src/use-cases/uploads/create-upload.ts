import type { Upload, UploadPurpose } from '@xiaocang/contracts';
import type { Actor } from '@xiaocang/domain';
import type { Database } from '../../db/database.ts';
import type { FileStore } from '../../integrations/storage/file-store.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { prepareImage } from './prepare-image.ts';
import { fileAddress, fileKey, newUploadToken } from './upload-addresses.ts';
import { requireUploader } from './upload-access.ts';

/**
 * Keeps an image: checked and resized in memory first, then both copies put into the store, then the row
 * committed. A failure on the way removes what was put; a process killed between the puts and the commit
 * leaves files no row names, unreachable because their address is the row's token.
 */
export async function createUpload(db: Database, actor: Actor, input: { purpose: UploadPurpose; data: Buffer; store: FileStore }): Promise<Upload> {
  requireUploader(actor, input.purpose);
  const image = await prepareImage(input.data);
  const token = newUploadToken();
  const keys = { full: fileKey(actor.shopId, token, 'full'), thumb: fileKey(actor.shopId, token, 'thumb') };
  try {
    await input.store.put(keys.full, image.full, image.contentType);
    await input.store.put(keys.thumb, image.thumb, image.contentType);
    const row = await db.transaction(async (tx) => {
      const [inserted] = await tx.query<{ id: string; created_at: Date }>(
        `INSERT INTO uploads (shop_id, token, purpose, content_type, width, height, bytes, thumb_bytes, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id::text, created_at`,
        [actor.shopId, token, input.purpose, image.contentType, image.width, image.height, image.full.length, image.thumb.length, actor.userId],
      );
      await recordAudit(tx, actor, 'create', 'upload', inserted!.id, { purpose: input.purpose, width: image.width, height: image.height });
      return inserted!;
    });
    return {
      id: row.id,
      purpose: input.purpose,
      url: fileAddress(actor.shopId, token, 'full'),
      thumbUrl: fileAddress(actor.shopId, token, 'thumb'),
      contentType: image.contentType,
      width: image.width,
      height: image.height,
      bytes: image.full.length,
      createdAt: row.created_at.toISOString(),
    };
  } catch (error) {
    await Promise.allSettled([input.store.delete(keys.full), input.store.delete(keys.thumb)]);
    throw error;
  }
}
