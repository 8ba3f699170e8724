import type Decimal from 'decimal.js';
import { formatMoney } from '@xiaocang/domain';
import type { Transaction } from '../../db/database.ts';

export interface StatsChange {
  billDate: string;
  inboundAmount?: Decimal;
  inboundCount?: number;
  outboundAmount?: Decimal;
  outboundCount?: number;
  outboundCost?: Decimal;
}

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

/** Adds a change to the month of its bill date. */
export async function addToMonthlyStats(tx: Transaction, shopId: string, change: StatsChange): Promise<void> {
  const [year, month] = change.billDate.split('-').map(Number);
  const outboundAmount = change.outboundAmount ? formatMoney(change.outboundAmount) : '0';
  const outboundCost = change.outboundCost ? formatMoney(change.outboundCost) : '0';
  await tx.query(
    statsUpsert(2),
    [
      shopId,
      year,
      month,
      change.inboundAmount ? formatMoney(change.inboundAmount) : '0',
      change.inboundCount ?? 0,
      outboundAmount,
      change.outboundCount ?? 0,
      outboundCost,
    ],
  );
}
