import { describe, expect, it } from 'vitest';
import { ErrorSum, scalesOf } from './metrics.ts';

describe('scaled errors', () => {
  it('scale RMSSE by the in-sample one-step naive MSE and MASE and bias by the lag-7 naive MAE, from the first sale', () => {
    // y = 0, 0, 2, 4, 2, 4, …: from the first sale, lag-1 differences are ±2 (MSE 4); lag-7 differences of a
    // period-2 pattern are ±2 too (MAE 2).
    const y = [0, 0, ...Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? 2 : 4))];
    expect(scalesOf(y)).toEqual({ mse: 4, mae: 2 });
    const e = new ErrorSum();
    e.add(5, 3); // +2
    e.add(1, 3); // −2
    e.add(4, 3); // +1
    // RMSSE = √(9/3 / 4) = √0.75, MASE = (5/3)/2, bias = (1/3)/2.
    expect(e.scaled(scalesOf(y))).toEqual({ rmsse: Math.sqrt(0.75), mase: 5 / 6, bias: 1 / 6 });
  });

  it('skips censored pairs and falls back to a scale of 1 unit where there is none (no sale, one sale, constant)', () => {
    expect(scalesOf([1, null, 3, 5])).toEqual({ mse: 4, mae: 1 });
    expect(scalesOf([])).toEqual({ mse: 1, mae: 1 });
    expect(scalesOf([0, 0, 1, 0])).toEqual({ mse: 1, mae: 1 });
    expect(scalesOf(Array<number>(30).fill(4))).toEqual({ mse: 1, mae: 1 });
    expect(new ErrorSum().scaled({ mse: 1, mae: 1 })).toBeNull();
  });
});
