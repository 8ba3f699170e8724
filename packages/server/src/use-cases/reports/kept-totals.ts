import { monthStart, shiftDay } from '@xiaocang/domain';
import type { Queryable } from '../../db/database.ts';

/**
 * The kept report totals (migration 027, kept by jobs/keep-report-totals.ts): per closed day and closed month,
 * what the in/out summary and the sales reports add up. A report reads them for the days they are still true to
 * and the bills themselves after those days.
 */

/**
 * The earliest day that the bills posted after `postingSeq` (the last posting the shop's kept totals saw) changed:
 * each changes the day it is dated and every later day (a backdated bill rewrites the cost of later issues), and a
 * reversal also the day of the bill it reverses, which drops out of the standing bills. Null when none was posted.
 * The posting_seq is a value of its own, not read from the state row in the same statement: so the planner sees
 * how few bills come after it and reads them through their index rather than every bill of the shop.
 */
export async function staleFrom(db: Queryable, shopId: string, postingSeq: string): Promise<string | null> {
  const [stale] = await db.query<{ day: string | null }>(
    `SELECT min(COALESCE(o.bill_date, b.bill_date))::text AS day FROM stock_bills b
       LEFT JOIN stock_bills o ON o.shop_id = b.shop_id AND o.id = b.reversal_of_id
      WHERE b.shop_id = $1 AND b.posting_seq > $2::bigint`,
    [shopId, postingSeq],
  );
  return stale!.day;
}

/** The last day whose kept totals are true: the day the shop's rows were kept through, or the day before the earliest one posted into since. */
export async function keptTrueThrough(db: Queryable, shopId: string): Promise<string | null> {
  const [state] = await db.query<{ kept_through: string | null; posting_seq: string }>(
    'SELECT kept_through::text, posting_seq::text FROM kept_report_state WHERE shop_id = $1',
    [shopId],
  );
  if (!state?.kept_through) return null;
  const stale = await staleFrom(db, shopId, state.posting_seq);
  const beforeStale = stale && shiftDay(stale, -1);
  return beforeStale && beforeStale < state.kept_through ? beforeStale : state.kept_through;
}

/** Where the days from–to are read: kept day rows (two ranges at most), kept month rows and the bills themselves. */
export interface KeptReading {
  days: Array<[string, string]>;
  months: [string, string] | null;
  live: [string, string] | null;
}

/**
 * Splits the days from–to: those up to `trueThrough` come from the kept rows, whole months as month rows when
 * `byMonth` (a month row cannot be split into days or weeks) and the days of partial months as day rows; the
 * days after come from the bills.
 */
export function keptReading(trueThrough: string | null, from: string, to: string, byMonth: boolean): KeptReading {
  const keptTo = trueThrough !== null && trueThrough < to ? trueThrough : to;
  if (trueThrough === null || keptTo < from) return { days: [], months: null, live: [from, to] };
  const live: [string, string] | null = keptTo < to ? [shiftDay(keptTo, 1), to] : null;
  const firstMonth = monthStart(from) === from ? from : monthStart(from, 1);
  const lastMonth = monthStart(shiftDay(keptTo, 1), -1);
  if (!byMonth || firstMonth > lastMonth) return { days: [[from, keptTo]], months: null, live };
  const days: Array<[string, string]> = [];
  if (from < firstMonth) days.push([from, shiftDay(firstMonth, -1)]);
  if (monthStart(lastMonth, 1) <= keptTo) days.push([monthStart(lastMonth, 1), keptTo]);
  return { days, months: [firstMonth, lastMonth], live };
}

/**
 * The condition on kept rows (alias `k`) of a reading, over six parameters from $n on (`readingParams`): the
 * shop's rows come from one of the day ranges or the month range.
 */
export const keptRowsOf = (n: number) =>
  `((NOT k.whole_month AND (k.period_start BETWEEN $${n}::date AND $${n + 1}::date OR k.period_start BETWEEN $${n + 2}::date AND $${n + 3}::date))
     OR (k.whole_month AND k.period_start BETWEEN $${n + 4}::date AND $${n + 5}::date))`;

/** The six parameters of `keptRowsOf`: a range that is not read is null to null, which holds no day. */
export function readingParams(reading: KeptReading): Array<string | null> {
  const [first, second] = reading.days;
  return [...(first ?? [null, null]), ...(second ?? [null, null]), ...(reading.months ?? [null, null])];
}
