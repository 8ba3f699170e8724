import { daysBetween, type Observation } from '../series.ts';
import type { MethodName, Model } from './model.ts';

/**
 * A weekly profile around another method: the method runs on demand divided by the weekday's index and its
 * forecast is multiplied back. The profile is estimated once from the last `WEEKS` weeks of the history
 * (observed days), all weeks at once — unlike Holt-Winters' seven seasonal states, updated one observation at
 * a time — which suits daily retail where the shape of the week is stable and the counts are small.
 *
 * With the shop's profile (`weekdayPrior`, pooled over its products by `shopWeekdayProfile`), a product's
 * profile is the shop's with the product's own strength s: index_j = 1 + s·(shop_j − 1), s fitted to the
 * product's weekday means by least squares and shrunk towards 1 by how noisy that fit is (s is one number
 * where a profile of its own is six, so even a slow seller gets its week from the shop's). Without it, each
 * weekday's index (its mean ÷ the overall mean) is the product's own, shrunk towards 1 by empirical Bayes
 * (weight τ² / (τ² + v_j), v_j the sampling variance of weekday j's index, τ² the indices' spread beyond it).
 */
const WEEKS = 16;
/** Assumed variance of a product's weekly strength around the shop's (a spread of about ±0.5). */
const STRENGTH_VARIANCE = 0.25;

interface WeekdayMeans {
  /** Each weekday slot's mean ÷ the overall mean. */
  raw: number[];
  counts: number[];
  /** Variance within a weekday, relative to the overall mean squared: the noise of one day's index. */
  noise: number;
}

/** Weekday means of days [from, end) of `y`, by slot t mod 7; null unless each slot has 2 observed days and demand. */
function weekdayMeans(y: readonly Observation[], from: number, end: number): WeekdayMeans | null {
  const sums = new Array<number>(7).fill(0);
  const squares = new Array<number>(7).fill(0);
  const counts = new Array<number>(7).fill(0);
  for (let t = Math.max(0, from); t < end; t++) {
    const v = y[t];
    if (v === null || v === undefined) continue;
    sums[t % 7]! += v;
    squares[t % 7]! += v * v;
    counts[t % 7]!++;
  }
  const n = counts.reduce((a, b) => a + b, 0);
  const mean = n > 0 ? sums.reduce((a, b) => a + b, 0) / n : 0;
  if (!(mean > 0) || counts.some((c) => c < 2)) return null;
  // Day-to-day variance within a weekday (what is noise), not around the overall mean (which holds the shape).
  const within = Math.max(0, sums.reduce((a, sum, j) => a + squares[j]! - (sum * sum) / counts[j]!, 0) / n);
  return { raw: sums.map((sum, j) => sum / counts[j]! / mean), counts, noise: within / (mean * mean) };
}

function normalised(profile: readonly number[]): number[] {
  const floored = profile.map((r) => Math.max(0.05, r));
  const average = floored.reduce((a, b) => a + b, 0) / 7;
  return floored.map((r) => r / average);
}

/** The weekday indices of `y`'s last `WEEKS` weeks before `end`, by slot t mod 7; `prior` is the shop's, by the same slots. */
export function weekdayProfile(y: readonly Observation[], end: number, prior?: readonly number[]): number[] {
  const means = weekdayMeans(y, end - 7 * WEEKS, end);
  if (prior !== undefined) {
    if (means === null) return normalised(prior);
    let fitted = 0;
    let weight = 0;
    for (let j = 0; j < 7; j++) {
      const shape = prior[j]! - 1;
      fitted += means.counts[j]! * (means.raw[j]! - 1) * shape;
      weight += means.counts[j]! * shape * shape;
    }
    if (!(weight > 0)) return normalised(prior);
    const variance = means.noise / weight;
    const strength = 1 + (fitted / weight - 1) * (STRENGTH_VARIANCE / (STRENGTH_VARIANCE + variance));
    return normalised(prior.map((p) => 1 + strength * (p - 1)));
  }
  const even = new Array<number>(7).fill(1);
  if (means === null) return even;
  const noise = means.counts.map((c) => means.noise / c);
  const spread = means.raw.reduce((a, r) => a + (r - 1) ** 2, 0) / 6;
  const tau2 = Math.max(0, spread - noise.reduce((a, b) => a + b, 0) / 7);
  if (!(tau2 > 0)) return even;
  return normalised(means.raw.map((r, j) => 1 + ((r - 1) * tau2) / (tau2 + noise[j]!)));
}

/** Fewer products than this with a usable week, and the shop has no profile of its own. */
const MIN_POOLED = 5;

/**
 * The shop's weekly profile, by calendar weekday (0 = Sunday, as `Date.getUTCDay`): each product's weekday
 * indices over its last `WEEKS` weeks before `end` (all of its days when not given), averaged over the
 * products with a sale on at least two of each weekday. Null when fewer than `MIN_POOLED` have one.
 */
export function shopWeekdayProfile(histories: readonly { dates: readonly string[]; values: readonly Observation[] }[], end?: string): number[] | null {
  const sums = new Array<number>(7).fill(0);
  let products = 0;
  for (const h of histories) {
    const first = h.dates[0];
    if (first === undefined) continue;
    const stop = end === undefined ? h.values.length : Math.min(h.values.length, daysBetween(first, end));
    const means = weekdayMeans(h.values, stop - 7 * WEEKS, stop);
    if (means === null) continue;
    const weekday0 = weekdayOf(first);
    for (let j = 0; j < 7; j++) sums[(weekday0 + j) % 7]! += means.raw[j]!;
    products++;
  }
  return products < MIN_POOLED ? null : normalised(sums.map((s) => s / products));
}

/** The shop's profile (by calendar weekday) by a series' slots t mod 7, the series starting on `firstDate`. */
export function bySlot(profile: readonly number[], firstDate: string): number[] {
  const weekday0 = weekdayOf(firstDate);
  return Array.from({ length: 7 }, (_, j) => profile[(weekday0 + j) % 7]!);
}

function weekdayOf(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

export function weekly<S>(name: MethodName, inner: Model<S>): Model<{ inner: S; profile: number[] }> {
  const index = (s: { profile: number[] }, t: number) => s.profile[t % 7] ?? 1;
  return {
    name,
    minObserved: Math.max(28, inner.minObserved),
    imputeCensored: inner.imputeCensored,
    grid: inner.grid,
    init(y, end, p, context) {
      const profile = weekdayProfile(y, end, context?.weekdayPrior);
      const adjusted = y.slice(0, end).map((v, t) => (v === null ? null : v / (profile[t % 7] ?? 1)));
      const state = inner.init(adjusted, end, p);
      return state === null ? null : { inner: state, profile };
    },
    step(s, y, t, p) {
      inner.step(s.inner, y === null ? null : y / index(s, t), t, p);
    },
    predict: (s, t, p) => inner.predict(s.inner, t, p) * index(s, t),
    forecast(s, t, h, p, out) {
      inner.forecast(s.inner, t, h, p, out);
      for (let k = 0; k < h; k++) out[k] = out[k]! * index(s, t + k);
    },
    clone: (s) => ({ inner: inner.clone(s.inner), profile: s.profile }),
  };
}
