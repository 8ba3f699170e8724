import type { LoginRequest, Session } from '@xiaocang/contracts';
import { verifyAgainstDecoy, verifyPassword } from '../../auth/password.ts';
import type { Database } from '../../db/database.ts';
import { AppError } from '../../errors.ts';
import { openSession } from './open-session.ts';

/** After this many failures within the window, the username is locked for the window. */
export const MAX_FAILED_LOGINS = 5;
const WINDOW_MINUTES = 15;

interface Credentials {
  shop_id: string;
  user_id: string;
  password_hash: string;
  status: 'active' | 'inactive';
}

export async function login(db: Database, input: LoginRequest): Promise<Session> {
  const username = input.username.toLowerCase();
  const [lock] = await db.query<{ locked: boolean }>(
    'SELECT locked_until > now() AS locked FROM login_throttle WHERE username = $1',
    [username],
  );
  if (lock?.locked) {
    throw new AppError('TOO_MANY_REQUESTS', `Too many failed logins; try again in ${WINDOW_MINUTES} minutes`);
  }
  const [user] = await db.query<Credentials>(
    `SELECT u.shop_id, u.id AS user_id, u.password_hash, u.status
       FROM login_names l JOIN users u ON u.shop_id = l.shop_id AND u.id = l.user_id
      WHERE l.username = $1`,
    [username],
  );
  const passwordMatches = user ? await verifyPassword(input.password, user.password_hash) : await verifyAgainstDecoy(input.password);
  if (!user || !passwordMatches || user.status !== 'active') {
    await recordFailure(db, username);
    // One answer for every failure, so the response does not reveal which usernames exist.
    throw new AppError('UNAUTHENTICATED', 'Wrong username or password, or the account is disabled');
  }
  await db.query('DELETE FROM login_throttle WHERE username = $1', [username]);
  return db.transaction((tx) => openSession(tx, user.shop_id, user.user_id));
}

async function recordFailure(db: Database, username: string): Promise<void> {
  await db.query(
    `INSERT INTO login_throttle AS t (username, failures, window_started_at) VALUES ($1, 1, now())
     ON CONFLICT (username) DO UPDATE SET
       failures = CASE WHEN t.window_started_at < now() - make_interval(mins => $2) THEN 1 ELSE t.failures + 1 END,
       window_started_at = CASE WHEN t.window_started_at < now() - make_interval(mins => $2) THEN now() ELSE t.window_started_at END,
       locked_until = CASE WHEN t.window_started_at >= now() - make_interval(mins => $2) AND t.failures + 1 >= $3
                           THEN now() + make_interval(mins => $2) ELSE t.locked_until END`,
    [username, WINDOW_MINUTES, MAX_FAILED_LOGINS],
  );
}
