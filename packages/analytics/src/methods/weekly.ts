import type { Observation } from '../series.ts';
import type { MethodName, Model } from './model.ts';

/**
 * A weekly profile around another method: each weekday's index (its mean demand ÷ the overall mean) is
 * estimated once from the last `WEEKS` weeks of the history (observed days) and shrunk towards 1 by how
 * noisy it is (empirical Bayes: weight τ² / (τ² + v_j), v_j the sampling variance of weekday j's index and
 * τ² the spread of the indices beyond that noise), so that a slow or erratic seller's profile is not made of
 * noise. The method runs on demand divided by the weekday's index and its forecast is multiplied back.
 * Unlike Holt-Winters' seven seasonal states, updated one observation at a time, the profile uses all weeks
 * at once, which suits daily retail where the shape of the week is stable and the counts are small.
 */
const WEEKS = 16;

export function weekdayProfile(y: readonly Observation[], end: number): number[] {
  const sums = new Array<number>(7).fill(0);
  const squares = new Array<number>(7).fill(0);
  const counts = new Array<number>(7).fill(0);
  for (let t = Math.max(0, end - 7 * WEEKS); t < end; t++) {
    const v = y[t];
    if (v === null || v === undefined) continue;
    sums[t % 7]! += v;
    squares[t % 7]! += v * v;
    counts[t % 7]!++;
  }
  const even = new Array<number>(7).fill(1);
  const n = counts.reduce((a, b) => a + b, 0);
  const mean = n > 0 ? sums.reduce((a, b) => a + b, 0) / n : 0;
  if (!(mean > 0) || counts.some((c) => c < 2)) return even;
  // Day-to-day variance within a weekday (what is noise), not around the overall mean (which holds the shape).
  const within = Math.max(0, sums.reduce((a, sum, j) => a + squares[j]! - (sum * sum) / counts[j]!, 0) / n);
  const raw = sums.map((sum, j) => sum / counts[j]! / mean);
  const noise = counts.map((c) => within / (c * mean * mean));
  const spread = raw.reduce((a, r) => a + (r - 1) ** 2, 0) / 6;
  const tau2 = Math.max(0, spread - noise.reduce((a, b) => a + b, 0) / 7);
  if (!(tau2 > 0)) return even;
  const shrunk = raw.map((r, j) => 1 + ((r - 1) * tau2) / (tau2 + noise[j]!));
  const average = shrunk.reduce((a, b) => a + b, 0) / 7;
  return shrunk.map((r) => Math.max(0.05, r / average));
}

export function weekly<S>(name: MethodName, inner: Model<S>): Model<{ inner: S; profile: number[] }> {
  const index = (s: { profile: number[] }, t: number) => s.profile[t % 7] ?? 1;
  return {
    name,
    minObserved: Math.max(28, inner.minObserved),
    imputeCensored: inner.imputeCensored,
    grid: inner.grid,
    init(y, end, p) {
      const profile = weekdayProfile(y, end);
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
