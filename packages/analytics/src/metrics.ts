import type { Observation } from './series.ts';

/**
 * Forecast accuracy, scaled so that items of any size can be averaged:
 * - RMSSE (M5): √( mean squared error ÷ mean squared one-step naive error in sample ),
 * - MASE (Hyndman & Koehler 2006): mean absolute error ÷ mean absolute seasonal-naive (lag 7) error in sample,
 * - bias: mean error (forecast − actual) ÷ the same seasonal-naive scale as MASE; > 0 is over-forecasting.
 * Scales count only pairs of observed days, from the first day with a sale (as M5 does). Where a scale is 0
 * or has no pair (no sale, one sale, a constant series) it is 1 unit, so no figure is ever NaN or Infinity.
 */
export interface Scales {
  /** Mean squared lag-1 difference (RMSSE's denominator). */
  mse: number;
  /** Mean absolute lag-7 difference (MASE's and bias's denominator). */
  mae: number;
}

function lagged(y: readonly Observation[], end: number, lag: number, squared: boolean): number {
  let start = 0;
  while (start < end && !((y[start] ?? 0) > 0)) start++;
  let sum = 0;
  let n = 0;
  for (let t = start + lag; t < end; t++) {
    const a = y[t];
    const b = y[t - lag];
    if (a === null || a === undefined || b === null || b === undefined) continue;
    const d = a - b;
    sum += squared ? d * d : Math.abs(d);
    n++;
  }
  const scale = n > 0 ? sum / n : 0;
  return scale > 0 && Number.isFinite(scale) ? scale : 1;
}

/** The scales of a series over days 0 … end − 1. */
export function scalesOf(y: readonly Observation[], end = y.length): Scales {
  return { mse: lagged(y, end, 1, true), mae: lagged(y, end, 7, false) };
}

/** Sums of errors, added to one forecast at a time, read as scaled figures. */
export class ErrorSum {
  n = 0;
  squared = 0;
  absolute = 0;
  signed = 0;

  add(forecast: number, actual: number): void {
    const e = forecast - actual;
    this.n++;
    this.squared += e * e;
    this.absolute += Math.abs(e);
    this.signed += e;
  }

  merge(other: ErrorSum): void {
    this.n += other.n;
    this.squared += other.squared;
    this.absolute += other.absolute;
    this.signed += other.signed;
  }

  /** Root mean squared error (unscaled). */
  rmse(): number {
    return this.n > 0 ? Math.sqrt(this.squared / this.n) : 0;
  }

  /** null when nothing was added. */
  scaled(scales: Scales): Accuracy | null {
    if (this.n === 0) return null;
    return {
      rmsse: Math.sqrt(this.squared / this.n / scales.mse),
      mase: this.absolute / this.n / scales.mae,
      bias: this.signed / this.n / scales.mae,
    };
  }
}

export interface Accuracy {
  rmsse: number;
  mase: number;
  bias: number;
}
