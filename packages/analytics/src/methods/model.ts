import type { Observation } from '../series.ts';

/**
 * Every forecasting method is a small state machine over the daily series: `init` builds the state before
 * day 0 from the first days, `step` takes day t in (a `null` day — censored — advances the state without
 * learning from it), `predict` is the forecast of the next day and `forecast` of the next h days. The
 * generic code below fits a method's parameters, runs it and takes forecasts at several origins in one pass.
 * Day t's weekday slot is t mod 7, so a series must start on the same weekday for every method (it does:
 * each method sees the same array).
 */
export type MethodName = 'naive' | 'snaive' | 'ses' | 'holt' | 'holt-winters' | 'croston' | 'sba' | 'tsb' | 'ses-weekly' | 'sba-weekly' | 'tsb-weekly';

export interface Model<S> {
  readonly name: MethodName;
  /** Observed days needed before the method is worth fitting. */
  readonly minObserved: number;
  /** Whether a censored day with sales is taken in as its expected demand (see `observation`) or skipped. */
  readonly imputeCensored: boolean;
  /** Candidate parameter vectors; the fit keeps the one with the least in-sample one-step squared error. */
  readonly grid: readonly (readonly number[])[];
  /** The state before day 0, from the first `end` days; null when they cannot start the method. */
  init(y: readonly Observation[], end: number, p: readonly number[], context?: SeriesContext): S | null;
  /** Takes in day t (mutates the state). */
  step(s: S, y: Observation, t: number, p: readonly number[]): void;
  /** The forecast of day t, given the state after day t − 1. */
  predict(s: S, t: number, p: readonly number[]): number;
  /** Forecasts of days t … t + h − 1 into `out` (from index 0). */
  forecast(s: S, t: number, h: number, p: readonly number[], out: number[]): void;
  clone(s: S): S;
}

export interface Fit<S> {
  model: Model<S>;
  params: readonly number[];
  /** In-sample mean squared one-step error over the observed days. */
  mse: number;
}

/**
 * What the method takes in for day t. An observed day is its value. A censored day on which something was
 * sold before the stock ran out (`atLeast[t]` > 0) says demand was at least that: it is taken in as the
 * expected demand given that bound, E[D | D ≥ s], D normal around the method's own forecast with the larger of
 * the forecast (Poisson) and the in-sample squared error so far as variance. Skipping such days instead
 * would keep only the days whose demand happened to stay below the stock left — a forecast biased low.
 * Where the context gives the day's `censoredDemand` (intermittent demand, from its own sizes), that instead.
 * A censored day with nothing sold (out of stock all day) is skipped (`null`).
 */
export function observation<S>(model: Model<S>, state: S, y: readonly Observation[], context: SeriesContext | undefined, t: number, p: readonly number[], variance: number): Observation {
  const v = y[t];
  if (v !== null && v !== undefined) return v;
  const bound = context?.atLeast?.[t] ?? 0;
  if (!(bound > 0) || !model.imputeCensored) return null;
  const fromSizes = context?.censoredDemand?.[t] ?? 0;
  if (fromSizes > 0) return fromSizes;
  const mean = model.predict(state, t, p);
  return expectedAtLeast(mean, Math.sqrt(Math.max(mean, variance, 1e-6)), bound);
}

/** E[X | X ≥ s] for X ~ N(μ, σ²): μ + σ·φ(a)/(1 − Φ(a)), a = (s − μ)/σ; never below s. */
export function expectedAtLeast(mu: number, sigma: number, s: number): number {
  if (!(sigma > 0) || !Number.isFinite(mu)) return s;
  const a = (s - mu) / sigma;
  // Mills ratio; past a = 4 its asymptotic form a + 1/a is within 2 % and avoids dividing tiny tails.
  const mills = a > 4 ? a + 1 / a : Math.exp(-0.5 * a * a) / Math.sqrt(2 * Math.PI) / (0.5 * erfc(a / Math.SQRT2));
  return Math.max(s, mu + sigma * mills);
}

/** Complementary error function (Numerical Recipes' erfcc, relative error < 1.2e-7). */
export function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r =
    t *
    Math.exp(
      -z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? r : 2 - r;
}

/**
 * What the methods know beyond the series: each day's sales (`atLeast`, read on censored days, see
 * `observation`); the series with censored days at their sales where there were any (`informative`, from
 * which a method takes its starting state, so that an item seldom seen in stock can still start); what a
 * censored day with sales is taken in as, where the item's sizes tell it better than the normal reading
 * (`censoredDemand`, 0 elsewhere; see `censoredSizeMeans` in select.ts); and the
 * shop's weekly profile, by the series' weekday slot t mod 7 (`weekdayPrior`, see `methods/weekly.ts`).
 */
