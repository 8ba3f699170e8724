import type { Session } from '@xiaocang/contracts';
import { hashToken, newShopToken, SESSION_DAYS } from '../../auth/tokens.ts';
import type { Queryable } from '../../db/database.ts';
import { loadShop, loadUser } from './rows.ts';

/**
 * Opens a session for a user who has just proven their password. The device they did it from is
 * trusted from now on: it keeps the device token it showed, or is given a new one.
 */
export async function openSession(db: Queryable, shopId: string, userId: string, trustedDeviceToken?: string): Promise<Session> {
  const session = newShopToken(shopId);
  await db.query(
    `INSERT INTO sessions (shop_id, token_hash, user_id, expires_at) VALUES ($1, $2, $3, now() + make_interval(days => $4))`,
    [shopId, session.tokenHash, userId, SESSION_DAYS],
  );
  await db.query('UPDATE users SET last_login_at = now() WHERE shop_id = $1 AND id = $2', [shopId, userId]);
  const device = trustedDeviceToken ?? newShopToken(shopId).token;
  await db.query(
    `INSERT INTO trusted_devices (shop_id, token_hash, user_id) VALUES ($1, $2, $3)
     ON CONFLICT (shop_id, token_hash) DO UPDATE SET last_used_at = now()`,
    [shopId, hashToken(device), userId],
  );
  return { token: session.token, deviceToken: device, user: await loadUser(db, shopId, userId), shop: await loadShop(db, shopId) };
}
