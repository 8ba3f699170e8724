import { firstObservedMean, type Model } from './model.ts';

/** Naive: every future day is the last observed day. The first state is the first observed day. */
export const naive: Model<{ last: number }> = {
  name: 'naive',
  minObserved: 1,
  imputeCensored: false,
  grid: [[]],
  init(y, end) {
    const first = firstObservedMean(y, end, 1);
    return first.count > 0 ? { last: first.mean } : null;
  },
  step(s, y) {
    if (y !== null) s.last = y;
  },
  predict: (s) => s.last,
  forecast(s, _t, h, _p, out) {
    out.fill(s.last, 0, h);
  },
  clone: (s) => ({ ...s }),
};

/**
 * Seasonal naive (weekly): a day is forecast as the last observed day of the same weekday. A weekday not
 * yet observed starts at the mean of the first observed week; a censored day keeps last week's value.
 */
export const seasonalNaive: Model<{ slots: number[] }> = {
  name: 'snaive',
  minObserved: 1,
  imputeCensored: false,
  grid: [[]],
  init(y, end) {
    const first = firstObservedMean(y, end, 7);
    if (first.count === 0) return null;
    const slots = new Array<number>(7).fill(first.mean);
    const seen = new Array<boolean>(7).fill(false);
    for (let t = 0; t < Math.min(end, 28); t++) {
      const v = y[t];
      if (v !== null && v !== undefined && !seen[t % 7]) {
        slots[t % 7] = v;
        seen[t % 7] = true;
      }
    }
    return { slots };
  },
  step(s, y, t) {
    if (y !== null) s.slots[t % 7] = y;
  },
  predict: (s, t) => s.slots[t % 7] ?? 0,
  forecast(s, t, h, _p, out) {
    for (let k = 0; k < h; k++) out[k] = s.slots[(t + k) % 7] ?? 0;
  },
  clone: (s) => ({ slots: s.slots.slice() }),
};
