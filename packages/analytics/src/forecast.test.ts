import { describe, expect, it } from 'vitest';
import { errorSdOver, forecastProduct, type ProductForecast } from './forecast.ts';
import { censoredSizeMeans } from './select.ts';
import { buildDailySeries, type DailySeries } from './series.ts';

function series(values: (number | null)[], sales?: number[]): DailySeries {
  const dates = values.map((_, i) => new Date(Date.UTC(2025, 0, 6 + i)).toISOString().slice(0, 10));
  return { dates, values, sales: sales ?? values.map((v) => v ?? 0) };
}

function expectSane(f: ProductForecast) {
  for (const d of f.daily) {
    expect(Number.isFinite(d.mean)).toBe(true);
    expect(d.mean).toBeGreaterThanOrEqual(0);
  }
  for (const v of [f.errorSd, f.backtest?.rmsse ?? 0, f.backtest?.mase ?? 0, f.backtest?.bias ?? 0, f.demand.adi ?? 0, f.demand.cv2 ?? 0, f.demand.meanDemand]) expect(Number.isFinite(v)).toBe(true);
}

const week = [4, 4, 5, 5, 6, 9, 7];
const steady = (days: number) => Array.from({ length: days }, (_, t) => week[t % 7]!);

describe('forecastProduct', () => {
  it('chooses a method by backtest and forecasts the next 28 days with its figures', () => {
    const f = forecastProduct(series(steady(120)));
    expectSane(f);
    expect(f.status).toBe('ok');
    expect(f.demand.demandClass).toBe('smooth');
    expect(f.daily).toHaveLength(28);
    expect(f.daily[0]!.date).toBe('2025-05-06');
    expect(f.backtest).not.toBeNull();
    // The weekly shape is learnt: day 124 (weekday slot 5, 9 a day) above day 126 (slot 0, 4 a day).
    expect(f.daily[4]!.mean).toBeGreaterThan(f.daily[6]!.mean + 2);
    const mean = f.daily.reduce((a, d) => a + d.mean, 0) / 28;
    expect(mean).toBeGreaterThan(5);
    expect(mean).toBeLessThan(6.5);
  });

  it('keeps the error over every lead time, so a stored forecast serves any lead time as a new one would', () => {
    const lumpy = steady(150).map((v, t) => (t % 5 === 0 ? v * 3 : t % 3 === 0 ? 0 : v));
    const f = forecastProduct(series(lumpy));
    expect(f.errorSds.length).toBeGreaterThan(7);
    for (const days of [1, 3, 7, 14, 28, 60]) expect(errorSdOver(f, days)).toBe(forecastProduct(series(lumpy), { errorDays: days }).errorSd);
    const short = forecastProduct(series([3, 0, 5]));
    expect(errorSdOver(short, 10)).toBe(short.errorSd);
  });

  it('is not pulled towards zero by a stock-out stretch (censored days), as it would be by reading them as zeros', () => {
    const history = steady(84);
    const censored = [...history, ...Array<null>(21).fill(null)];
    const f = forecastProduct(series(censored, [...history, ...Array<number>(21).fill(0)]));
    expectSane(f);
    const mean = f.daily.reduce((a, d) => a + d.mean, 0) / f.daily.length;
    expect(mean).toBeGreaterThan(5);
    const asZeros = forecastProduct(series([...history, ...Array<number>(21).fill(0)]));
    expect(asZeros.daily.reduce((a, d) => a + d.mean, 0) / asZeros.daily.length).toBeLessThan(mean / 2);
  });

  it('reads a day that sold out as at least what it sold', () => {
    // Every Saturday sells out after 3 (demand was more): the forecast's Saturday is not held at 3.
    const values = steady(112).map((v, t) => (t % 7 === 5 ? null : v));
    const sales = steady(112).map((v, t) => (t % 7 === 5 ? 3 : v));
    const f = forecastProduct(series(values, sales));
    expectSane(f);
    // Read as exactly what was sold, the weeks forecast 136 (4 · 34); at least that, more.
    const exact = forecastProduct(series(sales, sales));
    const total = (x: ProductForecast) => x.daily.reduce((a, d) => a + d.mean, 0);
    expect(total(exact)).toBeCloseTo(136, 6);
    expect(total(f)).toBeGreaterThan(total(exact) + 4);
  });

  it('says so where there is no history, and uses the category mean when given', () => {
    const none = forecastProduct({ dates: [], values: [], sales: [] });
    expect(none).toMatchObject({ status: 'no-history', method: 'none', daily: [], backtest: null });
    const allOut = forecastProduct(series([null, null, null]), { categoryMean: 2 });
    expect(allOut).toMatchObject({ status: 'no-history', method: 'category-mean' });
    expect(allOut.daily[0]!.mean).toBe(2);
    expectSane(allOut);
    expectSane(forecastProduct(series([null]), { categoryMean: Number.NaN }));
  });

  it('gives a short history its own mean, pulled towards the category mean', () => {
    const one = forecastProduct(series([1]));
    expect(one).toMatchObject({ status: 'short-history', method: 'mean' });
    expect(one.daily[0]!.mean).toBe(1);
    // 3 days at 4 a day and a category at 1 a day weighing as 7 days: (12 + 7) / 10.
    const pulled = forecastProduct(series([4, 4, 4]), { categoryMean: 1 });
    expect(pulled.daily[0]!.mean).toBeCloseTo(1.9, 12);
    expectSane(pulled);
  });

  it('handles one sale in a long history, only returns, a negative-stock episode and a single stock-out day', () => {
    const oneSale = forecastProduct(series([...Array<number>(59).fill(0), 1]));
    expect(oneSale.status).toBe('ok');
    expectSane(oneSale);

    const onlyReturns = forecastProduct(
      buildDailySeries({ from: '2025-01-01', to: '2025-03-01', days: [{ date: '2025-01-10', sold: 0, returned: 3 }, { date: '2025-02-10', sold: 0, returned: 1 }] }),
    );
    expect(onlyReturns.demand.demandClass).toBe('no-demand');
    expect(onlyReturns.daily.every((d) => d.mean === 0)).toBe(true);
    expectSane(onlyReturns);

    const negative = forecastProduct(
      buildDailySeries({
        from: '2025-01-01',
        to: '2025-03-31',
        openingStock: 5,
        days: Array.from({ length: 90 }, (_, i) => ({ date: new Date(Date.UTC(2025, 0, 1 + i)).toISOString().slice(0, 10), sold: 2, closingStock: 5 - 2 * (i + 1) })),
      }),
    );
    expect(negative.status).toBe('ok');
    expect(negative.daily[0]!.mean).toBeCloseTo(2, 6);
    expectSane(negative);

    const oneOut = steady(70).map((v, t): number | null => (t === 40 ? null : v));
    expectSane(forecastProduct(series(oneOut)));
  });

  it('never gives NaN or Infinity, whatever the series holds', () => {
    const weird = forecastProduct(series([0, 0, 1e12, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1e-12]));
    expectSane(weird);
  });
});

describe('censoredSizeMeans', () => {
  it('reads a sold-out day of intermittent demand as a demand of at least its sale, from the item\'s own sizes', () => {
    // A demand every fourth day, of 2 or 10; the days that sold 3 and ran out held a demand of at least 3: of
    // the sizes seen, a 10. The normal reading around a mean of 1.5 a day would have taken them near 3.
    const values: (number | null)[] = Array.from({ length: 112 }, (_, t) => (t % 4 !== 0 ? 0 : t % 24 === 0 ? null : t % 8 === 0 ? 10 : 2));
    const sales = values.map((v) => v ?? 3);
    const imputed = censoredSizeMeans(values, sales)!;
    expect(imputed).toHaveLength(112);
    values.forEach((v, t) => expect(imputed[t]).toBe(v === null ? 10 : 0));
    // Every-day demand keeps the normal reading.
    const daily = Array.from({ length: 56 }, (_, t) => (t === 10 ? null : 5 + (t % 3)));
    expect(censoredSizeMeans(daily, daily.map((v) => v ?? 4))).toBeUndefined();
  });
});
