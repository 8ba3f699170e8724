import { can, type Actor } from '@xiaocang/domain';
import type { Queryable } from '../../db/database.ts';
import { notFound } from '../../errors.ts';
import type { FileStore, StoredFile } from '../../integrations/storage/file-store.ts';
import { fileKey, parseFileAddress } from './upload-addresses.ts';

export interface UploadFile extends StoredFile {
  contentType: string;
  /** Product and goods pictures are public; a bill's attachment is the shop's own. */
  isPublic: boolean;
}

/**
 * The file at an /uploads/ address. It is looked up by the shop in the address and its token, so a token
 * under another shop's id names nothing. A bill's attachment is read only by a session of its shop, by
 * whoever may see others' records or uploaded it; anyone else is told it does not exist.
 */
export async function readUploadFile(db: Queryable, actor: Actor | null, input: { address: string; store: FileStore }): Promise<UploadFile> {
  const address = parseFileAddress(input.address);
  if (!address) throw notFound('File');
  const [upload] = await db.query<{ purpose: string; content_type: string; created_by: string }>(
    'SELECT purpose, content_type, created_by::text FROM uploads WHERE shop_id = $1 AND token = $2',
    [address.shopId, address.token],
  );
  if (!upload) throw notFound('File');
  const isPublic = upload.purpose !== 'bill';
  const mayRead = isPublic || (actor?.shopId === address.shopId && (can(actor, 'viewOthersRecords') || actor.userId === upload.created_by));
  if (!mayRead) throw notFound('File');
  const file = await input.store.get(fileKey(address.shopId, address.token, address.variant));
  if (!file) throw notFound('File');
  return { ...file, contentType: upload.content_type, isPublic };
}
