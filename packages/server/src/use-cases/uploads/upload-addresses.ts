import { randomBytes } from 'node:crypto';
import { UPLOAD_ADDRESS } from '@xiaocang/contracts';

/** 24 random bytes (192 bits) as 32 base64url characters: an address nobody can guess or count through. */
export const newUploadToken = (): string => randomBytes(24).toString('base64url');

export type FileVariant = 'full' | 'thumb';

/** The store's key of one copy of an upload: shop id first, so a shop's files sit together. */
export const fileKey = (shopId: string, token: string, variant: FileVariant): string => `${shopId}/${token}${variant === 'thumb' ? '-thumb' : ''}.jpg`;

/** The address the app shows and stores (a product's imageUrl, an attachment's fileId): the key under /uploads/. */
export const fileAddress = (shopId: string, token: string, variant: FileVariant): string => `/uploads/${fileKey(shopId, token, variant)}`;

/** An address of this server's uploads taken apart, or null for anything else (an outside http(s) link). */
export function parseFileAddress(address: string): { shopId: string; token: string; variant: FileVariant } | null {
  const match = UPLOAD_ADDRESS.exec(address);
  return match ? { shopId: match[1]!, token: match[2]!, variant: match[3] ? 'thumb' : 'full' } : null;
}
