import { createHash, randomBytes } from 'node:crypto';
import type { Queryable } from '../../db/database.ts';

/** A new share token: 32 random bytes, base64url (43 characters), and the hash that is all the database keeps. */
export function newShareToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: shareTokenHash(token) };
}

/** SHA-256 of the token, in hex (stored as bytea). Any string has one, so a malformed token is looked up like any other. */
export function shareTokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Names the shop of a new token in the global index the public view reads first. */
export async function indexShareToken(db: Queryable, shopId: string, hash: string): Promise<void> {
  await db.query(`INSERT INTO share_tokens (token_hash, shop_id) VALUES (decode($1, 'hex'), $2)`, [hash, shopId]);
}

/** The public path of a token's view; `.png` and `.pdf` beside it. */
export const sharePath = (token: string) => `/p/bills/${token}`;
