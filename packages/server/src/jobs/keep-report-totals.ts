import { monthStart, shiftDay, shopDay } from '@xiaocang/domain';
import type { Database } from '../db/database.ts';
import { settledPostings } from '../db/settled-postings.ts';
import { STANDING_BILLS } from '../use-cases/reports/in-out-summary.ts';
import { postedSince } from '../use-cases/reports/kept-totals.ts';
import { SALES_FIGURES, SALES_LINES } from '../use-cases/reports/sales-report.ts';
import { closesOf, OPENINGS_AND_CHANGES } from '../use-cases/reports/stock-trend.ts';

/**
 * Days kept per transaction, within one month: on PGlite every request waits while one runs (a week of the bench's
 * shop, 1,400 ledger rows a day, takes about a quarter of a second there).
 */
const DAYS_PER_TRANSACTION = 7;

/** A pass claimed by a process that died is taken up again after this long. */
const CLAIM_LAPSES = `now() - interval '1 hour'`;

/**
 * The shops whose kept report totals or stock days are due: none kept yet, not kept through today, or a bill posted since into a
 * kept day (today's bills included). One job every few minutes keeps the new day after midnight, takes in the day's
 * postings and mends the days after a backdated bill or a reversal, so a report reads from the bills only what was
 * posted since its last run (or the days a late bill changed, until then). Returns how many days each shop due had kept.
 */
export async function runReportTotals(db: Database, now: Date = new Date()): Promise<Map<string, number>> {
  const today = shopDay(now);
  const states = await db.query<{ shop_id: string; kept_through: string | null; posting_seq: string | null; postings_from: string | null }>(
    `SELECT s.id::text AS shop_id, (CASE WHEN k.kept_through IS NOT NULL AND k.trend_through IS NOT NULL THEN LEAST(k.kept_through, k.trend_through) END)::text AS kept_through, k.posting_seq::text, k.postings_from::text
       FROM shops s LEFT JOIN kept_report_state k ON k.shop_id = s.id
      WHERE k.building_since IS NULL OR k.building_since < ${CLAIM_LAPSES}
      ORDER BY s.id`,
  );
  const due: string[] = [];
  for (const state of states) {
    const current = state.kept_through !== null && state.kept_through >= today;
    const changedFrom = current ? (await postedSince(db, state.shop_id, { postingSeq: state.posting_seq!, postingsFrom: state.postings_from! })).changedFrom : null;
    if (!current || (changedFrom !== null && changedFrom <= state.kept_through!)) due.push(state.shop_id);
  }
  const kept = new Map<string, number>();
  for (const shopId of due) kept.set(shopId, await keepShopReportTotals(db, shopId, today));
  return kept;
}

/**
 * The shop's report totals kept through $2 and its stock days through $3, holding the bills posted up to $4, any
 * later one posted by a transaction begun at $5 or after; the stock days only if no product changed category since
 * the pass read generation $6 (the trigger of migration 029 left them to be kept again).
 */
const KEPT = `UPDATE kept_report_state SET kept_through = $2, trend_through = CASE WHEN trend_generation = $6 THEN $3::date END,
                posting_seq = $4, postings_from = $5, made_at = now() WHERE shop_id = $1`;

/** The days a pass keeps of one kind of kept rows: from `from` (when it is on or before the last day). */
interface KeptKind {
  from: string;
  cleared: boolean;
}

/**
 * One shop's pass: keeps its report totals and stock days through today (the shop's day) of the bills posted up to
 * now, each rebuilt from the earliest day a posting since the last pass changed (or the day after they were kept
 * through), a week at most per transaction so that a long rebuild never holds the database for long. Each
 * transaction moves kept_through and trend_through to its last day: a report reads the bills and the ledger after
 * them meanwhile; a month's rows are kept with its last day. Returns how many days were kept.
 */
