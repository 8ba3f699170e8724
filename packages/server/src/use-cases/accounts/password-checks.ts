import type { Queryable } from '../../db/database.ts';
import { tooManyRequests } from '../../errors.ts';

/** At most this many password checks per bucket and window; a correct password gives its check back. */
export const MAX_PASSWORD_CHECKS = 5;
export const CHECK_WINDOW_MINUTES = 15;

/** Who is being counted: strangers trying a username, one trusted device, or one session. */
export const checkBucket = {
  username: (username: string) => `username:${username}`,
  device: (shopId: string, tokenHash: string) => `device:${shopId}:${tokenHash}`,
  session: (shopId: string, tokenHash: string) => `session:${shopId}:${tokenHash}`,
};

/**
 * Counts a password check before it is made. The count is one atomic upsert, committed on its own, so
 * parallel requests (and several server processes) each see a distinct number and no more than
 * MAX_PASSWORD_CHECKS of them reach the password in a window, whatever the concurrency.
 */
export async function claimPasswordCheck(db: Queryable, bucket: string): Promise<void> {
  const [claim] = await db.query<{ attempts: number; retry_after: number }>(
    `INSERT INTO login_attempts AS a (bucket, attempts, window_started_at) VALUES ($1, 1, now())
     ON CONFLICT (bucket) DO UPDATE SET
       attempts = CASE WHEN a.window_started_at <= now() - make_interval(mins => $2) THEN 1 ELSE a.attempts + 1 END,
       window_started_at = CASE WHEN a.window_started_at <= now() - make_interval(mins => $2) THEN now() ELSE a.window_started_at END
     RETURNING attempts, extract(epoch FROM window_started_at + make_interval(mins => $2) - now())::float8 AS retry_after`,
    [bucket, CHECK_WINDOW_MINUTES],
  );
  if (claim!.attempts > MAX_PASSWORD_CHECKS) {
    throw tooManyRequests(`Too many password attempts; try again in ${Math.ceil(claim!.retry_after / 60)} minutes`, claim!.retry_after);
  }
}

/** The right password was given: that check was not a guess, so it no longer counts. */
export async function refundPasswordCheck(db: Queryable, bucket: string): Promise<void> {
  await db.query('UPDATE login_attempts SET attempts = attempts - 1 WHERE bucket = $1 AND attempts > 0', [bucket]);
}
