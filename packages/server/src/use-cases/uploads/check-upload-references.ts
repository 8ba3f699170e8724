import type { UploadPurpose } from '@xiaocang/contracts';
import type { Queryable } from '../../db/database.ts';
import { invalid } from '../../errors.ts';
import { parseFileAddress } from './upload-addresses.ts';

export interface UploadReference {
  /** The request field that holds the address, e.g. imageUrl or attachments.0.fileId. */
  field: string;
  address: string;
  /** What the upload must have been made for: a receipt is never a product's public picture. */
  purposes: readonly UploadPurpose[];
}

export const PICTURE_PURPOSES: readonly UploadPurpose[] = ['product', 'goods'];

/**
 * Addresses under /uploads/ that a record will show must name an upload of the caller's shop made for that
 * use; outside http(s) links are left as they are. One query for all of them, in the write's transaction.
 */
export async function checkUploadReferences(db: Queryable, shopId: string, references: UploadReference[]): Promise<void> {
  const ours = references.filter((reference) => reference.address.startsWith('/uploads/'));
  if (ours.length === 0) return;
  const parsed = ours.map((reference) => ({ reference, address: parseFileAddress(reference.address) }));
  // FOR SHARE: the sweep of orphans (jobs/sweep-uploads.ts) cannot remove an upload this write is about to name.
  const rows = await db.query<{ token: string; purpose: UploadPurpose }>('SELECT token, purpose FROM uploads WHERE shop_id = $1 AND token = ANY($2::text[]) FOR SHARE', [
    shopId,
    parsed.flatMap(({ address }) => (address?.shopId === shopId ? [address.token] : [])),
  ]);
  const purposeOf = new Map(rows.map((row) => [row.token, row.purpose]));
  for (const { reference, address } of parsed) {
    const purpose = address?.shopId === shopId ? purposeOf.get(address.token) : undefined;
    if (!purpose) throw invalid(reference.field, 'is not an image uploaded to this shop');
    if (!reference.purposes.includes(purpose)) throw invalid(reference.field, `is a ${purpose === 'bill' ? "bill's attachment" : 'picture'}, which cannot be used here`);
  }
}
