import { describe, expect, it } from 'vitest';
import { croston, sba } from './croston.ts';
import { holtWinters } from './holt-winters.ts';
import { holt } from './holt.ts';
import { dampedSum, expectedAtLeast, fit, forecastsAt, type Model } from './model.ts';
import { naive, seasonalNaive } from './naive.ts';
import { ses } from './ses.ts';
import { tsb } from './tsb.ts';
import { bySlot, shopWeekdayProfile, weekdayProfile } from './weekly.ts';

/** One-step forecasts of each day (before taking it in) and the h-day forecast after the last. */
function trace<S>(model: Model<S>, state: S, y: readonly (number | null)[], p: readonly number[], h = 1) {
  const before: number[] = [];
  y.forEach((v, t) => {
    before.push(model.predict(state, t, p));
    model.step(state, v, t, p);
  });
  const out = new Array<number>(h).fill(0);
  model.forecast(state, y.length, h, p, out);
  return { before, after: out };
}

describe('SES', () => {
  it('matches a published worked example (α = 0.3, the first value as ℓ₀)', () => {
    // wongsteve.com "Time Series Forecasting Exercise — Simple Exponential Smoothing": sales 99 … 65,
    // forecasts for periods 2–10 of 99.0, 95.7, 82.0, 74.8, 71.0, 67.7, 63.9, 63.3, 65.6 and 65.42 for period 11
    // (0.3·65 + 0.7·65.6 from the rounded 65.6; unrounded it is 65.43).
    const sales = [99, 88, 50, 58, 62, 60, 55, 62, 71, 65];
    const { before, after } = trace(ses, { level: 99 }, sales, [0.3]);
    expect(before.slice(1).map((f) => Number(f.toFixed(1)))).toEqual([99.0, 95.7, 82.0, 74.8, 71.0, 67.7, 63.9, 63.3, 65.6]);
    expect(after[0]).toBeCloseTo(65.42, 1);
  });

  it('leaves the level alone on a censored day and picks α by in-sample one-step error', () => {
    const { after } = trace(ses, { level: 5 }, [null, null, null], [0.5]);
    expect(after[0]).toBe(5);
    // A step from 2 to 10 halfway: the best grid α is the largest (0.7), a flat series the smallest.
    const step = [...Array<number>(30).fill(2), ...Array<number>(30).fill(10)];
    expect(fit(ses, step, step.length)?.params).toEqual([0.7]);
  });
});

describe('damped Holt', () => {
  it('follows the damped-trend equations (hand-computed: α = β = 0.5, φ = 0.9, ℓ₀ = 10, b₀ = 1, y₁ = 12)', () => {
    // ℓ₁ = 0.5·12 + 0.5·(10 + 0.9) = 11.45; b₁ = 0.5·(11.45 − 10) + 0.5·0.9·1 = 1.175;
    // ŷ(1) = 11.45 + 0.9·1.175 = 12.5075; ŷ(2) = 11.45 + (0.9 + 0.81)·1.175 = 13.45925.
    const { before, after } = trace(holt, { level: 10, trend: 1 }, [12], [0.5, 0.5, 0.9], 2);
    expect(before[0]).toBeCloseTo(10.9, 10);
    expect(after[0]).toBeCloseTo(12.5075, 10);
    expect(after[1]).toBeCloseTo(13.45925, 10);
    // A censored day moves the state along its forecast: ℓ = 12.5075, b = 0.9·1.175.
    const state = { level: 11.45, trend: 1.175 };
    holt.step(state, null, 0, [0.5, 0.5, 0.9]);
    expect(state.level).toBeCloseTo(12.5075, 10);
    expect(state.trend).toBeCloseTo(1.0575, 10);
  });

  it('sums the damping: φ + … + φ^h, and h without damping', () => {
    expect(dampedSum(0.9, 2)).toBeCloseTo(1.71, 12);
    expect(dampedSum(1, 5)).toBe(5);
  });
});

