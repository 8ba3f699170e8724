import type Decimal from 'decimal.js';
import { dec, lineAmount, roundMoney, roundQuantity, roundUnitCost, ZERO } from './decimal.ts';

/** Balance of one product at one stock point: quantity, moving-average unit cost and total cost. */
export interface CostState {
  quantity: Decimal;
  avgCost: Decimal;
  totalCost: Decimal;
}

/**
 * What a ledger line does to a balance.
 * - receive: stock comes in at a known unit price (purchase, gain, transfer in, reversal of an issue).
 *   `amount` overrides quantity × unitPrice when the cost is carried over exactly from another line.
 * - issue: stock goes out at the current average cost (sale, loss, transfer out).
 * - unreceive: a received line is taken back at its own amount (reversal of a receipt).
 */
export type Movement =
  | { kind: 'receive'; quantity: Decimal; unitPrice: Decimal; amount?: Decimal }
  | { kind: 'issue'; quantity: Decimal }
  | { kind: 'unreceive'; quantity: Decimal; amount: Decimal };

export interface MovementResult {
  before: CostState;
  after: CostState;
  /** Unit cost the line moved at: its price for receipts, the average for issues. */
  unitCost: Decimal;
  /** Cost value the line moved: positive in both directions. */
  costAmount: Decimal;
}

export const EMPTY_STATE: CostState = { quantity: ZERO, avgCost: ZERO, totalCost: ZERO };

export function costState(quantity: Decimal.Value, avgCost: Decimal.Value, totalCost: Decimal.Value): CostState {
  return { quantity: dec(quantity), avgCost: dec(avgCost), totalCost: dec(totalCost) };
}

/**
 * Moving weighted average: avg' = (total + inAmount) / (qty + inQty). Issues and reversals that leave stock
 * positive also set the average to total / quantity, so it never drifts from the total.
 * When stock before a receipt is negative, or not positive after it, the old average means nothing,
 * so the average becomes the receipt's price and the total is revalued at it.
 * An issue that empties the stock takes the whole remaining total, so no rounding residue survives.
 */
export function applyMovement(before: CostState, movement: Movement): MovementResult {
  const quantity = roundQuantity(movement.quantity);
  switch (movement.kind) {
    case 'receive': {
      const unitCost = roundUnitCost(movement.unitPrice);
      const costAmount = movement.amount === undefined ? lineAmount(quantity, unitCost) : roundMoney(movement.amount);
      const afterQuantity = before.quantity.plus(quantity);
      if (before.quantity.isNegative() || afterQuantity.lte(0)) {
        return {
          before,
          after: { quantity: afterQuantity, avgCost: unitCost, totalCost: roundMoney(afterQuantity.times(unitCost)) },
          unitCost,
          costAmount,
        };
      }
      const totalCost = before.totalCost.plus(costAmount);
      return {
        before,
        after: { quantity: afterQuantity, avgCost: roundUnitCost(totalCost.div(afterQuantity)), totalCost },
        unitCost,
        costAmount,
      };
    }
    case 'issue': {
      const afterQuantity = before.quantity.minus(quantity);
      const emptiesStock = before.quantity.gt(0) && afterQuantity.isZero();
      const costAmount = emptiesStock ? before.totalCost : lineAmount(quantity, before.avgCost);
      const totalCost = before.totalCost.minus(costAmount);
      // The average follows the remaining total (as after a receipt), so that receiving the issue back
      // at its own cost and price restores the balance exactly instead of leaving a rounding drift.
      const avgCost = afterQuantity.gt(0) ? roundUnitCost(totalCost.div(afterQuantity)) : before.avgCost;
      return {
        before,
        after: { quantity: afterQuantity, avgCost, totalCost },
        unitCost: before.avgCost,
        costAmount,
      };
    }
    case 'unreceive': {
      const costAmount = roundMoney(movement.amount);
      const afterQuantity = before.quantity.minus(quantity);
      const totalCost = before.totalCost.minus(costAmount);
      const avgCost = afterQuantity.gt(0) ? roundUnitCost(totalCost.div(afterQuantity)) : before.avgCost;
      return {
        before,
        after: { quantity: afterQuantity, avgCost, totalCost },
        unitCost: quantity.isZero() ? before.avgCost : roundUnitCost(costAmount.div(quantity)),
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

/** Signed change of quantity a movement makes. */
export function quantityDelta(movement: Movement): Decimal {
  return movement.kind === 'receive' ? roundQuantity(movement.quantity) : roundQuantity(movement.quantity).neg();
}
