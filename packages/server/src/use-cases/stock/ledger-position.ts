/**
 * Where a ledger row sits in a product's history at one stock point: by bill date, then by the
 * order bills were posted, then by line. A backdated bill takes its place by date.
 */
export interface LedgerPosition {
  billDate: string;
  postingSeq: string;
  lineNo: number;
}

/** SQL condition "row is after the position" for a stock_ledger alias; $n, $n+1, $n+2 hold the position. */
export function after(alias: string, n: number): string {
  return `(${alias}.bill_date, ${alias}.posting_seq, ${alias}.line_no) > ($${n}::date, $${n + 1}::bigint, $${n + 2}::int)`;
}

export function before(alias: string, n: number): string {
  return `(${alias}.bill_date, ${alias}.posting_seq, ${alias}.line_no) < ($${n}::date, $${n + 1}::bigint, $${n + 2}::int)`;
}

/** SQL condition "row lies from the first position to the last, both included"; $n…$n+5 hold the two positions. */
export function within(alias: string, n: number): string {
  const row = `(${alias}.bill_date, ${alias}.posting_seq, ${alias}.line_no)`;
  return `${row} >= ($${n}::date, $${n + 1}::bigint, $${n + 2}::int) AND ${row} <= ($${n + 3}::date, $${n + 4}::bigint, $${n + 5}::int)`;
}

export const positionParams = (position: LedgerPosition) => [position.billDate, position.postingSeq, position.lineNo];
