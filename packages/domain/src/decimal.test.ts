import { describe, expect, it } from 'vitest';
import {
  dec,
  fenToMoney,
  formatMoney,
  moneyToFen,
  formatQuantity,
  formatUnitCost,
  lineAmount,
  roundMoney,
  roundQuantity,
  roundUnitCost,
  sum,
} from './decimal.ts';

describe('rounding rule: half away from zero', () => {
  it.each([
    ['2.345', '2.35'],
    ['-2.345', '-2.35'],
    ['2.344999', '2.34'],
    ['-2.344999', '-2.34'],
    ['0.005', '0.01'],
    ['-0.005', '-0.01'],
    ['0.015', '0.02'], // binary floating point would give 0.01
    ['1.005', '1.01'],
  ])('money %s → %s', (input, expected) => {
    expect(roundMoney(input).toFixed(2)).toBe(expected);
  });

  it('rounds JS numbers from their shortest decimal form, not their binary value', () => {
    // 2.345 as a double is 2.34499999…; a shop owner wrote 2.345.
    expect(roundMoney(2.345).toFixed(2)).toBe('2.35');
    expect(roundMoney(-2.345).toFixed(2)).toBe('-2.35');
  });

  it('quantities to 3 places', () => {
    expect(roundQuantity('1.0005').toFixed(3)).toBe('1.001');
    expect(roundQuantity('-1.0005').toFixed(3)).toBe('-1.001');
    expect(roundQuantity('1.00049').toFixed(3)).toBe('1.000');
  });

  it('unit costs to 4 places', () => {
    expect(roundUnitCost('1.0005').toFixed(4)).toBe('1.0005');
    expect(roundUnitCost('1.00005').toFixed(4)).toBe('1.0001');
    expect(roundUnitCost('-1.00005').toFixed(4)).toBe('-1.0001');
    expect(roundUnitCost(dec(10).div(3)).toFixed(4)).toBe('3.3333');
    expect(roundUnitCost(dec(20).div(3)).toFixed(4)).toBe('6.6667');
  });

  it('rounds once from the exact value, not in steps', () => {
    // 1.00449 → 1.0045 → 1.005 would be double rounding; once it is 1.004.
    expect(roundQuantity('1.00449').toFixed(3)).toBe('1.004');
  });
});

describe('formatting', () => {
  it('fixed places, no exponent, no negative zero', () => {
    expect(formatMoney('12')).toBe('12.00');
    expect(formatMoney('-0.001')).toBe('0.00');
    expect(formatQuantity('-0.0001')).toBe('0.000');
    expect(formatQuantity('7')).toBe('7.000');
    expect(formatUnitCost('3.33335')).toBe('3.3334');
    expect(formatMoney('1e21')).toBe('1000000000000000000000.00');
    expect(formatQuantity('1e-7')).toBe('0.000');
  });

  it('keeps the sign of what does not round to zero', () => {
    expect(formatMoney('-0.005')).toBe('-0.01');
    expect(formatMoney('-12.345')).toBe('-12.35');
    expect(formatQuantity('-0.0005')).toBe('-0.001');
  });

  it('multiplies exactly up to 34 significant digits: a line of a 13-digit quantity at a 15-digit price', () => {
    // 1,234,567,890.123 × 98,765,432,109.8765 has 28 significant digits; computed in integers of 10⁻⁷.
    const exact = 1_234_567_890_123n * 987_654_321_098_765n;
    const cents = (exact + 50_000n) / 100_000n;
    expect(lineAmount('1234567890.123', '98765432109.8765').toFixed(2)).toBe(`${cents / 100n}.${String(cents % 100n).padStart(2, '0')}`);
  });

  it('keeps precision on large values', () => {
    expect(formatMoney('123456789012345678.905')).toBe('123456789012345678.91');
  });
});

describe('lineAmount and sum', () => {
  it('amount = quantity × price rounded to money', () => {
    expect(lineAmount('3', '3.3333').toFixed(2)).toBe('10.00');
    expect(lineAmount('1000', '1.2346').toFixed(2)).toBe('1234.60');
    expect(lineAmount('0.333', '0.015').toFixed(2)).toBe('0.00'); // 0.004995
    expect(lineAmount('0.5', '0.0101').toFixed(2)).toBe('0.01'); // 0.00505
    expect(lineAmount('-1.5', '0.0037').toFixed(2)).toBe('-0.01'); // -0.00555
  });

  it('sums exactly', () => {
    expect(sum(['0.1', '0.2', '-0.3']).isZero()).toBe(true);
    expect(sum([]).isZero()).toBe(true);
  });
});

describe('分 for payment providers', () => {
  it('converts yuan to whole 分 exactly and back', () => {
    expect(moneyToFen('75.00')).toBe(7500);
    expect(moneyToFen('0.29')).toBe(29);
    expect(moneyToFen('1234567.89')).toBe(123456789);
    expect(() => moneyToFen('0.295')).toThrow(RangeError);
    expect(fenToMoney(29)).toBe('0.29');
    expect(fenToMoney('123456789')).toBe('1234567.89');
  });
});
