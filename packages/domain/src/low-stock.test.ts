import { describe, expect, it } from 'vitest';
import { isLowStock } from './low-stock.ts';

describe('low stock', () => {
  it('is stock at or below the warning stock (stock ≤ threshold)', () => {
    expect(isLowStock('10.000', '10.000')).toBe(true);
    expect(isLowStock('9.999', '10')).toBe(true);
    expect(isLowStock('10.001', '10')).toBe(false);
    expect(isLowStock('-2', '1')).toBe(true);
  });

  it('never flags a product whose warning stock is unset (0)', () => {
    expect(isLowStock('0', '0')).toBe(false);
    expect(isLowStock('-5.000', '0.000')).toBe(false);
  });
});
