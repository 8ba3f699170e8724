import { classifyDemand, type DemandClass } from './classify.ts';
import { ErrorSum, scalesOf, type Accuracy, type Scales } from './metrics.ts';
import { croston, sba } from './methods/croston.ts';
import { holtWinters } from './methods/holt-winters.ts';
import { holt } from './methods/holt.ts';
import { fit, fixed, forecastsAt, type MethodName, type Model, type SeriesContext } from './methods/model.ts';
import { naive, seasonalNaive } from './methods/naive.ts';
import { ses } from './methods/ses.ts';
import { tsb } from './methods/tsb.ts';
import { weekly } from './methods/weekly.ts';
import { expectedSizeAtLeast, informativeValues, observedCount, sizeDistribution, type Observation } from './series.ts';

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
  'ses-weekly': weekly('ses-weekly', ses) as Model<unknown>,
  'sba-weekly': weekly('sba-weekly', sba) as Model<unknown>,
  'tsb-weekly': weekly('tsb-weekly', tsb) as Model<unknown>,
};

/**
 * Forecast combinations: the equal-weight mean of their members' forecasts (M4, M5: a plain mean of a few
 * reasonable methods is seldom far behind the best of them and often ahead, their errors being partly
 * independent). A combination is scored by the same backtest as its members, from their errors, without
 * being fitted again.
 */
export const COMBINATIONS = {
  'ses-tsb-weekly': ['ses-weekly', 'tsb-weekly'],
  'ses-tsb-weekly-ses': ['ses-weekly', 'tsb-weekly', 'ses'],
  'tsb-weekly-ses': ['tsb-weekly', 'ses'],
} as const satisfies Record<string, readonly MethodName[]>;
export type CombinationName = keyof typeof COMBINATIONS;
export type CandidateName = MethodName | CombinationName;

function isCombination(name: CandidateName): name is CombinationName {
  return name in COMBINATIONS;
}

/**
 * The methods a product of a demand class chooses from, first the one it keeps. A combination listed first is
 * kept whenever its members could be fitted: in `npm run backtest` the mean of SES and TSB with the weekly
 * profile did better than the choice among single methods for smooth and erratic demand, and with plain SES
 * added (the level, which the week says little of, learnt twice) for intermittent demand; lumpy demand, where
 * SES with the weekly profile loses to plain SES, takes the mean of TSB with the profile and plain SES. Where
 * the combination cannot be formed, the rest are chosen from as before (see `choose`): the weekly methods
 * once 28 days are observed, plain SES, which is among every class's candidates, before.
 */
export function candidatesFor(demandClass: DemandClass): CandidateName[] {
  switch (demandClass) {
    case 'smooth':
      return ['ses-tsb-weekly', 'ses-weekly', 'tsb-weekly', 'ses', 'holt', 'holt-winters'];
    case 'erratic':
      return ['ses-tsb-weekly', 'ses-weekly', 'tsb-weekly', 'ses'];
    case 'intermittent':
      return ['ses-tsb-weekly-ses', 'ses-weekly', 'tsb-weekly', 'sba-weekly', 'ses'];
    case 'lumpy':
      return ['tsb-weekly-ses', 'tsb-weekly', 'ses'];
    case 'no-demand':
      return ['tsb'];
  }
}

export interface BacktestOptions {
  /** Days forecast from each origin (default 28). */
  horizon?: number;
  /** How many weekly origins at the end of the history are scored (default 16). */
  origins?: number;
  /** Days between origins (default 7). */
  step?: number;
  /** Days of history before the first origin (default 28). */
  minTrain?: number;
  /** The shop's weekly profile by the series' weekday slots t mod 7 (`bySlot`), for the weekly methods. */
  weekdayPrior?: readonly number[] | null;
  /** Parameters to use instead of fitting, by method. */
  params?: Partial<Record<MethodName, readonly number[]>>;
}

export interface Candidate {
  method: CandidateName;
  /** The fitted parameters (a combination's: its members' in turn). */
  params: readonly number[];
  /** Forecast of the `horizon` days after the history. */
  forecast: number[];
  /** The backtest's errors, all horizons together; `accuracy` is null when no origin could be scored. */
  accuracy: Accuracy | null;
  /** Squared error sums and counts per horizon (index 0 = one day ahead). */
  horizonSquared: number[];
  horizonCount: number[];
  /** Each origin's errors (forecast − sales) by horizon, null on censored days, for the error over a lead time. */
  originErrors: (number | null)[][];
}

