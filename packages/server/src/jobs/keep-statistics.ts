import type { Logger } from 'pino';
import type { Database, Queryable } from '../db/database.ts';
import { SLOW_PASS_MS } from './background.ts';

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

/** The tables whose rows belong to a shop and whose plans follow how many rows a shop has (named as STALE_TABLES names them). */
const SHOP_TABLES = `SELECT format('%I.%I', current_schema(), t) AS name FROM unnest(ARRAY['stock_ledger_live', 'stock_bills', 'stock_bill_lines_live']) t`;

/** How often each shop's ledger is compared with what the planner believes of it. */
export const SHOP_ROWS_CHECK_MS = 60_000;

/** A shop's rows are counted up to this many: enough to tell a shop the planner misjudges. */
const COUNTED_UP_TO = 20_000;

/**
 * Each shop's live ledger rows (up to COUNTED_UP_TO, by its index), and what the planner's statistics of the
 * ledger's shop_id hold: its most common values with their shares, the share of the rest, the count of distinct
 * values and the table's size.
 */
const SHOP_ROWS = `
  SELECT s.id::text AS shop_id,
         (SELECT count(*) FROM (SELECT 1 FROM stock_ledger_live l WHERE l.shop_id = s.id LIMIT ${COUNTED_UP_TO}) r)::int AS rows
    FROM shops s`;
const SHOP_ID_STATISTICS = `
  SELECT array_to_json(st.most_common_vals::text::bigint[])::text AS shops, array_to_json(st.most_common_freqs)::text AS shares,
         st.n_distinct::float8 AS distinct, st.null_frac::float8 AS null_share, greatest(c.reltuples, 0)::float8 AS rows
    FROM pg_stats st JOIN pg_class c ON c.oid = 'stock_ledger_live'::regclass
   WHERE st.schemaname = current_schema() AND st.tablename = 'stock_ledger_live' AND st.attname = 'shop_id'`;

interface ShopIdStatistics {
  shops: string | null;
  shares: string | null;
  distinct: number;
  null_share: number;
  rows: number;
}

/** What the planner expects of each shop's live ledger rows; null before the ledger was first analysed. */
export async function plannerShopEstimates(db: Queryable): Promise<((shopId: string) => number) | null> {
  const [statistics] = await db.query<ShopIdStatistics>(SHOP_ID_STATISTICS);
  return statistics ? plannerShopRows(statistics) : null;
}

/** The rows the planner expects for `shop_id = x`, as PostgreSQL works it out (var_eq_const): a common value's share, else an even part of the rest. */
function plannerShopRows(statistics: ShopIdStatistics): (shopId: string) => number {
  const shops: string[] = statistics.shops ? (JSON.parse(statistics.shops) as number[]).map(String) : [];
  const shares: number[] = statistics.shares ? (JSON.parse(statistics.shares) as number[]) : [];
  const common = new Map(shops.map((shop, i) => [shop, shares[i] ?? 0]));
  const distinct = statistics.distinct >= 0 ? statistics.distinct : -statistics.distinct * statistics.rows;
  const rest = Math.max(0, 1 - statistics.null_share - shares.reduce((sum, share) => sum + share, 0));
  const otherShare = distinct > shops.length ? rest / (distinct - shops.length) : rest;
  return (shopId) => (common.get(shopId) ?? otherShare) * statistics.rows;
}

/**
 * Shops whose ledger has outgrown what the planner believes of it: at least 1,000 rows and four times its estimate.
 * A shop that starts on a database already holding a large one is estimated at a handful of rows until the next
 * ANALYZE, which the table-wide threshold puts off until a tenth of the whole table has changed. Planned for a
 * handful, a pass's joins over such a shop's 9,000 rows took 34 and 83 s instead of a fraction of a second, in one
 * statement that held PGlite's only connection. A shop analysed for and still misjudged (too rare for the sample
 * to see) is looked at again only once it has doubled.
 */
async function misjudgedShops(db: Database, analysedFor: Map<string, number>): Promise<string[]> {
  const expected = await plannerShopEstimates(db);
  if (!expected) return [];
  const misjudged: string[] = [];
  for (const { shop_id: shopId, rows } of await db.query<{ shop_id: string; rows: number }>(SHOP_ROWS)) {
    if (rows >= 1000 && rows > 4 * expected(shopId) && rows >= 2 * (analysedFor.get(shopId) ?? 0)) {
      misjudged.push(shopId);
      analysedFor.set(shopId, rows);
    }
  }
  return misjudged;
}

/**
 * Keeps the planner's statistics current while tables grow. A new database has none, and the planner
 * then guesses: on a fresh PostgreSQL database a quarter of a posting went to planning until autovacuum's
 * first pass, a minute later; PGlite runs no autovacuum at all, so its tables were never analysed.
 * Stale tables are analysed in the background; ANALYZE reads a sample, so it stays cheap as they grow.
 */
export function keepStatistics(db: Database, log: Pick<Logger, 'warn' | 'info'>, everyMs = STATISTICS_CHECK_MS, shopsEveryMs = SHOP_ROWS_CHECK_MS): { stop(): Promise<void> } {
  let running: Promise<void> | undefined;
  let shopsCheckedAt = -Infinity;
  const analysedFor = new Map<string, number>();
  const analyseStale = async () => {
    const stale = new Set((await db.query<{ name: string }>(STALE_TABLES)).map((table) => table.name));
    if (performance.now() - shopsCheckedAt >= shopsEveryMs) {
      shopsCheckedAt = performance.now();
      const misjudged = await misjudgedShops(db, analysedFor);
      if (misjudged.length > 0) for (const table of await db.query<{ name: string }>(SHOP_TABLES)) stale.add(table.name);
    }
    if (stale.size === 0) return;
    const started = performance.now();
    await db.query(`ANALYZE ${[...stale].join(', ')}`);
    // On PGlite an ANALYZE of a large table holds the one thread: every request waits for it, so it shows in the log.
    const ms = Math.round(performance.now() - started);
    if (ms >= SLOW_PASS_MS) log.info({ tables: [...stale], ms }, 'slow ANALYZE');
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
