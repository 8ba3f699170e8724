import { describe, expect, it } from 'vitest';
import { addDays, buildDailySeries, daysBetween, demandSizes, expectedSizeAtLeast, informativeValues, sizeDistribution } from './series.ts';

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

  it('estimates the sizes of demand with censored days read as at least what they sold (Kaplan–Meier)', () => {
    // Demands 1, 2, 5 seen, and a day that sold 3 and ran out (at least 3): its quarter goes to the 5, the only
    // demand at or above 3. Read at its sale, as before, it would have been a demand of 3.
    const series = { values: [1, 2, null, 5, 0, null], sales: [1, 2, 3, 5, 0, 0] };
    expect(sizeDistribution(series)).toEqual([
      [1, 0.25],
      [2, 0.25],
      [5, 0.5],
    ]);
    expect(demandSizes(series)).toEqual([1, 2, 5, 5]);
    // A censored day at a seen value passes its share to that value and above; one above them all is its sale
    // plus the mean excess of a shifted exponential: sizes' excess over the least seen (1) is 0 + 0 + 0 + 0 + 1
    // over 3 uncensored sizes.
    const [seen, above] = sizeDistribution({ values: [1, 1, 1, null, null], sales: [1, 1, 1, 1, 2] });
    expect(seen).toEqual([1, 0.75]);
    expect(above![0]).toBeCloseTo(2 + 1 / 3, 10);
    expect(above![1]).toBeCloseTo(0.25, 10);
    // A shelf that never held a whole demand: seen 1, 2 and 3 (excess 0, 1, 2), sold out at 4 and 5 (3, 4):
    // 10 over 3 uncensored sizes, so the two read as 4 + 10/3 and 5 + 10/3, not as what was left.
    const small = { values: [1, 2, 3, null, null], sales: [1, 2, 3, 4, 5] };
    expect(sizeDistribution(small).map(([x]) => x)).toEqual([1, 2, 3, 4 + 10 / 3, 5 + 10 / 3]);
    expect(expectedSizeAtLeast(sizeDistribution(small), 4)).toBeCloseTo(4.5 + 10 / 3, 10);
    // Censored days only: nothing to fit, each keeps its sale.
    expect(sizeDistribution({ values: [null, null], sales: [2, 4] })).toEqual([
      [2, 0.5],
      [4, 0.5],
    ]);
    // Without censored days, the demands as they were.
    expect(demandSizes({ values: [3, 0, 1, 3], sales: [3, 0, 1, 3] })).toEqual([1, 3, 3]);
    expect(demandSizes({ values: [null, 0], sales: [0, 0] })).toEqual([]);
    expect(expectedSizeAtLeast(sizeDistribution(series), 3)).toBe(5);
    expect(expectedSizeAtLeast(sizeDistribution(series), 2)).toBeCloseTo((2 * 0.25 + 5 * 0.5) / 0.75, 10);
    expect(expectedSizeAtLeast(sizeDistribution(series), 7)).toBe(7);
  });
});