/** `sales`: each day's sales, which a censored day's demand was at least (see `observation` in methods/model.ts). */
/**
 * For intermittent and lumpy demand, what a censored day with sales is taken in as (`censoredDemand`): the day
 * held one demand of at least what was sold, so E[X | X ≥ sold] over the item's own sizes (`sizeDistribution`).
 * The normal E[D | D ≥ sold] around a daily mean far below one demand's size stays near the sale: a large
 * order cut short by the stock counted as little more than what was left. Every-day demand keeps the normal
 * reading, whose mean follows the level. Undefined where it does not apply.
 */
export function censoredSizeMeans(y: readonly Observation[], sales: readonly number[]): number[] | undefined {
  const series = { values: y, sales };
  const demandClass = classifyDemand(informativeValues(series)).demandClass;
  if (demandClass !== 'intermittent' && demandClass !== 'lumpy') return undefined;
  const support = sizeDistribution(series);
  return y.map((v, t) => (v === null && (sales[t] ?? 0) > 0 ? expectedSizeAtLeast(support, sales[t]!) : 0));
}

/**
 * One history's inner backtest: its origins, its scales and what its methods know beyond the series; every
 * candidate of the history is scored on it (`scoreMethod`).
 */
export interface InnerBacktest {
  y: readonly Observation[];
  end: number;
  horizon: number;
  origins: number[];
  scales: Scales;
  context: SeriesContext;
  /** Observed days before `end`, censored days with sales counted: a method needs its `minObserved` of them. */
  observed: number;
}

export function innerBacktest(y: readonly Observation[], end: number, options: BacktestOptions = {}, sales?: readonly number[]): InnerBacktest {
  const horizon = options.horizon ?? 28;
  const step = options.step ?? 7;
  const minTrain = options.minTrain ?? 28;
  const origins: number[] = [];
  for (let k = options.origins ?? 16; k >= 1; k--) {
    const o = end - step * k;
    if (o >= minTrain) origins.push(o);
  }
  const censoredDemand = sales === undefined ? undefined : censoredSizeMeans(y.slice(0, end), sales.slice(0, end));
  const context: SeriesContext = {
    ...(sales === undefined ? {} : { atLeast: sales, informative: informativeValues({ values: y.slice(), sales: sales.slice() }) }),
    ...(censoredDemand ? { censoredDemand } : {}),
    ...(options.weekdayPrior ? { weekdayPrior: options.weekdayPrior } : {}),
  };
  return { y, end, horizon, origins, scales: scalesOf(y, end), context, observed: observedCount((context.informative ?? y).slice(0, end)) };
}

/** A single method scored by the inner backtest, fitted by its grid unless `params` are given; undefined when it cannot start. */
export function scoreMethod(inner: InnerBacktest, method: MethodName, params?: readonly number[]): Candidate | undefined {
  const { y, end, horizon, origins, context } = inner;
  const model = MODELS[method];
  if (inner.observed < model.minObserved) return undefined;
  const fitted = params === undefined ? fit(model, y, end, context) : fixed(model, y, end, params, context);
  if (fitted === null) return undefined;
  const { atOrigins, atEnd } = forecastsAt(fitted, y, end, origins, horizon, context);
  const originErrors = origins.map((o, i) => {
    const row: (number | null)[] = [];
    for (let k = 0; k < horizon && o + k < end; k++) {
      const actual = y[o + k];
      row.push(actual === null || actual === undefined ? null : atOrigins[i]![k]! - actual);
    }
    return row;
  });
  return scored(method, fitted.params, atEnd, originErrors, horizon, inner.scales);
}

/** `options.params`: a method's parameters where they are given (pooled over the shop, see pooled.ts) instead of its own fit. */
export function evaluateMethods(y: readonly Observation[], end: number, methods: readonly CandidateName[], options: BacktestOptions = {}, sales?: readonly number[]): Candidate[] {
  const inner = innerBacktest(y, end, options, sales);
  const singles = new Map<MethodName, Candidate | undefined>();
  const single = (method: MethodName): Candidate | undefined => {
    if (!singles.has(method)) singles.set(method, scoreMethod(inner, method, options.params?.[method]));
    return singles.get(method);
  };
  const out: Candidate[] = [];
  for (const method of methods) {
    if (!isCombination(method)) {
      const c = single(method);
      if (c !== undefined) out.push(c);
      continue;
    }
    const members = COMBINATIONS[method].map(single);
    if (members.every((c): c is Candidate => c !== undefined)) out.push(combine(method, members, inner.horizon, inner.scales));
  }
  return out;
}

