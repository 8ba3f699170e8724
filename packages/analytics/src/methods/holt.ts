import { dampedSum, firstObservedMean, grid, type Model } from './model.ts';

/**
 * Holt's linear method with a damped trend (Gardner & McKenzie; fpp3 §8.2):
 *   ℓ_t = α·y_t + (1 − α)(ℓ_{t−1} + φ·b_{t−1})
 *   b_t = β·(ℓ_t − ℓ_{t−1}) + (1 − β)·φ·b_{t−1}
 *   ŷ_{t+h|t} = ℓ_t + (φ + φ² + … + φ^h)·b_t
 * ℓ_0 is the mean of the first 7 observed days, b_0 = 0. A censored day moves the state along its own
 * forecast (ℓ ← ℓ + φb, b ← φb). Parameters: [α, β, φ].
 */
export interface HoltState {
  level: number;
  trend: number;
}

export function holtStep(s: HoltState, y: number | null, alpha: number, beta: number, phi: number, seasonal = 0): void {
  const before = s.level;
  const carried = s.level + phi * s.trend;
  if (y === null) {
    s.level = carried;
    s.trend *= phi;
    return;
  }
  s.level = alpha * (y - seasonal) + (1 - alpha) * carried;
  s.trend = beta * (s.level - before) + (1 - beta) * phi * s.trend;
}

export const holt: Model<HoltState> = {
  name: 'holt',
  minObserved: 14,
  imputeCensored: true,
  grid: grid([0.02, 0.05, 0.1, 0.2, 0.4], [0.01, 0.05, 0.15], [0.8, 0.9, 0.98]),
  init(y, end) {
    const first = firstObservedMean(y, end, 7);
    return first.count > 0 ? { level: first.mean, trend: 0 } : null;
  },
  step(s, y, _t, [alpha = 0.1, beta = 0.05, phi = 0.9]) {
    holtStep(s, y, alpha, beta, phi);
  },
  predict: (s, _t, [, , phi = 0.9]) => s.level + phi * s.trend,
  forecast(s, _t, h, [, , phi = 0.9], out) {
    for (let k = 0; k < h; k++) out[k] = s.level + dampedSum(phi, k + 1) * s.trend;
  },
  clone: (s) => ({ ...s }),
};
