import { z } from 'zod';
import { Id, Timestamp } from './common.ts';

/**
 * What an image is for. It decides who may upload it (whoever may edit products, or make bills) and who
 * may read it: product and goods pictures are public to whoever has the address (the storefront shows
 * them to customers); a bill's attachment (票据图片) only to a staff session of the shop.
 */
export const UploadPurpose = z.enum(['product', 'goods', 'bill']);
export type UploadPurpose = z.infer<typeof UploadPurpose>;

export const UploadQuery = z.object({ purpose: UploadPurpose });

/** An uploaded image: its resized copy (at most 1600 px a side) and a thumbnail (at most 320 px), both JPEG. */
export const Upload = z.object({
  id: Id,
  purpose: UploadPurpose,
  /** The address to store in a product's imageUrl, a goods item's images or a bill's attachments. */
  url: z.string(),
  thumbUrl: z.string(),
  contentType: z.string(),
  width: z.number().int(),
  height: z.number().int(),
  /** The size of the resized copy in bytes. */
  bytes: z.number().int(),
  createdAt: Timestamp,
});
export type Upload = z.infer<typeof Upload>;

/** The address of an uploaded file: /uploads/<shop id>/<token>.jpg, or …-thumb.jpg for its thumbnail. */
export const UPLOAD_ADDRESS = /^\/uploads\/([1-9]\d{0,17})\/([A-Za-z0-9_-]{32})(-thumb)?\.jpg$/;
