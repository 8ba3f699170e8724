import { describe, expect, it } from 'vitest';
import { formatBillNumber, periodOf } from './bill-number.ts';
import { shopDay, shopMinute } from './calendar.ts';

describe('formatBillNumber', () => {
  it('prefix, day without dashes, 4-digit sequence', () => {
    expect(formatBillNumber('in', '2026-11-22', 1)).toBe('IN202611220001');
    expect(formatBillNumber('out', '2026-11-22', 37)).toBe('OUT202611220037');
    expect(formatBillNumber('in', '2026-01-05', 9999)).toBe('IN202601059999');
  });

  it.each([0, -1, 10000, 1.5, Number.NaN, Number.POSITIVE_INFINITY])('rejects sequence %s', (sequence) => {
    expect(() => formatBillNumber('in', '2026-11-22', sequence)).toThrow(new RangeError(`bill sequence out of range: ${sequence}`));
  });
});

describe('shopDay (China Standard Time, UTC+8)', () => {
  it('the day turns at 16:00 UTC', () => {
    expect(shopDay(new Date('2026-11-21T15:59:59.999Z'))).toBe('2026-11-21');
    expect(shopDay(new Date('2026-11-21T16:00:00.000Z'))).toBe('2026-11-22');
    expect(shopDay(new Date('2026-11-22T00:30:00Z'))).toBe('2026-11-22');
  });

  it('tells the shop time to the minute', () => {
    expect(shopMinute(new Date('2026-11-21T16:05:59Z'))).toBe('2026-11-22 00:05');
  });

  it('crosses months and years', () => {
    expect(shopDay(new Date('2026-12-31T16:00:00Z'))).toBe('2027-01-01');
    expect(shopDay(new Date('2028-02-28T16:00:00Z'))).toBe('2028-02-29');
  });

  it('feeds bill numbers', () => {
    expect(formatBillNumber('in', shopDay(new Date('2026-11-21T23:00:00Z')), 1)).toBe('IN202611220001');
  });

  it('numbers receipts and payments in series of their own', () => {
    expect(formatBillNumber('receipt', '2026-11-22', 3)).toBe('SK202611220003');
    expect(formatBillNumber('payment', '2026-11-22', 12)).toBe('FK202611220012');
  });

  it('fills a period that is not given with the current month up to today, in the shop calendar', () => {
    const lateOnNovember30 = new Date('2026-11-30T17:00:00Z');
    expect(periodOf({}, lateOnNovember30)).toEqual({ dateFrom: '2026-12-01', dateTo: '2026-12-01' });
    expect(periodOf({ dateFrom: '2026-01-01' }, lateOnNovember30)).toEqual({ dateFrom: '2026-01-01', dateTo: '2026-12-01' });
    expect(periodOf({ dateTo: '2026-12-31' }, new Date('2026-11-15T00:00:00Z'))).toEqual({ dateFrom: '2026-11-01', dateTo: '2026-12-31' });
  });
});
