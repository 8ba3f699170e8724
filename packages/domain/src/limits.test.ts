import { describe, expect, it } from 'vitest';
import { costState } from './costing.ts';
import { EARLIEST_BOOK_DATE, lastReportDay, latestBookDate, limitText, withinBalanceLimits } from './limits.ts';

describe('the dates the books take', () => {
  it('start on 1 January 2000', () => {
    expect(EARLIEST_BOOK_DATE).toBe('2000-01-01');
  });
});

describe('latestBookDate', () => {
  it('is a year after the shop day (China Standard Time), which turns at 16:00 UTC', () => {
    expect(latestBookDate(new Date('2026-12-02T15:59:59Z'))).toBe('2027-12-02');
    expect(latestBookDate(new Date('2026-12-02T16:00:00Z'))).toBe('2027-12-03');
  });

  it('takes 29 February to 1 March of the next year', () => {
    expect(latestBookDate(new Date('2028-02-29T04:00:00Z'))).toBe('2029-03-01');
  });
});

describe('withinBalanceLimits', () => {
  it('holds up to a billion units and ten billion yuan either side of zero, and not a unit more', () => {
    expect(withinBalanceLimits(costState('1000000000.000', '10.0000', '10000000000.00'))).toBe(true);
    expect(withinBalanceLimits(costState('-1000000000.000', '10.0000', '-10000000000.00'))).toBe(true);
    expect(withinBalanceLimits(costState('1000000000.001', '0.0000', '0.00'))).toBe(false);
    expect(withinBalanceLimits(costState('-1000000000.001', '0.0000', '0.00'))).toBe(false);
    expect(withinBalanceLimits(costState('1.000', '0.0000', '10000000000.01'))).toBe(false);
    expect(withinBalanceLimits(costState('-1.000', '0.0000', '-10000000000.01'))).toBe(false);
  });
});

it('writes limits with thousands separators', () => {
  expect(limitText(10_000_000)).toBe('10,000,000');
});

describe('lastReportDay', () => {
  it('ends a report the day before the same date three years on', () => {
    expect(lastReportDay('2024-01-01')).toBe('2026-12-31');
    expect(lastReportDay('2023-03-15')).toBe('2026-03-14');
    // A leap day has no twin three years on: the period ends on the last day of February.
    expect(lastReportDay('2024-02-29')).toBe('2027-02-28');
  });
});
