import { describe, expect, it } from 'vitest';
import { amountDifference, isDecimal, lineAmount, sumAmounts, sumQuantities } from '../../src/lib/decimal';

describe('live bill totals', () => {
  it('multiplies exactly where binary floats would not', () => {
    expect(0.1 * 3).not.toBe(0.3);
    expect(lineAmount('3', '0.1')).toBe('0.30');
    expect(lineAmount('1.005', '1000')).toBe('1005.00');
    expect(lineAmount('2.5', '19.99')).toBe('49.98');
  });

  it('rounds half away from zero to cents', () => {
    expect(lineAmount('1', '0.005')).toBe('0.01');
    expect(lineAmount('1', '0.0049')).toBe('0.00');
    expect(lineAmount('3', '3.3335')).toBe('10.00');
  });

  it('handles amounts beyond the safe integer range of a double', () => {
    expect(String(123456789.123 * 987654.3211)).not.toBe('121932631246462.43');
    expect(lineAmount('123456789.123', '987654.3211')).toBe('121932631246462.43');
  });

  it('gives null while a field is still being typed', () => {
    expect(lineAmount('', '2')).toBeNull();
    expect(lineAmount('1.', '2')).toBeNull();
    expect(lineAmount('abc', '2')).toBeNull();
  });

  it('sums amounts and skips incomplete lines', () => {
    expect(sumAmounts(['0.10', '0.20', null, '1000000.05'])).toBe('1000000.35');
    expect(sumAmounts([])).toBe('0.00');
  });

  it('sums quantities without trailing zeros', () => {
    expect(sumQuantities(['1.5', '2.25', 'x'])).toBe('3.75');
    expect(sumQuantities(['0.1', '0.2'])).toBe('0.3');
    expect(sumQuantities(['3', '2'])).toBe('5');
  });

  it('takes a cost from sales exactly, below zero too', () => {
    expect(amountDifference('279.00', '190.00')).toBe('89.00');
    expect(amountDifference('0.30', '0.10')).toBe('0.20');
    expect(amountDifference('10.00', '12.50')).toBe('-2.50');
  });

  it('accepts only what the server accepts', () => {
    expect(isDecimal('12.345', 3)).toBe(true);
    expect(isDecimal('12.3456', 3)).toBe(false);
    expect(isDecimal('-1', 3)).toBe(false);
    expect(isDecimal('1e3', 3)).toBe(false);
    expect(isDecimal('', 2)).toBe(false);
  });
});
