import type { KeptStamp } from '../use-cases/reports/kept-totals.ts';
import type { Database } from './database.ts';

/** How long a pass waits for postings under way when it starts before it tries again later. */
const SETTLE_MS = 30_000;

/**
 * The last posting_seq handed out, once every posting that may hold one up to it has ended, and when the earliest
 * transaction that may post after it started. Posting locks its products (which gives its transaction an id) before
 * it draws its posting_seq, so every transaction holding one up to it shows in pg_stat_activity with its id when
 * looked at afterwards, or has ended: the pass waits for those of this database. A transaction that draws one after
 * it was running when the earliest start was read, or began later. Rows read after this see every posting up to it.
 */
export async function settledPostings(db: Database): Promise<KeptStamp> {
  const [started] = await db.query<{ postings_from: string }>(
    `SELECT LEAST(clock_timestamp(), min(xact_start))::text AS postings_from FROM pg_stat_activity
      WHERE datname = current_database() AND pid <> pg_backend_pid()`,
  );
  const [last] = await db.query<{ seq: string }>(`SELECT COALESCE(pg_sequence_last_value('posting_seq'), 0)::text AS seq`);
  const [open] = await db.query<{ running: string }>(
    `SELECT COALESCE(json_agg(json_build_object('pid', pid, 'xid', backend_xid::text)), '[]')::text AS running
       FROM pg_stat_activity WHERE datname = current_database() AND backend_xid IS NOT NULL AND pid <> pg_backend_pid()`,
  );
  const giveUp = Date.now() + SETTLE_MS;
  for (;;) {
    const [still] = await db.query<{ running: number }>(
      `SELECT count(*)::int AS running FROM pg_stat_activity a JOIN json_to_recordset($1::json) r(pid int, xid text) ON a.pid = r.pid AND a.backend_xid::text = r.xid`,
      [open!.running],
    );
    if (still!.running === 0) return { postingSeq: last!.seq, postingsFrom: started!.postings_from };
    if (Date.now() > giveUp) throw new Error('transactions older than the pass are still open');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
