import type { Model } from './model.ts';

/**
 * Croston's method (Croston 1972) as R's `forecast::croston` computes it: SES with the same α on the
 * non-zero demand sizes z and on the intervals p between them (in days, the first counted from the start),
 * each started at its first value ("simple" initial state); forecast z / p for every future day.
 * SBA (Syntetos & Boylan 2005) multiplies it by (1 − α/2) to remove Croston's upward bias.
 * A censored day is skipped: it neither counts in an interval nor updates anything. Parameters: [α].
 */
export interface CrostonState {
  size: number;
  interval: number;
  /** Observed days since the last demand. */
  since: number;
  seen: boolean;
}

function crostonModel(name: 'croston' | 'sba'): Model<CrostonState> {
  const factor = (alpha: number) => (name === 'sba' ? 1 - alpha / 2 : 1);
  const mean = (s: CrostonState, alpha: number) => (s.seen ? (factor(alpha) * s.size) / s.interval : 0);
  return {
    name,
    minObserved: 14,
    imputeCensored: true,
    grid: [[0.02], [0.05], [0.1], [0.15], [0.2], [0.3]],
    init: () => ({ size: 0, interval: 1, since: 0, seen: false }),
    step(s, y, _t, [alpha = 0.1]) {
      if (y === null) return;
      if (y <= 0) {
        s.since++;
        return;
      }
      const interval = s.since + 1;
      if (s.seen) {
        s.size += alpha * (y - s.size);
        s.interval += alpha * (interval - s.interval);
      } else {
        s.size = y;
        s.interval = interval;
        s.seen = true;
      }
      s.since = 0;
    },
    predict: (s, _t, [alpha = 0.1]) => mean(s, alpha),
    forecast(s, _t, h, [alpha = 0.1], out) {
      out.fill(mean(s, alpha), 0, h);
    },
    clone: (s) => ({ ...s }),
  };
}

export const croston = crostonModel('croston');
export const sba = crostonModel('sba');
