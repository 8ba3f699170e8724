import type { Logger } from 'pino';
import type { Database } from '../db/database.ts';

/** How often the tables' changes are looked at. */
export const STATISTICS_CHECK_MS = 2000;

/**
 * Tables whose planner statistics are out of date: as many rows changed since their last ANALYZE as
 * autovacuum would wait for (50 + 10 % of the table), but found within seconds instead of its minute.
 * The table's size is also read from pg_class, which is kept on disk: PGlite starts every time with its
 * activity counters at zero, so by n_live_tup alone a million-row ledger was analysed again (over a
 * second) after its first 50 new rows following each start.
 */
const STALE_TABLES = `
  SELECT format('%I.%I', s.schemaname, s.relname) AS name
    FROM pg_stat_user_tables s JOIN pg_class c ON c.oid = s.relid
   WHERE s.n_mod_since_analyze >= 50 + 0.1 * greatest(s.n_live_tup, c.reltuples)`;

/**
 * Keeps the planner's statistics current while tables grow. A new database has none, and the planner
 * then guesses: on a fresh PostgreSQL database a quarter of a posting went to planning until autovacuum's
 * first pass, a minute later; PGlite runs no autovacuum at all, so its tables were never analysed.
 * Stale tables are analysed in the background; ANALYZE reads a sample, so it stays cheap as they grow.
 */
export function keepStatistics(db: Database, log: Pick<Logger, 'warn'>, everyMs = STATISTICS_CHECK_MS): { stop(): Promise<void> } {
  let running: Promise<void> | undefined;
  const analyseStale = async () => {
    const stale = await db.query<{ name: string }>(STALE_TABLES);
    if (stale.length > 0) await db.query(`ANALYZE ${stale.map((table) => table.name).join(', ')}`);
  };
  const timer = setInterval(() => {
    // One pass at a time: a slow ANALYZE is not queued behind itself.
    running ??= analyseStale()
      .catch((error: unknown) => log.warn({ err: error }, 'could not bring the planner statistics up to date'))
      .finally(() => (running = undefined));
  }, everyMs).unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
