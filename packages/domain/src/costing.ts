import { amountUnits, moneyUnits, quantityUnits, unitCostOf, unitCostUnits } from './units.ts';

/**
 * Balance of one product at one stock point, in units (see units.ts): quantity in thousandths,
 * moving-average unit cost in ten-thousandths, total cost in cents.
 */
export interface CostState {
  quantity: bigint;
  avgCost: bigint;
  totalCost: bigint;
}

/**
 * What a ledger line does to a balance (quantities are magnitudes, in units).
 * - receive: stock comes in at a known unit price (purchase, gain, transfer in, reversal of an issue).
 *   `amount` overrides quantity × unitPrice when the cost is carried over exactly from another line.
 * - issue: stock goes out at the current average cost (sale, loss, transfer out).
 * - unreceive: a received line is taken back at its own amount (reversal of a receipt).
 */
export type Movement =
  | { kind: 'receive'; quantity: bigint; unitPrice: bigint; amount?: bigint }
  | { kind: 'issue'; quantity: bigint }
  | { kind: 'unreceive'; quantity: bigint; amount: bigint };

export interface MovementResult {
  before: CostState;
  after: CostState;
  /** Unit cost the line moved at: its price for receipts, the average for issues. */
  unitCost: bigint;
  /** Cost value the line moved: positive in both directions. */
  costAmount: bigint;
}

export const EMPTY_STATE: CostState = { quantity: 0n, avgCost: 0n, totalCost: 0n };

/** A balance from decimal text, as stored. */
export function costState(quantity: string, avgCost: string, totalCost: string): CostState {
  return { quantity: quantityUnits(quantity), avgCost: unitCostUnits(avgCost), totalCost: moneyUnits(totalCost) };
}

/**
 * Moving weighted average: avg' = (total + inAmount) / (qty + inQty). Issues and reversals that leave stock
 * positive also set the average to total / quantity, so it never drifts from the total.
 * When stock before a receipt is negative, or not positive after it, the old average means nothing,
 * so the average becomes the receipt's price and the total is revalued at it.
 * An issue that empties the stock takes the whole remaining total, so no rounding residue survives.
 * Every division is rounded half away from zero at the places the result keeps.
 */
export function applyMovement(before: CostState, movement: Movement): MovementResult {
  const { quantity } = movement;
  switch (movement.kind) {
    case 'receive': {
      const unitCost = movement.unitPrice;
      const costAmount = movement.amount ?? amountUnits(quantity, unitCost);
      const afterQuantity = before.quantity + quantity;
      if (before.quantity < 0n || afterQuantity <= 0n) {
        return { before, after: { quantity: afterQuantity, avgCost: unitCost, totalCost: amountUnits(afterQuantity, unitCost) }, unitCost, costAmount };
      }
      const totalCost = before.totalCost + costAmount;
      return { before, after: { quantity: afterQuantity, avgCost: unitCostOf(totalCost, afterQuantity), totalCost }, unitCost, costAmount };
    }
    case 'issue': {
      const afterQuantity = before.quantity - quantity;
      const emptiesStock = before.quantity > 0n && afterQuantity === 0n;
      const costAmount = emptiesStock ? before.totalCost : amountUnits(quantity, before.avgCost);
      const totalCost = before.totalCost - costAmount;
      // The average follows the remaining total (as after a receipt), so that receiving the issue back
      // at its own cost and price restores the balance exactly instead of leaving a rounding drift.
      const avgCost = afterQuantity > 0n ? unitCostOf(totalCost, afterQuantity) : before.avgCost;
      return { before, after: { quantity: afterQuantity, avgCost, totalCost }, unitCost: before.avgCost, costAmount };
    }
    case 'unreceive': {
      const costAmount = movement.amount;
      const afterQuantity = before.quantity - quantity;
      const totalCost = before.totalCost - costAmount;
      const avgCost = afterQuantity > 0n ? unitCostOf(totalCost, afterQuantity) : before.avgCost;
      return {
        before,
        after: { quantity: afterQuantity, avgCost, totalCost },
        unitCost: quantity === 0n ? before.avgCost : unitCostOf(costAmount, quantity),
        costAmount,
      };
    }
  }
}

/** Runs movements in order from an opening balance; the basis for posting and for recomputing history. */
export function replay(opening: CostState, movements: readonly Movement[]): MovementResult[] {
  const results: MovementResult[] = [];
  let state = opening;
  for (const movement of movements) {
    const result = applyMovement(state, movement);
    results.push(result);
    state = result.after;
  }
  return results;
}
