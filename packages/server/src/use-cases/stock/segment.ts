import { applyMovement, moneyText, unitCostText, withinBalanceLimits, type CostState, type Movement, type MovementResult } from '@xiaocang/domain';

export type MovementKind = Movement['kind'];

/** One line of a product's history at one stock point, as the replay needs it. */
export interface SegmentRow {
  lineId: string;
  billDirection: 'in' | 'out';
  /** −1 on a reversal bill, whose lines carry negative quantities and amounts. */
  billSign: 1 | -1;
  /** Transfers (and their reversals) move stock inside the shop: priced at cost, out of the monthly figures. */
  inStats: boolean;
  /** The bill's type and date: the monthly figures a change of the row's cost goes to. */
  billType: string;
  billDate: string;
  movement: MovementKind;
  /** Magnitude of the movement, in units (thousandths). */
  quantity: bigint;
  /** Unit price and signed amount of the line as the bill states them, as stored (kept as text: a replay only passes them on). */
  unitPrice: string;
  amount: string;
  /** Cost magnitude the row moved at when it was last computed (units); fixed for receipts without a source. */
  unitCost: bigint;
  costAmount: bigint;
  costSourceLineId: string | null;
  /** Another line carries this row's cost, so a change of it must be followed there. */
  isCostSource: boolean;
  /** Already in the ledger (to be updated), or posted now (to be inserted). */
  existing: boolean;
  /** Balance quantity after the row when it was last computed (existing rows). */
  oldBalanceQuantity?: string;
}

export interface CostOverride {
  unitCost: bigint;
  costAmount: bigint;
}

export interface SegmentOutcome {
  rows: Array<{ row: SegmentRow; result: MovementResult; costChanged: boolean }>;
  final: CostState;
  /** The row that would take the balance past its limits; the replay stops there and the posting must be refused. */
  overLimit?: SegmentRow;
}

/**
 * Replays a stretch of history from an opening balance. Receipts that carry another line's cost
 * (transfer in, reversals) take that line's new cost when it changed; every row whose cost changes
 * is added to the overrides so that what derives from it follows.
 */
export function runSegment(opening: CostState, rows: readonly SegmentRow[], overrides: Map<string, CostOverride>): SegmentOutcome {
  let state = opening;
  const outcome: SegmentOutcome['rows'] = [];
  for (const row of rows) {
    const override = row.costSourceLineId ? overrides.get(row.costSourceLineId) : undefined;
    const movement: Movement =
      row.movement === 'issue'
        ? { kind: 'issue', quantity: row.quantity }
        : row.movement === 'unreceive'
          ? { kind: 'unreceive', quantity: row.quantity, amount: override?.costAmount ?? row.costAmount }
          : { kind: 'receive', quantity: row.quantity, unitPrice: override?.unitCost ?? row.unitCost, amount: override?.costAmount ?? row.costAmount };
    const result = applyMovement(state, movement);
    if (!withinBalanceLimits(result.after)) return { rows: outcome, final: state, overLimit: row };
    const costChanged = row.existing && (result.costAmount !== row.costAmount || result.unitCost !== row.unitCost);
    if (costChanged) overrides.set(row.lineId, { unitCost: result.unitCost, costAmount: result.costAmount });
    outcome.push({ row, result, costChanged });
    state = result.after;
  }
  return { rows: outcome, final: state };
}

/** Signed change of stock a row makes. */
export function signedQuantity(row: SegmentRow): bigint {
  return row.movement === 'receive' ? row.quantity : -row.quantity;
}

/** Signed change of stock value a row makes. */
export function signedCost(row: SegmentRow, costAmount: bigint): bigint {
  return row.movement === 'receive' ? costAmount : -costAmount;
}

/** What the ledger shows as the line's price: a transfer's lines are priced at the cost they move. */
export function ledgerPrice(row: SegmentRow, result: MovementResult): { unitPrice: string; amount: string } {
  return row.inStats
    ? { unitPrice: row.unitPrice, amount: row.amount }
    : { unitPrice: unitCostText(result.unitCost), amount: moneyText(result.costAmount * BigInt(row.billSign)) };
}

/** The magnitude of a stored signed number, in units. */
export const magnitude = (value: string, toUnits: (text: string) => bigint): bigint => toUnits(value.startsWith('-') ? value.slice(1) : value);
