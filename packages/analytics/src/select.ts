import type { DemandClass } from './classify.ts';
import { ErrorSum, scalesOf, type Accuracy } from './metrics.ts';
import { croston, sba } from './methods/croston.ts';
import { holtWinters } from './methods/holt-winters.ts';
import { holt } from './methods/holt.ts';
import { fit, forecastsAt, type Fit, type MethodName, type Model } from './methods/model.ts';
import { naive, seasonalNaive } from './methods/naive.ts';
import { ses } from './methods/ses.ts';
import { tsb } from './methods/tsb.ts';
import { observedCount, type Observation } from './series.ts';

/**
 * Choosing a method per product by a rolling-origin backtest on its own history.
 *
 * Each candidate is fitted once on the history (its parameters by the least in-sample one-step squared
 * error over a small grid), then run over the history once more, forecasting `horizon` days from each of
 * the last `origins` weekly origins; those forecasts are scored against the days that followed (censored
 * days not counted) by RMSSE, and the lowest wins. Parameters fitted on the whole history are reused at the
 * earlier origins — a small look-ahead that keeps the nightly job to two passes per candidate.
 */
export const MODELS: Readonly<Record<MethodName, Model<unknown>>> = {
  naive: naive as Model<unknown>,
  snaive: seasonalNaive as Model<unknown>,
  ses: ses as Model<unknown>,
  holt: holt as Model<unknown>,
  'holt-winters': holtWinters as Model<unknown>,
  croston: croston as Model<unknown>,
  sba: sba as Model<unknown>,
  tsb: tsb as Model<unknown>,
};

/**
 * The methods a product of a demand class chooses from. SES stays among every class's candidates, so a
 * product only leaves it for a method that did better on its own history.
 */
export function candidatesFor(demandClass: DemandClass): MethodName[] {
  switch (demandClass) {
    case 'smooth':
    case 'erratic':
      return ['ses', 'holt', 'holt-winters'];
    case 'intermittent':
    case 'lumpy':
      return ['ses', 'sba', 'tsb'];
    case 'no-demand':
      return ['tsb'];
  }
}

export interface BacktestOptions {
  /** Days forecast from each origin (default 28). */
  horizon?: number;
  /** How many weekly origins at the end of the history are scored (default 8). */
  origins?: number;
  /** Days between origins (default 7). */
  step?: number;
  /** Days of history before the first origin (default 28). */
  minTrain?: number;
}

export interface Candidate {
  method: MethodName;
  fit: Fit<unknown>;
  /** Forecast of the `horizon` days after the history. */
  forecast: number[];
  /** The backtest's errors, all horizons together; `accuracy` is null when no origin could be scored. */
  accuracy: Accuracy | null;
  /** Squared error sums and counts per horizon (index 0 = one day ahead), for the error over a lead time. */
  horizonSquared: number[];
  horizonCount: number[];
}

export function evaluateMethods(y: readonly Observation[], end: number, methods: readonly MethodName[], options: BacktestOptions = {}): Candidate[] {
  const horizon = options.horizon ?? 28;
  const step = options.step ?? 7;
  const minTrain = options.minTrain ?? 28;
  const origins: number[] = [];
  for (let k = options.origins ?? 8; k >= 1; k--) {
    const o = end - step * k;
    if (o >= minTrain) origins.push(o);
  }
  const scales = scalesOf(y, end);
  const observed = observedCount(y.slice(0, end));
  const out: Candidate[] = [];
  for (const method of methods) {
    const model = MODELS[method];
    if (observed < model.minObserved) continue;
    const fitted = fit(model, y, end);
    if (fitted === null) continue;
    const { atOrigins, atEnd } = forecastsAt(fitted, y, end, origins, horizon);
    const errors = new ErrorSum();
    const horizonSquared = new Array<number>(horizon).fill(0);
    const horizonCount = new Array<number>(horizon).fill(0);
    origins.forEach((o, i) => {
      const f = atOrigins[i]!;
      for (let k = 0; k < horizon && o + k < end; k++) {
        const actual = y[o + k];
        if (actual === null || actual === undefined) continue;
        const e = f[k]! - actual;
        errors.add(f[k]!, actual);
        horizonSquared[k]! += e * e;
        horizonCount[k]!++;
      }
    });
    out.push({ method, fit: fitted, forecast: atEnd, accuracy: errors.scaled(scales), horizonSquared, horizonCount });
  }
  return out;
}

/** The candidate with the least backtest RMSSE; the first listed where none could be scored or on a tie. */
export function choose(candidates: readonly Candidate[]): Candidate | null {
  let best: Candidate | null = null;
  for (const c of candidates) {
    if (best === null) best = c;
    else if (c.accuracy !== null && (best.accuracy === null || c.accuracy.rmsse < best.accuracy.rmsse)) best = c;
  }
  return best;
}

/**
 * The standard deviation of one day's forecast error within the first `days` days ahead, from the backtest
 * (root mean squared error over those horizons); null when the backtest scored none of them.
 */
export function errorSdWithin(c: Candidate, days: number): number | null {
  let se = 0;
  let n = 0;
  const upto = Math.max(1, Math.min(c.horizonCount.length, Math.ceil(days)));
  for (let k = 0; k < upto; k++) {
    se += c.horizonSquared[k] ?? 0;
    n += c.horizonCount[k] ?? 0;
  }
  return n > 0 ? Math.sqrt(se / n) : null;
}
