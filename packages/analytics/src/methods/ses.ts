import { firstObservedMean, type Model } from './model.ts';

/**
 * Simple exponential smoothing, ℓ_t = α·y_t + (1 − α)·ℓ_{t−1}, forecast ℓ_t for every future day
 * (Hyndman & Athanasopoulos, fpp3 §8.1). ℓ_0 is the mean of the first 7 observed days; a censored day
 * leaves ℓ as it was. Parameters: [α].
 */
export const ses: Model<{ level: number }> = {
  name: 'ses',
  minObserved: 1,
  imputeCensored: true,
  grid: [[0.02], [0.05], [0.1], [0.15], [0.2], [0.3], [0.5], [0.7]],
  init(y, end) {
    const first = firstObservedMean(y, end, 7);
    return first.count > 0 ? { level: first.mean } : null;
  },
  step(s, y, _t, [alpha = 0.1]) {
    if (y !== null) s.level += alpha * (y - s.level);
  },
  predict: (s) => s.level,
  forecast(s, _t, h, _p, out) {
    out.fill(s.level, 0, h);
  },
  clone: (s) => ({ ...s }),
};
