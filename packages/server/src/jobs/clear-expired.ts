import type { Database } from '../db/database.ts';
import { CHECK_WINDOW_MINUTES } from '../use-cases/accounts/password-checks.ts';

/** How long what has served its purpose is kept before the hourly pass clears it. */
export const KEPT_FOR = {
  /** Sessions, staff's and customers', a week past their end (expiry or sign-out): a late request still reads as "signed out". */
  endedSessionsDays: 7,
  /** An Idempotency-Key answers retries for a week, far longer than any phone retries a request. */
  idempotencyKeysDays: 7,
  /** Messages sent stay a month in 发送记录. Failed ones stay until someone retries or gives up on them. */
  sentDeliveriesDays: 30,
};

/**
 * Clears, across shops, what no rule needs any more: ended sessions, spent idempotency keys, notifications sent
 * long ago and login counts whose window has passed. Deleting what is already gone is harmless, so several
 * processes may run it side by side. Returns how many rows each table lost.
 */
export async function clearExpired(db: Database, now: Date = new Date()): Promise<Record<string, number>> {
  const days = (count: number) => new Date(now.getTime() - count * 86_400_000);
  const statements: Record<string, [string, unknown[]]> = {
    sessions: ['DELETE FROM sessions WHERE LEAST(expires_at, COALESCE(revoked_at, expires_at)) < $1', [days(KEPT_FOR.endedSessionsDays)]],
    customer_sessions: ['DELETE FROM customer_sessions WHERE expires_at < $1', [days(KEPT_FOR.endedSessionsDays)]],
    idempotency_keys: ['DELETE FROM idempotency_keys WHERE created_at < $1', [days(KEPT_FOR.idempotencyKeysDays)]],
    notification_deliveries: ["DELETE FROM notification_deliveries WHERE status = 'sent' AND sent_at < $1", [days(KEPT_FOR.sentDeliveriesDays)]],
    login_attempts: ['DELETE FROM login_attempts WHERE window_started_at < $1', [new Date(now.getTime() - CHECK_WINDOW_MINUTES * 60_000)]],
  };
  const cleared: Record<string, number> = {};
  for (const [table, [sql, params]] of Object.entries(statements)) {
    const [row] = await db.query<{ count: number }>(`WITH gone AS (${sql} RETURNING 1) SELECT count(*)::int AS count FROM gone`, params);
    cleared[table] = row!.count;
  }
  return cleared;
}