export async function keepShopReportTotals(db: Database, shopId: string, today: string): Promise<number> {
  const stamp = await settledPostings(db);
  await db.query('INSERT INTO kept_report_state (shop_id) VALUES ($1) ON CONFLICT DO NOTHING', [shopId]);
  const [claimed] = await db.query<{
    kept_through: string | null;
    trend_through: string | null;
    trend_generation: string;
    posting_seq: string;
    postings_from: string;
    first_day: string | null;
  }>(
    `UPDATE kept_report_state k SET building_since = now()
      WHERE k.shop_id = $1 AND (k.building_since IS NULL OR k.building_since < ${CLAIM_LAPSES})
      RETURNING k.kept_through::text, k.trend_through::text, k.trend_generation::text, k.posting_seq::text, k.postings_from::text,
                (SELECT min(b.bill_date) FROM stock_bills b WHERE b.shop_id = k.shop_id AND b.posting_seq IS NOT NULL)::text AS first_day`,
    [shopId],
  );
  if (!claimed) return 0;
  try {
    const { changedFrom } = await postedSince(db, shopId, { postingSeq: claimed.posting_seq, postingsFrom: claimed.postings_from });
    const kindFrom = (keptThrough: string | null): KeptKind => {
      const next = keptThrough ? shiftDay(keptThrough, 1) : (claimed.first_day ?? today);
      return { from: changedFrom !== null && changedFrom < next ? changedFrom : next, cleared: false };
    };
    const totals = kindFrom(claimed.kept_through);
    const stockDays = kindFrom(claimed.trend_through);
    let from = totals.from < stockDays.from ? totals.from : stockDays.from;
    if (from > today) {
      // Nothing posted since is dated on a kept day: the rows hold the bills up to this posting_seq too.
      await db.query(KEPT, [shopId, today, today, stamp.postingSeq, stamp.postingsFrom, claimed.trend_generation]);
      return 0;
    }
    let days = 0;
    for (; from <= today; ) {
      const monthEnd = shiftDay(monthStart(from, 1), -1);
      const through = [monthEnd, shiftDay(from, DAYS_PER_TRANSACTION - 1), today].sort()[0]!;
      await db.transaction(async (tx) => {
        if (totals.from <= through) {
          const first = totals.from > from ? totals.from : from;
          if (!totals.cleared) {
            // The rows from the first changed day on, and the month rows holding it, are rebuilt.
            for (const table of ['kept_in_out_totals', 'kept_sales_by_product', 'kept_sales_by_customer']) {
              await tx.query(
                `DELETE FROM ${table} WHERE shop_id = $1 AND ((NOT whole_month AND period_start >= $2::date) OR (whole_month AND period_start >= $3::date))`,
                [shopId, first, monthStart(first)],
              );
            }
            totals.cleared = true;
          }
          await keepDays(tx, shopId, first, through, stamp.postingSeq);
          if (through === monthEnd) await keepMonth(tx, shopId, monthStart(from));
        }
        if (stockDays.from <= through) {
          const first = stockDays.from > from ? stockDays.from : from;
          if (!stockDays.cleared) {
            await tx.query('DELETE FROM kept_stock_days WHERE shop_id = $1 AND day >= $2::date', [shopId, first]);
            stockDays.cleared = true;
          }
          await keepStockDays(tx, shopId, first, through);
        }
        const keptThrough = (kind: KeptKind, before: string | null) => (kind.from <= through ? through : before);
        await tx.query(KEPT, [
          shopId,
          keptThrough(totals, claimed.kept_through),
          keptThrough(stockDays, claimed.trend_through),
          stamp.postingSeq,
          stamp.postingsFrom,
          claimed.trend_generation,
        ]);
      });
      days += Math.round((Date.parse(through) - Date.parse(from)) / 86_400_000) + 1;
      from = shiftDay(through, 1);
    }
    return days;
  } finally {
    await db.query('UPDATE kept_report_state SET building_since = NULL WHERE shop_id = $1', [shopId]);
  }
}

/**
 * Each category's change of stock per stock point on each day from–through, from its products' ledger rows as the
 * trend reads them (products without a category have no category trend). The days' rows are found through their
 * bills (by date), which lie together, and only the pairs that moved are probed for their opening.
 */
