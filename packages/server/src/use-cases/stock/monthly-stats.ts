import { moneyText } from '@xiaocang/domain';
import type { Transaction } from '../../db/database.ts';

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

/** A change of a posted line's cost, signed as its bill counts it (units of money), and whose figures it changes. */
export interface CostChange {
  lineId: string;
  direction: 'in' | 'out';
  billType: string;
  billDate: string;
  /** A reversal's change goes to the month of the bill it undoes, which only the bills know. */
  reversal: boolean;
  delta: bigint;
}

/**
 * Adds the changes of posted lines' cost that recomputed history made to the months of their bills.
 * A backdated posting can change the cost of tens of thousands of lines: they are summed here per month
 * and bill type, which the ledger rows carry, so the figures cost one small statement per stretch of rows.
 */
export async function addCostChanges(tx: Transaction, shopId: string, changes: readonly CostChange[]): Promise<void> {
  const sums = new Map<string, { year: number; month: number; direction: string; billType: string; delta: bigint }>();
  const reversals = changes.filter((change) => change.reversal && change.delta !== 0n);
  for (const change of changes) {
    if (change.reversal || change.delta === 0n) continue;
    // The month has a fixed width and the direction no space, so whatever the type's words, the key is unambiguous.
    const key = `${change.billDate.slice(0, 7)} ${change.direction} ${change.billType}`;
    const sum = sums.get(key) ?? { year: Number(change.billDate.slice(0, 4)), month: Number(change.billDate.slice(5, 7)), direction: change.direction, billType: change.billType, delta: 0n };
    sum.delta += change.delta;
    sums.set(key, sum);
  }
  const own = [...sums.values()].filter((sum) => sum.delta !== 0n);
  if (own.length === 0 && reversals.length === 0) return;
  await tx.query(
    `INSERT INTO stats_monthly_bill_types AS s (shop_id, year, month, direction, bill_type, cost)
     SELECT $1, c.year, c.month, c.direction, c.bill_type, sum(c.delta) FROM (
       SELECT * FROM unnest($2::int[], $3::int[], $4::text[], $5::text[], $6::numeric[]) AS own(year, month, direction, bill_type, delta)
       UNION ALL
       SELECT ${MONTH_AND_TYPE}, r.delta
         FROM unnest($7::bigint[], $8::numeric[]) AS r(line_id, delta)
         JOIN stock_bill_lines l ON l.shop_id = $1 AND l.id = r.line_id
         JOIN stock_bills b ON b.shop_id = $1 AND b.id = l.bill_id
         ${BOOKED_AGAINST}) c
      GROUP BY c.year, c.month, c.direction, c.bill_type
     ON CONFLICT (shop_id, year, month, direction, bill_type) DO UPDATE SET cost = s.cost + EXCLUDED.cost, updated_at = now()`,
    [
      shopId,
      own.map((sum) => sum.year),
      own.map((sum) => sum.month),
      own.map((sum) => sum.direction),
      own.map((sum) => sum.billType),
      own.map((sum) => moneyText(sum.delta)),
      reversals.map((change) => change.lineId),
      reversals.map((change) => moneyText(change.delta)),
    ],
  );
}
