import type { Transaction } from '../../db/database.ts';
import { numberArray } from '../../db/number-array.ts';

/*
 * The month's figures are kept per bill type in stats_monthly_bill_types (what each type means is
 * decided when they are read, by the domain's figuresOf). A bill counts in the month of its date; a
 * reversal counts in the month, and under the bill type, of the bill it undoes, so the pair nets to nothing.
 */

/** The bill whose figures a bill's figures go to: itself, or the bill a reversal undoes. `b` is the bill's row. */
const BOOKED_AGAINST = 'JOIN stock_bills o ON o.shop_id = b.shop_id AND o.id = COALESCE(b.reversal_of_id, b.id)';
const MONTH_AND_TYPE = 'extract(year FROM o.bill_date)::int, extract(month FROM o.bill_date)::int, o.direction, o.bill_type';

/**
 * SQL that adds a posted bill to its month's figures, for the posting's own statement: $1 is the shop,
 * the other arguments SQL expressions for the bill's id, its signed amount, signed cost and count (1, or −1
 * for a reversal), and `when`, a condition that can skip the bill (transfers stay out of the figures).
 */
export function statsUpsert(refs: { bill: string; amount: string; cost: string; count: string; when: string }): string {
  return `INSERT INTO stats_monthly_bill_types AS s (shop_id, year, month, direction, bill_type, amount, cost, bill_count)
     SELECT $1, ${MONTH_AND_TYPE}, ${refs.amount}::numeric, ${refs.cost}::numeric, ${refs.count}::int
       FROM stock_bills b ${BOOKED_AGAINST}
      WHERE b.shop_id = $1 AND b.id = ${refs.bill} AND ${refs.when}
     ON CONFLICT (shop_id, year, month, direction, bill_type) DO UPDATE SET
       amount = s.amount + EXCLUDED.amount, cost = s.cost + EXCLUDED.cost, bill_count = s.bill_count + EXCLUDED.bill_count, updated_at = now()`;
}

/**
 * Adds changes of posted lines' cost (signed as the line's bill counts it, money text) to the months of
 * their bills, when recomputed history changed them.
 */
export async function addCostChanges(tx: Transaction, shopId: string, changes: ReadonlyArray<{ lineId: string; delta: string }>): Promise<void> {
  if (changes.length === 0) return;
  await tx.query(
    `INSERT INTO stats_monthly_bill_types AS s (shop_id, year, month, direction, bill_type, cost)
     SELECT $1, ${MONTH_AND_TYPE}, sum(u.delta)
       FROM unnest($2::bigint[], $3::numeric[]) AS u(line_id, delta)
       JOIN stock_bill_lines l ON l.shop_id = $1 AND l.id = u.line_id
       JOIN stock_bills b ON b.shop_id = $1 AND b.id = l.bill_id
       ${BOOKED_AGAINST}
      GROUP BY 2, 3, 4, 5
     ON CONFLICT (shop_id, year, month, direction, bill_type) DO UPDATE SET cost = s.cost + EXCLUDED.cost, updated_at = now()`,
    [shopId, numberArray(changes.map((change) => change.lineId)), numberArray(changes.map((change) => change.delta))],
  );
}
