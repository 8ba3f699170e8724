import { holtStep } from './holt.ts';
import { dampedSum, grid, type Model } from './model.ts';

/**
 * Holt-Winters, additive weekly season (m = 7) and a damped trend (fpp3 §8.3, with φ):
 *   ℓ_t = α·(y_t − s_{t−7}) + (1 − α)(ℓ_{t−1} + φ·b_{t−1})
 *   b_t = β·(ℓ_t − ℓ_{t−1}) + (1 − β)·φ·b_{t−1}
 *   s_t = γ·(y_t − ℓ_{t−1} − φ·b_{t−1}) + (1 − γ)·s_{t−7}
 *   ŷ_{t+h|t} = ℓ_t + (φ + … + φ^h)·b_t + s_{t+h−7}
 * Start: ℓ_0 is the mean of the observed days among the first 28, s_j the mean of weekday j among them less
 * ℓ_0 (0 for a weekday not observed), b_0 = 0. β = 0 keeps no trend. A censored day moves ℓ and b along
 * their forecast and leaves the season. Parameters: [α, β, γ, φ].
 */
export interface HoltWintersState {
  level: number;
  trend: number;
  season: number[];
}

export const holtWinters: Model<HoltWintersState> = {
  name: 'holt-winters',
  minObserved: 14,
  imputeCensored: true,
  grid: grid([0.02, 0.05, 0.1, 0.2, 0.4], [0, 0.02], [0.01, 0.05, 0.15], [0.9]),
  init(y, end) {
    const sums = new Array<number>(7).fill(0);
    const counts = new Array<number>(7).fill(0);
    let total = 0;
    let n = 0;
    for (let t = 0; t < Math.min(end, 28); t++) {
      const v = y[t];
      if (v === null || v === undefined) continue;
      sums[t % 7]! += v;
      counts[t % 7]!++;
      total += v;
      n++;
    }
    if (n < 7) return null;
    const level = total / n;
    const season = sums.map((sum, j) => (counts[j]! > 0 ? sum / counts[j]! - level : 0));
    return { level, trend: 0, season };
  },
  step(s, y, t, [alpha = 0.1, beta = 0, gamma = 0.05, phi = 0.9]) {
    const j = t % 7;
    const old = s.season[j] ?? 0;
    if (y !== null) s.season[j] = gamma * (y - s.level - phi * s.trend) + (1 - gamma) * old;
    holtStep(s, y, alpha, beta, phi, old);
  },
  predict: (s, t, [, , , phi = 0.9]) => s.level + phi * s.trend + (s.season[t % 7] ?? 0),
  forecast(s, t, h, [, , , phi = 0.9], out) {
    for (let k = 0; k < h; k++) out[k] = s.level + dampedSum(phi, k + 1) * s.trend + (s.season[(t + k) % 7] ?? 0);
  },
  clone: (s) => ({ ...s, season: s.season.slice() }),
};