async function keepStockDays(tx: Pick<Database, 'query'>, shopId: string, from: string, through: string): Promise<void> {
  // Planned for each week's dates: the generic plan a prepared statement settles on after five weeks read the whole
  // ledger per week on a small shop (192 s against 10 s for 40,000 rows over two years).
  await tx.query('SET LOCAL plan_cache_mode = force_custom_plan');
  await tx.query(
    `INSERT INTO kept_stock_days (shop_id, category_id, day, stock_point_id, quantity, amount)
     WITH ${closesOf('stock_bills b JOIN stock_ledger l ON l.shop_id = b.shop_id AND l.bill_id = b.id AND b.shop_id = $1 AND b.bill_date BETWEEN $2::date AND $3::date')},
     pairs AS (SELECT DISTINCT stock_point_id, product_id FROM closes),
     ${OPENINGS_AND_CHANGES}
     SELECT $1, p.category_id, c.bill_date, c.stock_point_id, sum(c.quantity), sum(c.amount)
       FROM changes c JOIN products p ON p.shop_id = $1 AND p.id = c.product_id AND p.category_id IS NOT NULL
      GROUP BY p.category_id, c.bill_date, c.stock_point_id`,
    [shopId, from, through],
  );
}

/** The day rows of the days from–through, from the same rows the reports read, of the bills posted up to `seq`. */
async function keepDays(tx: Pick<Database, 'query'>, shopId: string, from: string, through: string, seq: string): Promise<void> {
  await tx.query(
    `INSERT INTO kept_in_out_totals (shop_id, whole_month, period_start, direction, bill_type, created_by, customer_id, supplier_id, bills, quantity, amount, cost)
     SELECT $1, false, s.bill_date, s.direction, s.bill_type, s.created_by, s.customer_id, s.supplier_id, sum(s.bills), sum(s.quantity), sum(s.amount), sum(s.cost)
       FROM (${STANDING_BILLS}) s
      GROUP BY s.bill_date, s.direction, s.bill_type, s.created_by, s.customer_id, s.supplier_id`,
    [shopId, from, through, null, null, '0', seq],
  );
  await tx.query(
    `INSERT INTO kept_sales_by_product (shop_id, whole_month, period_start, product_id, bills, quantity, amount, cost)
     SELECT $1, false, sl.bill_date, sl.product_id, ${SALES_FIGURES} FROM (${SALES_LINES}) sl GROUP BY sl.bill_date, sl.product_id`,
    [shopId, from, through, '0', seq],
  );
  await tx.query(
    `INSERT INTO kept_sales_by_customer (shop_id, whole_month, period_start, customer_id, bills, quantity, amount, cost)
     SELECT $1, false, sl.bill_date, sl.customer_id, ${SALES_FIGURES} FROM (${SALES_LINES}) sl GROUP BY sl.bill_date, sl.customer_id`,
    [shopId, from, through, '0', seq],
  );
}

/** The month rows of a closed month: its day rows summed (each bill lies in one day, so its counts add up too). */
async function keepMonth(tx: Pick<Database, 'query'>, shopId: string, month: string): Promise<void> {
  const days = [shopId, month, shiftDay(monthStart(month, 1), -1)];
  await tx.query(
    `INSERT INTO kept_in_out_totals (shop_id, whole_month, period_start, direction, bill_type, created_by, customer_id, supplier_id, bills, quantity, amount, cost)
     SELECT $1, true, $2, direction, bill_type, created_by, customer_id, supplier_id, sum(bills), sum(quantity), sum(amount), sum(cost)
       FROM kept_in_out_totals WHERE shop_id = $1 AND NOT whole_month AND period_start BETWEEN $2::date AND $3::date
      GROUP BY direction, bill_type, created_by, customer_id, supplier_id`,
    days,
  );
  for (const [table, key] of [
    ['kept_sales_by_product', 'product_id'],
    ['kept_sales_by_customer', 'customer_id'],
  ] as const) {
    await tx.query(
      `INSERT INTO ${table} (shop_id, whole_month, period_start, ${key}, bills, quantity, amount, cost)
       SELECT $1, true, $2, ${key}, sum(bills), sum(quantity), sum(amount), sum(cost)
         FROM ${table} WHERE shop_id = $1 AND NOT whole_month AND period_start BETWEEN $2::date AND $3::date
        GROUP BY ${key}`,
      days,
    );
  }
}
