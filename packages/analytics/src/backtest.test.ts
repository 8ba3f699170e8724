import { describe, expect, it } from 'vitest';
import { backtestItem, shopParams, shopProfiles, summarise, type ItemResult } from './backtest.ts';
import { generateItems } from './synthetic.ts';

describe('synthetic shop', () => {
  it('is the same for the same seed and keeps μ, demand, sales and censoring consistent', () => {
    const [a] = generateItems({ seed: 7, items: 1, days: 120 });
    const [b] = generateItems({ seed: 7, items: 1, days: 120 });
    expect(a).toEqual(b);
    const shop = generateItems({ seed: 11, items: 40, days: 120 });
    for (const item of shop) {
      expect(item.values).toHaveLength(120 - item.launch);
      item.sales.forEach((s, t) => expect(s).toBeLessThanOrEqual(item.demand[t]!));
      item.values.forEach((v, i) => {
        if (v !== null) expect(v).toBe(item.sales[item.launch + i]);
      });
      expect(item.mu.every((m) => Number.isFinite(m) && m >= 0)).toBe(true);
    }
    expect(new Set(shop.map((i) => i.kind)).size).toBe(4);
    expect(shop.some((i) => i.values.includes(null))).toBe(true);
  });
});

describe('a small seeded backtest', () => {
  it('orders the methods sensibly: every smoothing method far ahead of the naive ones, the per-item choice no worse than SES', () => {
    const results = generateItems({ seed: 3, items: 36, days: 182 })
      .map((item) => backtestItem(item))
      .filter((r): r is ItemResult => r !== null);
    const s = summarise(results);
    const m = s.byMethod;
    expect(s.items).toBeGreaterThan(30);
    for (const method of ['ses', 'holt', 'sba', 'tsb', 'ses-weekly', 'auto'] as const) {
      expect(m[method].rmsseMean).toBeLessThan(m.snaive.rmsseMean * 0.7);
      expect(m[method].rmsseMean).toBeLessThan(m.naive.rmsseMean * 0.7);
      expect(Number.isFinite(m[method].biasMean)).toBe(true);
    }
    expect(m.auto.rmsseMean).toBeLessThanOrEqual(m.ses.rmsseMean * 1.02);
    expect(m.auto.beatsSnaive).toBeGreaterThan(0.8);
    expect(s.replay.fillRate).toBeGreaterThan(0.8);
    expect(s.replay.cycleServiceLevel).toBeGreaterThan(0.7);
    expect(s.replay.cycles).toBeGreaterThan(100);
  });
});

describe('the shop’s pooled parameters in the backtest', () => {
  it('are pooled from the days before the week’s first day only: what comes later does not change them', () => {
    const shop = generateItems({ seed: 5, items: 24, days: 140 });
    const pooledOn = (items: typeof shop) => shopParams(items, shopProfiles(items))('2025-03-05');
    const params = pooledOn(shop);
    expect(Object.keys(params).length).toBeGreaterThan(0);
    // 2025-03-05 is a Wednesday: pooled on Monday 2025-03-03, day 56 of the shop. Every day from it on is changed.
    const changed = shop.map((item) => ({ ...item, values: item.values.map((v, i) => (item.launch + i >= 56 && v !== null ? v * 10 + 5 : v)) }));
    expect(pooledOn(changed)).toEqual(params);
    const later = (items: typeof shop) => shopParams(items, shopProfiles(items))('2025-04-30');
    expect(later(changed)).not.toEqual(later(shop));
  });
});
