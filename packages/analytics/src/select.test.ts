import { describe, expect, it } from 'vitest';
import { choose, combine, evaluateMethods, type Candidate } from './select.ts';

function candidate(method: Candidate['method'], forecast: number[], originErrors: (number | null)[][], rmsse: number): Candidate {
  return { method, params: [method.length], forecast, accuracy: { rmsse, mase: rmsse, bias: 0 }, horizonSquared: [], horizonCount: [], originErrors };
}

describe('forecast combinations', () => {
  it('average their members’ forecasts and backtest errors, and score the averaged errors', () => {
    const a = candidate('ses-weekly', [2, 2], [[1, null], [-1, 3]], 1);
    const b = candidate('tsb-weekly', [4, 6], [[3, null], [1, -1]], 1);
    const c = combine('ses-tsb-weekly', [a, b], 2, { mse: 1.25, mae: 1 });
    expect(c.forecast).toEqual([3, 4]);
    // Errors (2, censored), (0, 1): squared 4 + 0 + 1 over 3 days, ÷ the scale 1.25 → RMSSE √(4/3).
    expect(c.originErrors).toEqual([[2, null], [0, 1]]);
    expect(c.horizonSquared).toEqual([4, 1]);
    expect(c.horizonCount).toEqual([2, 1]);
    expect(c.accuracy!.rmsse).toBeCloseTo(Math.sqrt(4 / 3), 12);
    expect(c.accuracy!.mase).toBeCloseTo(1, 12);
    expect(c.accuracy!.bias).toBeCloseTo(1, 12);
    expect(c.params).toEqual([10, 10]);
  });

  it('are evaluated from their members on a series, and only where every member can be fitted', () => {
    const y = Array.from({ length: 120 }, (_, t) => [4, 4, 5, 5, 6, 9, 7][t % 7]! + ((t * 7) % 5) - 2);
    const [sesWeekly, tsbWeekly, sesPlain, three] = evaluateMethods(y, y.length, ['ses-weekly', 'tsb-weekly', 'ses', 'ses-tsb-weekly-ses']);
    expect(three!.method).toBe('ses-tsb-weekly-ses');
    three!.forecast.forEach((f, k) => expect(f).toBeCloseTo((sesWeekly!.forecast[k]! + tsbWeekly!.forecast[k]! + sesPlain!.forecast[k]!) / 3, 12));
    // 20 observed days: SES starts, the weekly methods (28 days) do not, so neither does their combination.
    expect(evaluateMethods(y, 20, ['ses-tsb-weekly', 'ses']).map((c) => c.method)).toEqual(['ses']);
  });

  it('are kept when listed first, even where a member beat them in the backtest', () => {
    const combination = candidate('ses-tsb-weekly', [3], [], 0.5);
    const single = candidate('ses-weekly', [2], [], 0.3);
    expect(choose([combination, single])!.method).toBe('ses-tsb-weekly');
    expect(choose([candidate('ses', [1], [], 0.5), single])!.method).toBe('ses-weekly');
  });
});
