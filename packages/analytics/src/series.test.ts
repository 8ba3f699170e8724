import { describe, expect, it } from 'vitest';
import { addDays, buildDailySeries, daysBetween, informativeValues } from './series.ts';

describe('daily series', () => {
  it('has one value a day, sales less returns, never below 0', () => {
    const s = buildDailySeries({
      from: '2025-03-01',
      to: '2025-03-04',
      days: [
        { date: '2025-03-01', sold: 3 },
        { date: '2025-03-01', sold: 2, returned: 1 },
        { date: '2025-03-03', sold: 1, returned: 4 },
      ],
    });
    expect(s.dates).toEqual(['2025-03-01', '2025-03-02', '2025-03-03', '2025-03-04']);
    expect(s.values).toEqual([4, 0, 0, 0]);
    expect(s.sales).toEqual([4, 0, 0, 0]);
  });

  it('censors days that end out of stock, carrying the closing stock over days without movement', () => {
    const s = buildDailySeries({
      from: '2025-03-01',
      to: '2025-03-05',
      openingStock: 3,
      days: [
        { date: '2025-03-01', sold: 1, closingStock: 2 },
        { date: '2025-03-02', sold: 2, closingStock: 0 },
        // 03-03: nothing happens, still 0 → censored
        { date: '2025-03-04', sold: 0, closingStock: 10 },
      ],
    });
    expect(s.values).toEqual([1, null, null, 0, 0]);
    expect(s.sales).toEqual([1, 2, 0, 0, 0]);
    expect(informativeValues(s)).toEqual([1, 2, null, 0, 0]);
  });

  it('reads a sale that drove the book stock negative as demand (the goods were there), a negative day without sales as out', () => {
    const s = buildDailySeries({
      from: '2025-03-01',
      to: '2025-03-03',
      openingStock: 1,
      days: [
        { date: '2025-03-01', sold: 3, closingStock: -2 },
        { date: '2025-03-02', sold: 0, closingStock: -2 },
        { date: '2025-03-03', sold: 1, closingStock: -3 },
      ],
    });
    expect(s.values).toEqual([3, null, 1]);
  });

  it('censors nothing without a stock figure, and ignores days outside the range and non-finite numbers', () => {
    const s = buildDailySeries({
      from: '2025-03-01',
      to: '2025-03-02',
      days: [
        { date: '2025-02-28', sold: 9 },
        { date: '2025-03-01', sold: Number.NaN, returned: Number.POSITIVE_INFINITY },
        { date: '2025-03-02', sold: 2, closingStock: Number.NaN },
      ],
    });
    expect(s.values).toEqual([0, 2]);
  });

  it('is empty when the range is', () => {
    expect(buildDailySeries({ from: '2025-03-02', to: '2025-03-01', days: [] }).values).toEqual([]);
  });

  it('counts days across month and year ends', () => {
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(daysBetween('2024-01-01', '2025-01-01')).toBe(366);
  });
});
