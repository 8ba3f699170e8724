import { grid, type Model } from './model.ts';

/**
 * TSB (Teunter, Syntetos & Babai 2011): the probability of a demand on a day, π, is smoothed every day
 * (π ← π + β·(1 − π) on a day with demand, π ← (1 − β)·π on a day without), the size z only on days with
 * demand (z ← z + α·(y − z)); forecast π·z, which decays towards 0 for an item that stops selling.
 * Start: π is the share of days with demand among the first 28 observed, z the mean of their non-zero
 * sizes (the first size if none is among them). A censored day is skipped. Parameters: [α, β].
 */
export interface TsbState {
  probability: number;
  size: number;
  seen: boolean;
}

export const tsb: Model<TsbState> = {
  name: 'tsb',
  minObserved: 14,
  imputeCensored: true,
  grid: grid([0.02, 0.05, 0.1, 0.2, 0.3], [0.01, 0.02, 0.05, 0.1, 0.2]),
  init(y, end) {
    let days = 0;
    let demands = 0;
    let sum = 0;
    for (let t = 0; t < end && days < 28; t++) {
      const v = y[t];
      if (v === null || v === undefined) continue;
      days++;
      if (v > 0) {
        demands++;
        sum += v;
      }
    }
    return { probability: days > 0 ? demands / days : 0, size: demands > 0 ? sum / demands : 0, seen: demands > 0 };
  },
  step(s, y, _t, [alpha = 0.1, beta = 0.05]) {
    if (y === null) return;
    if (y > 0) {
      s.probability += beta * (1 - s.probability);
      s.size = s.seen ? s.size + alpha * (y - s.size) : y;
      s.seen = true;
    } else {
      s.probability *= 1 - beta;
    }
  },
  predict: (s) => s.probability * s.size,
  forecast(s, _t, h, _p, out) {
    out.fill(s.probability * s.size, 0, h);
  },
  clone: (s) => ({ ...s }),
};
