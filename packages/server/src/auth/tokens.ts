import { createHash, randomBytes } from 'node:crypto';

/**
 * A session or device token names its shop, so it is looked up by (shop_id, hash) like every shop-owned
 * row; only its hash is stored.
 */
export function newShopToken(shopId: string): { token: string; tokenHash: string } {
  const token = `${shopId}.${randomBytes(32).toString('base64url')}`;
  return { token, tokenHash: hashToken(token) };
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function shopIdOfToken(token: string): string | undefined {
  const match = /^([1-9]\d{0,17})\.[A-Za-z0-9_-]{43}$/.exec(token);
  return match?.[1];
}

export const SESSION_DAYS = 30;
