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

/** Adds to the month of the bill date, incrementally; profit = outbound amount − outbound cost. */
export async function addToMonthlyStats(tx: Transaction, shopId: string, change: StatsChange): Promise<void> {
  const [year, month] = change.billDate.split('-').map(Number);
  const outboundAmount = change.outboundAmount ? formatMoney(change.outboundAmount) : '0';
  const outboundCost = change.outboundCost ? formatMoney(change.outboundCost) : '0';
  await tx.query(
    `INSERT INTO stats_monthly AS s (shop_id, year, month, inbound_amount, inbound_count, outbound_amount, outbound_count, outbound_cost, profit, source)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $6::numeric - $8::numeric, 'onConfirm')
     ON CONFLICT (shop_id, year, month) DO UPDATE SET
       inbound_amount = s.inbound_amount + EXCLUDED.inbound_amount,
       inbound_count = s.inbound_count + EXCLUDED.inbound_count,
       outbound_amount = s.outbound_amount + EXCLUDED.outbound_amount,
       outbound_count = s.outbound_count + EXCLUDED.outbound_count,
       outbound_cost = s.outbound_cost + EXCLUDED.outbound_cost,
       profit = s.profit + EXCLUDED.profit,
       generated_at = now()`,
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
