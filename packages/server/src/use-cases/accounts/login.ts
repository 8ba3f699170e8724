import type { LoginRequest, Session } from '@xiaocang/contracts';
import { verifyAgainstDecoy, verifyPassword } from '../../auth/password.ts';
import { hashToken, shopIdOfToken } from '../../auth/tokens.ts';
import type { Database } from '../../db/database.ts';
import { AppError } from '../../errors.ts';
import { openSession } from './open-session.ts';
import { checkBucket, claimPasswordCheck, refundPasswordCheck } from './password-checks.ts';

interface Credentials {
  shop_id: string;
  user_id: string;
  password_hash: string;
  status: 'active' | 'inactive';
}

/**
 * Each attempt is counted before its password is checked: against the device when it shows a device
 * token of this very user, else against the username, so strangers' failures lock out strangers only.
 */
export async function login(db: Database, input: LoginRequest): Promise<Session> {
  const username = input.username.toLowerCase();
  const deviceToken = input.deviceToken && (await isTrustedDevice(db, input.deviceToken, username)) ? input.deviceToken : undefined;
  const bucket = deviceToken ? checkBucket.device(shopIdOfToken(deviceToken)!, hashToken(deviceToken)) : checkBucket.username(username);
  await claimPasswordCheck(db, bucket);
  const [user] = await db.query<Credentials>(
    `SELECT u.shop_id, u.id AS user_id, u.password_hash, u.status
       FROM login_names l JOIN users u ON u.shop_id = l.shop_id AND u.id = l.user_id
      WHERE l.username = $1`,
    [username],
  );
  const passwordMatches = user ? await verifyPassword(input.password, user.password_hash) : await verifyAgainstDecoy(input.password);
  if (!user || !passwordMatches || user.status !== 'active') {
    // One answer for every failure, so the response does not reveal which usernames exist.
    throw new AppError('UNAUTHENTICATED', 'Wrong username or password, or the account is disabled');
  }
  await refundPasswordCheck(db, bucket);
  return db.transaction((tx) => openSession(tx, user.shop_id, user.user_id, deviceToken));
}

async function isTrustedDevice(db: Database, token: string, username: string): Promise<boolean> {
  const shopId = shopIdOfToken(token);
  if (!shopId) return false;
  const rows = await db.query(
    `SELECT 1 FROM trusted_devices d JOIN login_names l ON l.shop_id = d.shop_id AND l.user_id = d.user_id
      WHERE d.shop_id = $1 AND d.token_hash = $2 AND l.username = $3`,
    [shopId, hashToken(token), username],
  );
  return rows.length > 0;
}