/** A candidate's figures from its forecast and its backtest errors (forecast − sales, null on censored days) by origin. */
function scored(method: CandidateName, params: readonly number[], forecast: number[], originErrors: (number | null)[][], horizon: number, scales: Scales): Candidate {
  const errors = new ErrorSum();
  const horizonSquared = new Array<number>(horizon).fill(0);
  const horizonCount = new Array<number>(horizon).fill(0);
  for (const row of originErrors) {
    row.forEach((e, k) => {
      if (e === null) return;
      errors.add(e, 0);
      horizonSquared[k]! += e * e;
      horizonCount[k]!++;
    });
  }
  return { method, params, forecast, accuracy: errors.scaled(scales), horizonSquared, horizonCount, originErrors };
}

/** The equal-weight mean of `members`: its forecast and its errors at each origin are the means of theirs. */
export function combine(method: CombinationName, members: readonly Candidate[], horizon: number, scales: Scales): Candidate {
  const mean = (pick: (c: Candidate) => number) => members.reduce((a, c) => a + pick(c), 0) / members.length;
  const first = members[0]!;
  const forecast = first.forecast.map((_, k) => mean((c) => c.forecast[k]!));
  // Every member is scored on the same days, so a day censored for one is censored for all.
  const originErrors = first.originErrors.map((row, i) => row.map((e, k) => (e === null ? null : mean((c) => c.originErrors[i]![k]!))));
  return scored(method, members.flatMap((c) => c.params), forecast, originErrors, horizon, scales);
}

/**
 * The candidate with the least backtest RMSSE — but the first listed keeps the product unless another
 * beats it by more than `margin` (a share of its RMSSE): the inner backtest scores against noisy sales, and
 * a method that wins by a hair there wins by chance as often as not. The first listed also stands where
 * none could be scored, and always where it is a combination (choosing against it by that same noisy
 * backtest lost to keeping it).
 */
export const SWITCH_MARGIN = 0.03;

export function choose(candidates: readonly Candidate[], margin = SWITCH_MARGIN): Candidate | null {
  const first = candidates[0];
  if (first === undefined) return null;
  if (isCombination(first.method) && first.accuracy !== null) return first;
  let best = first;
  for (const c of candidates.slice(1)) {
    if (c.accuracy !== null && (best.accuracy === null || c.accuracy.rmsse < best.accuracy.rmsse)) best = c;
  }
  if (best === first || first.accuracy === null || best.accuracy === null) return best;
  return best.accuracy.rmsse < first.accuracy.rmsse * (1 - margin) ? best : first;
}

/**
 * The daily forecast error to size safety stock over a lead time of `days`, such that z·σ·√days is the
 * error of the demand summed over the lead time: the larger of the root mean squared daily error within
 * those horizons and the root mean squared error of the backtest's lead-time sums, divided by √days. Sums
 * matter because a forecast's errors on consecutive days share its level error (they do not average out
 * as independent days would), and a root mean square, not a standard deviation, so a forecast's bias is
 * covered too. A sum's censored days are filled in pro rata. Null when the backtest scored no such horizon.
 */
export function errorSdWithin(c: Candidate, days: number): number | null {
  const upto = Math.max(1, Math.min(c.horizonCount.length, Math.ceil(days)));
  let se = 0;
  let n = 0;
  for (let k = 0; k < upto; k++) {
    se += c.horizonSquared[k] ?? 0;
    n += c.horizonCount[k] ?? 0;
  }
  if (n === 0) return null;
  const daily = Math.sqrt(se / n);
  let sumsSquared = 0;
  let sums = 0;
  for (const row of c.originErrors) {
    if (row.length < upto) continue;
    let sum = 0;
    let seen = 0;
    for (let k = 0; k < upto; k++) {
      const e = row[k];
      if (e === null || e === undefined) continue;
      sum += e;
      seen++;
    }
    if (seen === 0) continue;
    sum *= upto / seen;
    sumsSquared += sum * sum;
    sums++;
  }
  const overLeadTime = sums > 0 ? Math.sqrt(sumsSquared / sums / upto) : 0;
  return Math.max(daily, overLeadTime);
}
