import { describe, expect, it } from 'vitest';
import { isLowStock } from './low-stock.ts';

const low = (quantity: string, warningStock: string, isEnabled = true) => isLowStock({ quantity, warningStock, isEnabled });

describe('low stock', () => {
  it('is stock at or below the warning stock (stock ≤ threshold)', () => {
    expect(low('10.000', '10.000')).toBe(true);
    expect(low('9.999', '10')).toBe(true);
    expect(low('10.001', '10')).toBe(false);
    expect(low('-2', '1')).toBe(true);
  });

  it('never flags a product whose warning stock is unset (0), nor a disabled one', () => {
    expect(low('0', '0')).toBe(false);
    expect(low('-5.000', '0.000')).toBe(false);
    expect(low('1', '10', false)).toBe(false);
  });
});
