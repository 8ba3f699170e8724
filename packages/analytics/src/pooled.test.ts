import { describe, expect, it } from 'vitest';
import { forecastProduct } from './forecast.ts';
import { ParamPool, pooledMethods } from './pooled.ts';
import { addDays, type DailySeries } from './series.ts';
import { mulberry32 } from './synthetic.ts';

/** A smooth seller of 140 days around a level that `levelAt` gives, with noise of ±3 drawn from `seed`. */
function seller(seed: number, levelAt: (t: number) => number): DailySeries {
  const random = mulberry32(seed);
  const values = Array.from({ length: 140 }, (_, t) => Math.max(0, Math.round(levelAt(t) + 6 * (random() - 0.5))));
  return { dates: values.map((_, t) => addDays('2025-01-06', t)), values, sales: values.slice() };
}

const pooled = (products: readonly DailySeries[]) => {
  const pool = new ParamPool();
  for (const series of products) pool.add(series, null);
  return pool.params();
};

describe('parameters pooled over the shop per demand class', () => {
  it('are the grid point whose inner backtest is best over the class: slow smoothing for a steady level, quick for a moving one', () => {
    const steady = pooled([1, 2, 3, 4, 5, 6].map((seed) => seller(seed, () => 10)));
    expect(Object.keys(steady)).toEqual(['smooth']);
    expect(Object.keys(steady.smooth!).sort()).toEqual([...pooledMethods('smooth')].sort());
    expect(steady.smooth!['ses-weekly']).toEqual([0.02]);
    // The level climbs by 3 every two weeks: the least α (0.02) lags it.
    const moving = pooled([1, 2, 3, 4, 5, 6].map((seed) => seller(seed, (t) => 10 + 3 * Math.floor(t / 14))));
    expect(moving.smooth!['ses-weekly']![0]).toBeGreaterThan(0.05);
  });

  it('need five products of a class; fewer keep their own fit', () => {
    expect(pooled([1, 2, 3, 4].map((seed) => seller(seed, () => 10)))).toEqual({});
  });

  it('are what the class’s combination forecasts with, instead of each member’s own fit', () => {
    const series = seller(9, () => 10);
    const own = forecastProduct(series);
    expect(own.method).toBe('ses-tsb-weekly');
    const given = forecastProduct(series, { pooledParams: { smooth: { 'ses-weekly': [0.7], 'tsb-weekly': [0.3, 0.2] } } });
    expect(given.method).toBe('ses-tsb-weekly');
    expect(given.params).toEqual([0.7, 0.3, 0.2]);
    expect(own.params).not.toEqual(given.params);
    // Another class's parameters do not apply.
    expect(forecastProduct(series, { pooledParams: { lumpy: { 'tsb-weekly': [0.3, 0.2], ses: [0.7] } } }).params).toEqual(own.params);
  });
});
