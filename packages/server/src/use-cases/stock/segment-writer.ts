import { moneyText, quantityText, unitCostText, type CostState } from '@xiaocang/domain';
import type { Transaction } from '../../db/database.ts';
import { numberArray } from '../../db/number-array.ts';
import { positionParams, within, type LedgerPosition } from './ledger-position.ts';
import { addCostChanges } from './monthly-stats.ts';
import { ledgerPrice, signedCost, type SegmentOutcome } from './segment.ts';

/**
 * Rewrites history that a backdated posting (or a cost carried from it) changed: the running
 * balance and, where it moved, the cost of each existing ledger row, and the figures of the months whose
 * costs changed. Set-based: one statement for a stretch of rows (`span`, first to last), which looks only at
 * those rows of the product at the stock point.
 */
export async function rewriteHistory(
  tx: Transaction,
  who: { shopId: string; userId: string },
  place: { stockPointId: string; productId: string },
  span: { first: LedgerPosition; last: LedgerPosition },
  outcome: SegmentOutcome,
): Promise<void> {
  const existing = outcome.rows.filter(({ row }) => row.existing);
  if (existing.length > 0) {
    const prices = existing.map(({ row, result }) => ledgerPrice(row, result));
    await tx.query(
      `UPDATE stock_ledger_live l SET unit_price = u.unit_price, amount = u.amount, unit_cost = u.unit_cost, cost_amount = u.cost_amount,
              balance_quantity = u.balance_quantity, balance_avg_cost = u.balance_avg_cost, balance_amount = u.balance_amount
         FROM unnest($4::bigint[], $5::numeric[], $6::numeric[], $7::numeric[], $8::numeric[], $9::numeric[], $10::numeric[], $11::numeric[])
           AS u(line_id, unit_price, amount, unit_cost, cost_amount, balance_quantity, balance_avg_cost, balance_amount)
        WHERE l.shop_id = $1 AND l.stock_point_id = $2 AND l.product_id = $3 AND ${within('l', 12)}
          -- "+ 0": a cached generic plan cannot know how long the arrays are and would probe the line index
          -- once per row; joining the stretch, read by its position, in one pass is many times faster.
          AND l.line_id + 0 = u.line_id`,
      [
        who.shopId,
        place.stockPointId,
        place.productId,
        numberArray(existing.map(({ row }) => row.lineId)),
        numberArray(prices.map((price) => price.unitPrice)),
        numberArray(prices.map((price) => price.amount)),
        numberArray(existing.map(({ result }) => unitCostText(result.unitCost))),
        numberArray(existing.map(({ row, result }) => moneyText(signedCost(row, result.costAmount)))),
        numberArray(existing.map(({ result }) => quantityText(result.after.quantity))),
        numberArray(existing.map(({ result }) => unitCostText(result.after.avgCost))),
        numberArray(existing.map(({ result }) => moneyText(result.after.totalCost))),
        ...positionParams(span.first),
        ...positionParams(span.last),
      ],
    );
  }
  await addCostChanges(
    tx,
    who.shopId,
    existing
      .filter(({ row, costChanged }) => costChanged && row.inStats)
      .map(({ row, result }) => ({
        lineId: row.lineId,
        direction: row.billDirection,
        billType: row.billType,
        billDate: row.billDate,
        reversal: row.billSign === -1,
        delta: (result.costAmount - row.costAmount) * BigInt(row.billSign),
      })),
  );
}

export async function writeBalance(tx: Transaction, who: { shopId: string; userId: string }, stockPointId: string, productId: string, state: CostState) {
  await tx.query(
    `UPDATE inventory_balances SET quantity = $4, avg_cost = $5, total_cost = $6, updated_at = now(), updated_by = $7
      WHERE shop_id = $1 AND stock_point_id = $2 AND product_id = $3`,
    [who.shopId, stockPointId, productId, quantityText(state.quantity), unitCostText(state.avgCost), moneyText(state.totalCost), who.userId],
  );
}
