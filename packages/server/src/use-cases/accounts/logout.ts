import { hashToken, shopIdOfToken } from '../../auth/tokens.ts';
import type { Database } from '../../db/database.ts';

export async function logout(db: Database, token: string): Promise<void> {
  const shopId = shopIdOfToken(token);
  if (!shopId) return;
  await db.query('UPDATE sessions SET revoked_at = now() WHERE shop_id = $1 AND token_hash = $2 AND revoked_at IS NULL', [
    shopId,
    hashToken(token),
  ]);
}
