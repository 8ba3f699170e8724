import { monthStart, shiftDay } from '@xiaocang/domain';
import type { Queryable } from '../../db/database.ts';

/**
 * The kept report totals (migration 027, kept by jobs/keep-report-totals.ts): per day and per closed month, what the
 * in/out summary and the sales reports add up of the bills posted up to the pass's last posting. A report reads them
 * for the days they still hold and the bills themselves for the rest.
 */

/** The largest posting_seq: no bound. */
export const EVERY_POSTING = '9223372036854775807';

/** What the bills posted after the kept totals' last posting changed. */
export interface PostedSince {
  /** The earliest day whose kept rows they changed or add to: the pass keeps the days from it again. */
  changedFrom: string | null;
  /** The last day whose kept rows still hold: a bill dated on it adds to them, read from the bills. */
  holdsThrough: string | null;
}

/** The last posting the kept rows hold, and when the earliest transaction that may have posted after it started. */
export interface KeptStamp {
  postingSeq: string;
  postingsFrom: string;
}

/**
 * A bill posted after the kept totals' last posting takes its place after every row of its day (posting order),
 * so it adds itself to its day and rewrites only later days (the cost of their issues); a reversal also takes the
 * bill it reverses out of the standing bills on that bill's day. Nulls when none was posted. Such bills are found
 * by their ledger rows, written on or after `postingsFrom` (the ledger's index by creation time), and their
 * posting_seq; the values are the statement's own, so the planner sees how few rows they select.
 */
export async function postedSince(db: Queryable, shopId: string, stamp: KeptStamp): Promise<PostedSince> {
  const [since] = await db.query<{ changed_from: string | null; holds_through: string | null }>(
    `SELECT min(COALESCE(o.bill_date, l.bill_date))::text AS changed_from, min(COALESCE(o.bill_date - 1, l.bill_date))::text AS holds_through
       FROM stock_ledger l
       JOIN stock_bills b ON b.shop_id = l.shop_id AND b.id = l.bill_id
       LEFT JOIN stock_bills o ON o.shop_id = b.shop_id AND o.id = b.reversal_of_id
      WHERE l.shop_id = $1 AND l.direction IN ('in', 'out') AND l.created_at >= $3::timestamptz AND l.posting_seq > $2::bigint`,
    [shopId, stamp.postingSeq, stamp.postingsFrom],
  );
  return { changedFrom: since!.changed_from, holdsThrough: since!.holds_through };
}

/** The kept rows a report may read: those of the days through `through`, holding the bills posted up to `postingSeq`. */
export interface KeptHold {
  through: string;
  postingSeq: string;
}

/** The shop's kept state: the days its report totals and stock days were kept through, and the posting stamp they hold. */
async function keptState(db: Queryable, shopId: string) {
  const [state] = await db.query<{ kept_through: string | null; trend_through: string | null; posting_seq: string; postings_from: string }>(
    'SELECT kept_through::text, trend_through::text, posting_seq::text, postings_from::text FROM kept_report_state WHERE shop_id = $1',
    [shopId],
  );
  const since = () => postedSince(db, shopId, { postingSeq: state!.posting_seq, postingsFrom: state!.postings_from });
  return state && { ...state, since };
}

/** How far the shop's kept rows hold: through the day they were kept, or the last day the bills posted since left alone. */
export async function keptHold(db: Queryable, shopId: string): Promise<KeptHold | null> {
  const state = await keptState(db, shopId);
  if (!state?.kept_through) return null;
  const { holdsThrough } = await state.since();
  return { through: holdsThrough !== null && holdsThrough < state.kept_through ? holdsThrough : state.kept_through, postingSeq: state.posting_seq };
}

/**
 * The last day whose kept stock days (a category's change of stock per day) still hold: through the day they were
 * kept, and before the first day the bills posted since changed (a balance is not a sum of bills: a day they
 * changed is read from the ledger whole). Null when none are kept.
 */
export async function keptStockDaysThrough(db: Queryable, shopId: string): Promise<string | null> {
  const state = await keptState(db, shopId);
  if (!state?.trend_through) return null;
  const { changedFrom } = await state.since();
  return changedFrom !== null && changedFrom <= state.trend_through ? shiftDay(changedFrom, -1) : state.trend_through;
}

/**
 * Where the days from–to are read: kept day rows (two ranges at most) and month rows, and the bills dated after
 * `after.day`, or on it and posted after `after.postingSeq`.
 */
export interface KeptReading {
  days: Array<[string, string]>;
  months: [string, string] | null;
  after: { day: string; postingSeq: string };
}

/**
 * Splits the days from–to: those the kept rows hold come from them, whole months as month rows when `byMonth` (a
 * month row cannot be split into days or weeks) and the days of partial months as day rows; the bills posted since
 * on the last of those days and every bill of the days after come from the bills.
 */
export function keptReading(hold: KeptHold | null, from: string, to: string, byMonth: boolean): KeptReading {
  const keptTo = hold !== null && hold.through < to ? hold.through : to;
  if (hold === null || keptTo < from) return { days: [], months: null, after: { day: from, postingSeq: '0' } };
  const after = { day: keptTo, postingSeq: hold.postingSeq };
  const firstMonth = monthStart(from) === from ? from : monthStart(from, 1);
  const lastMonth = monthStart(shiftDay(keptTo, 1), -1);
  if (!byMonth || firstMonth > lastMonth) return { days: [[from, keptTo]], months: null, after };
  const days: Array<[string, string]> = [];
  if (from < firstMonth) days.push([from, shiftDay(firstMonth, -1)]);
  if (monthStart(lastMonth, 1) <= keptTo) days.push([monthStart(lastMonth, 1), keptTo]);
  return { days, months: [firstMonth, lastMonth], after };
}

/**
 * The condition on bills (alias `b`) of the bills the kept rows do not hold, with the range from–to in $2 and $3
 * ($2 the reading's `after.day`) and posting_seq after $n and up to $n+1.
 */
export const billsAfter = (n: number) =>
  `b.bill_date BETWEEN $2::date AND $3::date AND (b.bill_date > $2::date OR b.posting_seq > $${n}::bigint) AND b.posting_seq <= $${n + 1}::bigint`;

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
