import { describe, expect, it } from 'vitest';
import { money, quantity, shortTime, today } from '../../src/lib/format';

describe('display formats', () => {
  it('shows money with a yuan sign, thousands and two decimals', () => {
    expect(money('1234567.5')).toBe('¥1,234,567.50');
    expect(money('-12.345')).toBe('-¥12.34');
    expect(money('0')).toBe('¥0.00');
    expect(money(undefined)).toBe('—');
  });

  it('drops trailing zeros of quantities only after the point', () => {
    expect(quantity('12.500')).toBe('12.5');
    expect(quantity('3.000')).toBe('3');
    expect(quantity('100')).toBe('100');
    expect(quantity(null)).toBe('—');
  });

  it('shows a quantity with its unit, the same way everywhere', () => {
    expect(quantity('50.000', '盒')).toBe('50 盒');
    expect(quantity('0.250', '千克')).toBe('0.25 千克');
    expect(quantity('-2.000', '瓶')).toBe('-2 瓶');
    expect(quantity(undefined, '盒')).toBe('—');
  });

  it('reads today and a time on the shop’s clock (China time), wherever the phone is', () => {
    expect(today(new Date('2026-01-05T15:59:00Z'))).toBe('2026-01-05');
    // Midnight in China is still the afternoon before on a phone that keeps UTC: the shop's day has turned.
    expect(today(new Date('2026-01-05T16:00:00Z'))).toBe('2026-01-06');
    expect(shortTime('2026-11-22T01:05:00Z')).toBe('11-22 09:05');
    expect(shortTime('not a date')).toBe('not a date');
  });
});
