import type { Transaction } from '../../db/database.ts';

/**
 * The one upsert of the monthly figures, adding to what is there; profit = outbound amount − outbound cost.
 * $1 is the shop; `n` numbers the first of year, month, inbound amount and count, outbound amount, count and cost.
 * `when` is an SQL condition that can skip the row (transfers stay out of the figures).
 */
export function statsUpsert(n: number, when = 'true'): string {
  const p = (i: number) => `$${n + i}`;
  return `INSERT INTO stats_monthly AS s (shop_id, year, month, inbound_amount, inbound_count, outbound_amount, outbound_count, outbound_cost, profit)
     SELECT $1, ${p(0)}::int, ${p(1)}::int, ${p(2)}::numeric, ${p(3)}::int, ${p(4)}::numeric, ${p(5)}::int, ${p(6)}::numeric,
            ${p(4)}::numeric - ${p(6)}::numeric WHERE ${when}
     ON CONFLICT (shop_id, year, month) DO UPDATE SET
       inbound_amount = s.inbound_amount + EXCLUDED.inbound_amount, inbound_count = s.inbound_count + EXCLUDED.inbound_count,
       outbound_amount = s.outbound_amount + EXCLUDED.outbound_amount, outbound_count = s.outbound_count + EXCLUDED.outbound_count,
       outbound_cost = s.outbound_cost + EXCLUDED.outbound_cost, profit = s.profit + EXCLUDED.profit, generated_at = now()`;
}

/** Adds a change of the cost of goods sold (money text) to a month, when recomputed history changed it. */
export async function addOutboundCost(tx: Transaction, shopId: string, month: string, outboundCost: string): Promise<void> {
  const [year, monthOfYear] = month.split('-').map(Number);
  await tx.query(statsUpsert(2), [shopId, year, monthOfYear, '0', 0, '0', 0, outboundCost]);
}