describe('Holt-Winters (additive, weekly)', () => {
  it('updates level, season and forecasts the week (hand-computed)', () => {
    // α = 0.5, β = 0, γ = 0.5, φ = 0.9; ℓ₀ = 10, b₀ = 0, s = [1, −1, 0, 0, 0, 0, 0]; day 0 (weekday 0) sells 12.
    // s₀ ← 0.5·(12 − 10) + 0.5·1 = 1.5; ℓ ← 0.5·(12 − 1) + 0.5·10 = 10.5; next week: 9.5, 10.5 ×5, 12.
    const state = { level: 10, trend: 0, season: [1, -1, 0, 0, 0, 0, 0] };
    const { before, after } = trace(holtWinters, state, [12], [0.5, 0, 0.5, 0.9], 7);
    expect(before[0]).toBe(11);
    expect(state.season[0]).toBeCloseTo(1.5, 12);
    expect(after.map((f) => Number(f.toFixed(6)))).toEqual([9.5, 10.5, 10.5, 10.5, 10.5, 10.5, 12]);
  });

  it('learns a weekly pattern that SES cannot', () => {
    const week = [2, 2, 2, 2, 4, 8, 4];
    const y = Array.from({ length: 70 }, (_, t) => week[t % 7]!);
    const f = fit(holtWinters, y, y.length)!;
    const { atEnd } = forecastsAt(f, y, y.length, [], 7);
    atEnd.forEach((v, k) => expect(v).toBeCloseTo(week[k]!, 1));
  });
});

describe('Croston and SBA', () => {
  // R forecast::croston (croston2 in R/croston.R): SES with initial = "simple" on the sizes y = (3, 1, 2) and on the
  // intervals (3, 2, 3) of x = (0, 0, 3, 0, 1, 0, 0, 2), α = 0.1: sizes 3 → 2.8 → 2.72, intervals 3 → 2.9 → 2.91,
  // forecast 2.72 / 2.91 = 0.934707…; SBA (type = "sba") × (1 − 0.1/2) = 0.887972….
  const x = [0, 0, 3, 0, 1, 0, 0, 2];
  const start = () => croston.init([], 0, [])!;

  it('matches R forecast::croston', () => {
    expect(trace(croston, start(), x, [0.1]).after[0]).toBeCloseTo(2.72 / 2.91, 10);
    expect(trace(sba, start(), x, [0.1]).after[0]).toBeCloseTo((0.95 * 2.72) / 2.91, 10);
  });

  it('skips censored days (they count in no interval) and forecasts 0 before any demand', () => {
    expect(trace(croston, start(), [0, null, 0, 3, 0, 1, null, 0, 0, 2], [0.1]).after[0]).toBeCloseTo(2.72 / 2.91, 10);
    expect(trace(croston, start(), [0, 0, 0], [0.1]).after[0]).toBe(0);
    // One demand only: R gives y / tt, here 4 / 3.
    expect(trace(croston, start(), [0, 0, 4], [0.1]).after[0]).toBeCloseTo(4 / 3, 12);
  });
});

describe('TSB', () => {
  it('smooths the probability every day and the size on demand days (hand-computed)', () => {
    // α = 0.5, β = 0.2 from π = 0.5, z = 2: a 0 → π 0.4; a 4 → π 0.4 + 0.2·0.6 = 0.52, z 3; forecast 1.56.
    const state = { probability: 0.5, size: 2, seen: true };
    expect(trace(tsb, state, [0, 4], [0.5, 0.2]).after[0]).toBeCloseTo(1.56, 12);
    // Ten days without demand: 0.52 · 0.8¹⁰ · 3 — it decays towards 0, where Croston would stay put.
    expect(trace(tsb, state, Array<number>(10).fill(0), [0.5, 0.2]).after[0]).toBeCloseTo(0.52 * 0.8 ** 10 * 3, 12);
  });

  it('starts from the first four weeks', () => {
    expect(tsb.init([0, 2, 0, 4, null], 5, [])).toEqual({ probability: 0.5, size: 3, seen: true });
  });
});

