import type { Session } from '@xiaocang/contracts';
import { newSessionToken, SESSION_DAYS } from '../../auth/tokens.ts';
import type { Queryable } from '../../db/database.ts';
import { loadShop, loadUser } from './rows.ts';

export async function openSession(db: Queryable, shopId: string, userId: string): Promise<Session> {
  const { token, tokenHash } = newSessionToken(shopId);
  await db.query(
    `INSERT INTO sessions (shop_id, token_hash, user_id, expires_at) VALUES ($1, $2, $3, now() + make_interval(days => $4))`,
    [shopId, tokenHash, userId, SESSION_DAYS],
  );
  await db.query('UPDATE users SET last_login_at = now() WHERE shop_id = $1 AND id = $2', [shopId, userId]);
  return { token, user: await loadUser(db, shopId, userId), shop: await loadShop(db, shopId) };
}
