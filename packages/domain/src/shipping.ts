import { dec, formatQuantity } from './decimal.ts';
import type { ShippingProgress } from './orders.ts';

/** An order line as shipping sees it: how much was ordered and how much its shipments have sent. */
export interface ShippableLine {
  lineNo: number;
  quantity: string;
  shippedQuantity: string;
}

/** What one shipment asks to send of a line. */
export interface ShipmentLineRequest {
  lineNo: number;
  quantity: string;
}

export interface ShipmentPlan {
  /** What the shipment sends, in line order, as fixed-place quantities. */
  lines: ShipmentLineRequest[];
  /** After it, nothing of the order remains to send. */
  completesOrder: boolean;
}

export class ShipmentProblem extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

const remainingOf = (line: ShippableLine) => dec(line.quantity).minus(line.shippedQuantity);

/** How far the lines have been sent. */
export function shippingProgress(lines: readonly ShippableLine[]): ShippingProgress {
  if (lines.every((line) => remainingOf(line).lte(0))) return 'full';
  return lines.some((line) => dec(line.shippedQuantity).gt(0)) ? 'partial' : 'none';
}

/** What is still to send of a line. */
export const remainingQuantity = (line: ShippableLine): string => formatQuantity(remainingOf(line));

/**
 * Checks a shipment against what remains of the order: by default it sends everything not yet sent; asked
 * for lines, each must be a line of the order, named once, and no more than its remainder. A refusal names the
 * request's field (`lines.N.lineNo`, `lines.N.quantity`); positive quantities are the request's own rule.
 */
export function planShipment(order: readonly ShippableLine[], request?: readonly ShipmentLineRequest[]): ShipmentPlan {
  const asked = request ?? order.filter((line) => remainingOf(line).gt(0)).map((line) => ({ lineNo: line.lineNo, quantity: remainingQuantity(line) }));
  if (asked.length === 0) throw new ShipmentProblem('lines', 'nothing of this order remains to send');
  const sending = new Map<number, string>();
  asked.forEach((wanted, index) => {
    const line = order.find((candidate) => candidate.lineNo === wanted.lineNo);
    if (!line) throw new ShipmentProblem(`lines.${index}.lineNo`, `the order has no line ${wanted.lineNo}`);
    if (sending.has(wanted.lineNo)) throw new ShipmentProblem(`lines.${index}.lineNo`, `line ${wanted.lineNo} is named twice`);
    const remaining = remainingOf(line);
    if (dec(wanted.quantity).gt(remaining)) throw new ShipmentProblem(`lines.${index}.quantity`, `only ${formatQuantity(remaining)} of line ${wanted.lineNo} remains to send`);
    sending.set(wanted.lineNo, formatQuantity(wanted.quantity));
  });
  const after = order.map((line) => ({ ...line, shippedQuantity: dec(line.shippedQuantity).plus(sending.get(line.lineNo) ?? 0).toString() }));
  return {
    lines: [...sending].sort(([a], [b]) => a - b).map(([lineNo, quantity]) => ({ lineNo, quantity })),
    completesOrder: shippingProgress(after) === 'full',
  };
}
