import { describe, expect, it } from 'vitest';
import { formatBillNumber, shopDay } from './bill-number.ts';

describe('formatBillNumber', () => {
  it('prefix, day without dashes, 4-digit sequence', () => {
    expect(formatBillNumber('in', '2026-11-22', 1)).toBe('IN202611220001');
    expect(formatBillNumber('out', '2026-11-22', 37)).toBe('OUT202611220037');
    expect(formatBillNumber('in', '2026-01-05', 9999)).toBe('IN202601059999');
  });

  it.each([0, -1, 10000, 1.5, Number.NaN, Number.POSITIVE_INFINITY])('rejects sequence %s', (sequence) => {
    expect(() => formatBillNumber('in', '2026-11-22', sequence)).toThrow(RangeError);
  });
});

describe('shopDay (China Standard Time, UTC+8)', () => {
  it('the day turns at 16:00 UTC', () => {
    expect(shopDay(new Date('2026-11-21T15:59:59.999Z'))).toBe('2026-11-21');
    expect(shopDay(new Date('2026-11-21T16:00:00.000Z'))).toBe('2026-11-22');
    expect(shopDay(new Date('2026-11-22T00:30:00Z'))).toBe('2026-11-22');
  });

  it('crosses months and years', () => {
    expect(shopDay(new Date('2026-12-31T16:00:00Z'))).toBe('2027-01-01');
    expect(shopDay(new Date('2028-02-28T16:00:00Z'))).toBe('2028-02-29');
  });

  it('feeds bill numbers', () => {
    expect(formatBillNumber('in', shopDay(new Date('2026-11-21T23:00:00Z')), 1)).toBe('IN202611220001');
  });
});
