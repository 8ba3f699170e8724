import { describe, expect, it } from 'vitest';
import { planShipment, remainingQuantity, ShipmentProblem, shippingProgress, type ShippableLine } from './shipping.ts';

const order: ShippableLine[] = [
  { lineNo: 1, quantity: '3.000', shippedQuantity: '0.000' },
  { lineNo: 2, quantity: '1.500', shippedQuantity: '0.000' },
];
const problem = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    if (error instanceof ShipmentProblem) return { field: error.field, message: error.message };
    throw error;
  }
  return null;
};

describe('planning a shipment', () => {
  it('sends everything not yet sent by default, and completes the order', () => {
    expect(planShipment(order)).toEqual({ lines: [{ lineNo: 1, quantity: '3.000' }, { lineNo: 2, quantity: '1.500' }], completesOrder: true });
    const partly = [{ ...order[0]!, shippedQuantity: '2.000' }, { ...order[1]!, shippedQuantity: '1.500' }];
    expect(planShipment(partly)).toEqual({ lines: [{ lineNo: 1, quantity: '1.000' }], completesOrder: true });
  });

  it('sends part of a line, keeping the order open until the last of it goes', () => {
    const first = planShipment(order, [{ lineNo: 2, quantity: '1.5' }, { lineNo: 1, quantity: '0.999' }]);
    expect(first).toEqual({ lines: [{ lineNo: 1, quantity: '0.999' }, { lineNo: 2, quantity: '1.500' }], completesOrder: false });
    const after = [{ ...order[0]!, shippedQuantity: '0.999' }, { ...order[1]!, shippedQuantity: '1.500' }];
    expect(shippingProgress(after)).toBe('partial');
    expect(remainingQuantity(after[0]!)).toBe('2.001');
    expect(planShipment(after, [{ lineNo: 1, quantity: '2.001' }]).completesOrder).toBe(true);
  });

  it('refuses more than remains, a line not in the order, a line named twice, or nothing left, naming the field', () => {
    expect(problem(() => planShipment(order, [{ lineNo: 1, quantity: '1' }, { lineNo: 2, quantity: '1.501' }]))).toEqual({
      field: 'lines.1.quantity',
      message: 'only 1.500 of line 2 remains to send',
    });
    expect(problem(() => planShipment(order, [{ lineNo: 3, quantity: '1' }]))?.field).toBe('lines.0.lineNo');
    expect(problem(() => planShipment(order, [{ lineNo: 1, quantity: '1' }, { lineNo: 1, quantity: '1' }]))?.field).toBe('lines.1.lineNo');
    const sent = order.map((line) => ({ ...line, shippedQuantity: line.quantity }));
    expect(shippingProgress(sent)).toBe('full');
    expect(problem(() => planShipment(sent))?.field).toBe('lines');
  });

  it('tells nothing sent from partly and fully sent', () => {
    expect(shippingProgress(order)).toBe('none');
    expect(shippingProgress([{ ...order[0]!, shippedQuantity: '3' }, order[1]!])).toBe('partial');
  });
});