export interface SeriesContext {
  atLeast?: readonly number[];
  censoredDemand?: readonly number[];
  informative?: readonly Observation[];
  weekdayPrior?: readonly number[];
}

/** Runs `model` with `p` over days 0 … end − 1; the state after, and the mean squared one-step error. */
export function run<S>(model: Model<S>, y: readonly Observation[], end: number, p: readonly number[], context?: SeriesContext): { state: S; mse: number } | null {
  const state = model.init(context?.informative ?? y, end, p, context);
  if (state === null) return null;
  let se = 0;
  let n = 0;
  for (let t = 0; t < end; t++) {
    const v = y[t] ?? null;
    if (v !== null) {
      const e = v - model.predict(state, t, p);
      se += e * e;
      n++;
      model.step(state, v, t, p);
    } else {
      model.step(state, observation(model, state, y, context, t, p, n > 0 ? se / n : 0), t, p);
    }
  }
  return { state, mse: n > 0 ? se / n : 0 };
}

/** Fits `model` on days 0 … end − 1 by its grid; null when the method cannot start on them. */
export function fit<S>(model: Model<S>, y: readonly Observation[], end: number, context?: SeriesContext): Fit<S> | null {
  let best: Fit<S> | null = null;
  for (const p of model.grid) {
    const f = fixed(model, y, end, p, context);
    if (f !== null && Number.isFinite(f.mse) && (best === null || f.mse < best.mse)) best = f;
  }
  return best;
}

/** `model` with the parameters `p` as given (its in-sample error measured); null when it cannot start. */
export function fixed<S>(model: Model<S>, y: readonly Observation[], end: number, p: readonly number[], context?: SeriesContext): Fit<S> | null {
  const r = run(model, y, end, p, context);
  return r === null ? null : { model, params: p, mse: r.mse };
}

/** Never below 0, never NaN or Infinity: what every forecast leaving this package is. */
export function clean(x: number): number {
  return Number.isFinite(x) && x > 0 ? x : 0;
}

/**
 * Runs a fitted method over days 0 … end − 1 and returns its h-day forecasts from each origin in `origins`
 * (the state after day origin − 1 forecasts days origin … origin + h − 1), and from `end` last.
 * Origins must be increasing and ≤ end.
 */
export function forecastsAt<S>(
  f: Fit<S>,
  y: readonly Observation[],
  end: number,
  origins: readonly number[],
  h: number,
  context?: SeriesContext,
): { atOrigins: number[][]; atEnd: number[] } {
  const { model, params } = f;
  const state = model.init(context?.informative ?? y, end, params, context);
  const atOrigins: number[][] = [];
  const take = (s: S, t: number): number[] => {
    const out = new Array<number>(h).fill(0);
    model.forecast(s, t, h, params, out);
    for (let k = 0; k < h; k++) out[k] = clean(out[k] ?? 0);
    return out;
  };
  if (state === null) {
    const zeros = new Array<number>(h).fill(0);
    return { atOrigins: origins.map(() => zeros.slice()), atEnd: zeros };
  }
  let next = 0;
  for (let t = 0; t <= end; t++) {
    while (next < origins.length && origins[next] === t) {
      atOrigins.push(take(state, t));
      next++;
    }
    if (t < end) model.step(state, observation(model, state, y, context, t, params, f.mse), t, params);
  }
  return { atOrigins, atEnd: take(state, end) };
}

/** The mean of the first `k` observed values among days 0 … end − 1, and how many there were. */
export function firstObservedMean(y: readonly Observation[], end: number, k: number): { mean: number; count: number } {
  let sum = 0;
  let count = 0;
  for (let t = 0; t < end && count < k; t++) {
    const v = y[t];
    if (v !== null && v !== undefined) {
      sum += v;
      count++;
    }
  }
  return { mean: count > 0 ? sum / count : 0, count };
}

/** φ + φ² + … + φ^h: how much of a damped trend h days ahead adds. */
export function dampedSum(phi: number, h: number): number {
  if (phi === 1) return h;
  return (phi * (1 - phi ** h)) / (1 - phi);
}

/** Every combination of the given parameter values, in order. */
export function grid(...axes: readonly (readonly number[])[]): number[][] {
  let out: number[][] = [[]];
  for (const axis of axes) out = out.flatMap((prefix) => axis.map((v) => [...prefix, v]));
  return out;
}