describe('naive and seasonal naive', () => {
  it('repeat the last observed day, or the last observed same weekday', () => {
    expect(trace(naive, naive.init([3], 1, [])!, [3, 7, null], [], 2).after).toEqual([7, 7]);
    const y = [1, 2, 3, 4, 5, 6, 7, 10, null];
    const s = seasonalNaive.init(y, y.length, [])!;
    const out = trace(seasonalNaive, s, y, [], 7).after;
    expect(out).toEqual([3, 4, 5, 6, 7, 10, 2]);
  });
});

describe('censored days with sales', () => {
  it('are taken in as E[D | D ≥ sold], never below what was sold', () => {
    // Normal(10, 2²) truncated at 10: 10 + 2·φ(0)/0.5 = 11.5958.
    expect(expectedAtLeast(10, 2, 10)).toBeCloseTo(10 + (2 * 0.3989422804) / 0.5, 6);
    expect(expectedAtLeast(1, 1, 50)).toBeGreaterThanOrEqual(50);
    expect(expectedAtLeast(Number.NaN, 1, 3)).toBe(3);
  });
});

describe('weekday profile', () => {
  it('finds a clear weekly shape and shrinks noise in a short history to an even week', () => {
    const week = [2, 2, 2, 2, 4, 8, 4];
    const profile = weekdayProfile(Array.from({ length: 112 }, (_, t) => week[t % 7]!), 112);
    profile.forEach((p, j) => expect(p).toBeCloseTo(week[j]! / (24 / 7), 6));
    expect(weekdayProfile([0, 1, 0, 0, 0, 3, 0], 7)).toEqual([1, 1, 1, 1, 1, 1, 1]);
    // Two weeks of noise around an even week: the indices stay near 1.
    const noisy = weekdayProfile([3, 0, 5, 1, 2, 4, 0, 0, 4, 1, 5, 2, 1, 3], 14);
    noisy.forEach((p) => expect(Math.abs(p - 1)).toBeLessThan(0.35));
  });
});

describe('the shop\'s weekly profile', () => {
  const week = [2, 2, 2, 2, 4, 8, 4];
  const dates = (first: string, n: number) => Array.from({ length: n }, (_, t) => new Date(Date.parse(`${first}T00:00:00Z`) + t * 86_400_000).toISOString().slice(0, 10));

  it('pools the products\' weeks by calendar weekday and needs a few products', () => {
    // 2025-01-06 is a Monday: slot 0 is weekday 1. Products of any size and start weekday pool to one shape.
    const product = (scale: number, shift: number) => ({ dates: dates('2025-01-06', 112).slice(shift), values: Array.from({ length: 112 }, (_, t) => scale * week[t % 7]!).slice(shift) });
    const profile = shopWeekdayProfile([1, 3, 10, 0.5, 2].map((scale, i) => product(scale, i)))!;
    expect(bySlot(profile, '2025-01-06').map((p) => p * (24 / 7))).toEqual(week.map((w) => expect.closeTo(w, 6)));
    expect(shopWeekdayProfile([product(1, 0), product(2, 0)])).toBeNull();
    // Days from `end` on are not looked at.
    expect(shopWeekdayProfile([1, 2, 3, 4, 5].map((scale) => product(scale, 0)), '2025-01-06')).toBeNull();
  });

  it('gives a slow seller the shop\'s shape at its own strength, shrunk towards the shop\'s', () => {
    const shop = week.map((w) => w / (24 / 7));
    // Half the shop's weekly swing, clearly: the strength comes out near 0.5.
    const half = Array.from({ length: 112 }, (_, t) => 10 * (1 + 0.5 * (shop[t % 7]! - 1)));
    weekdayProfile(half, 112, shop).forEach((p, j) => expect(p).toBeCloseTo(1 + 0.5 * (shop[j]! - 1), 2));
    // Three weeks of a few sales, none at the weekend: the shop's shape, weakened, not the seller's own noise.
    const sparse = [0, 1, 0, 0, 0, 0, 1, 0, 0, 1, 0, 0, 1, 0, 1, 0, 0, 0, 0, 0, 0];
    weekdayProfile(sparse, sparse.length, shop).forEach((p, j) => {
      expect((p - 1) * (shop[j]! - 1)).toBeGreaterThan(0);
      expect(Math.abs(p - 1)).toBeLessThan(Math.abs(shop[j]! - 1));
    });
  });
});
