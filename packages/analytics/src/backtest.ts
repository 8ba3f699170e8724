import { classifyDemand, type DemandClass } from './classify.ts';
import { forecastProduct } from './forecast.ts';
import { ErrorSum, scalesOf, type Accuracy, type Scales } from './metrics.ts';
import type { MethodName } from './methods/model.ts';
import { ParamPool, type PooledParams } from './pooled.ts';
import { bySlot, shopWeekdayProfile } from './methods/weekly.ts';
import { demandSizesFor, replenish } from './replenish.ts';
import { COMBINATIONS, evaluateMethods, MODELS, type CandidateName } from './select.ts';
import { addDays, daysBetween, informativeValues, type DailySeries } from './series.ts';
import { drawLeadTime, mulberry32, Random, type SyntheticItem } from './synthetic.ts';

/**
 * The rolling-origin evaluation of the synthetic shop.
 *
 * For each item, from the first origin (≥ `minTrain` days of its history) every `step` days while a whole
 * horizon follows: every method is fitted on the history up to the origin alone, and 'auto' — the per-item
 * choice the nightly job makes, with its own inner backtest on that same history — is run as the job
 * runs it. Each forecasts days 1 … `horizon`, scored against the generator's true mean μ (every day) and
 * against the simulated sales (days in stock only). RMSSE and MASE use one scale per item, from its
 * whole simulated sales history, so every method of an item is divided by the same number.
 *
 * The replenishment policy is replayed on the same demand from the first origin on: each origin's forecast
 * and error set the reorder point and order-up-to level (`replenish`), stock is reviewed every day, orders
 * arrive after a lead time drawn from the item's own distribution, unmet demand is lost. A replenishment
 * cycle runs from one delivery to the next; the cycle service level is the share of cycles without a day
 * of lost demand, the fill rate the share of demand served.
 */
export type Evaluated = CandidateName | 'auto';

const ALL_METHODS = [...(Object.keys(MODELS) as MethodName[]), ...(Object.keys(COMBINATIONS) as (keyof typeof COMBINATIONS)[])];
export const EVALUATED: readonly Evaluated[] = [...ALL_METHODS, 'auto'];

export interface BacktestConfig {
  minTrain: number;
  step: number;
  horizon: number;
  serviceLevel: number;
  /** Days of demand an order covers beyond the lead time. */
  coverDays: number;
}

export const DEFAULT_BACKTEST: BacktestConfig = { minTrain: 56, step: 7, horizon: 28, serviceLevel: 0.95, coverDays: 7 };

export interface Replay {
  demand: number;
  served: number;
  cycles: number;
  cyclesServed: number;
  stockoutDays: number;
  days: number;
  /** Sum of each day's closing stock. */
  stockDays: number;
}

export interface ItemResult {
  id: string;
  kind: SyntheticItem['kind'];
  /** SBC class of the item's whole simulated history. */
  demandClass: DemandClass;
  /** Price × units sold, for the revenue-weighted figures. */
  revenue: number;
  vsMean: Partial<Record<Evaluated, Accuracy>>;
  vsSales: Partial<Record<Evaluated, Accuracy>>;
  /** How often 'auto' chose each method. */
  chosen: Partial<Record<string, number>>;
  replay: Replay;
}

const START = '2025-01-06';

export function seriesOf(item: SyntheticItem, end = item.values.length): DailySeries {
  const values = item.values.slice(0, end);
  return { dates: values.map((_, i) => addDays(START, item.launch + i)), values, sales: item.sales.slice(item.launch, item.launch + end) };
}

/** The shop's weekly profile from the days before `end` (`shopWeekdayProfile` over every item), computed once per day. */
export function shopProfiles(items: readonly SyntheticItem[]): (end: string) => number[] | null {
  const histories = items.map((item) => seriesOf(item));
  const known = new Map<string, number[] | null>();
  return (end) => {
    if (!known.has(end)) known.set(end, shopWeekdayProfile(histories, end));
    return known.get(end)!;
  };
}

/**
 * The shop's pooled parameters (`ParamPool`) from the days before `end`: every item's history up to then, with
 * the profile known then. Pooling every item is as costly as a nightly pass, so it is done on the weeks' first
 * days from `START` only, and a day gets the last pooled on or before it — a few days old for an item launched
 * mid-week, never later than the day.
 */
export function shopParams(items: readonly SyntheticItem[], profileAt: (end: string) => number[] | null): (end: string) => PooledParams {
  const known = new Map<string, PooledParams>();
  return (end) => {
    const day = 7 * Math.floor(daysBetween(START, end) / 7);
    const pooledOn = addDays(START, day);
    if (!known.has(pooledOn)) {
      const pool = new ParamPool();
      const profile = profileAt(pooledOn);
      for (const item of items) if (day > item.launch) pool.add(seriesOf(item, day - item.launch), profile);
      known.set(pooledOn, pool.params());
    }
    return known.get(pooledOn)!;
  };
}

/**
 * `profileAt`: the shop's weekly profile known on a day (`shopProfiles`); without it each item's week is its own.
 * `paramsAt`: the shop's pooled parameters known on a day (`shopParams`), which 'auto' forecasts with; every
 * method's own row is fitted to the item alone.
 */
export function backtestItem(
  item: SyntheticItem,
  config: BacktestConfig = DEFAULT_BACKTEST,
  profileAt?: (end: string) => number[] | null,
  paramsAt?: (end: string) => PooledParams,
): ItemResult | null {
  const y = item.values;
  const n = y.length;
  const origins: number[] = [];
  for (let o = config.minTrain; o + config.horizon <= n; o += config.step) origins.push(o);
  if (origins.length === 0) return null;
  const scales: Scales = scalesOf(y);
  const vsMean = new Map<Evaluated, ErrorSum>(EVALUATED.map((m) => [m, new ErrorSum()]));
  const vsSales = new Map<Evaluated, ErrorSum>(EVALUATED.map((m) => [m, new ErrorSum()]));
  const chosen: Partial<Record<string, number>> = {};
  const plans: Plan[] = [];
  const score = (m: Evaluated, f: readonly number[], o: number) => {
    for (let k = 0; k < config.horizon; k++) {
      const forecast = f[k] ?? 0;
      vsMean.get(m)!.add(forecast, item.mu[item.launch + o + k]!);
      const actual = y[o + k];
      if (actual !== null && actual !== undefined) vsSales.get(m)!.add(forecast, actual);
    }
  };
  for (const o of origins) {
    const series = seriesOf(item, o);
    const date = addDays(START, item.launch + o);
    const profile = profileAt?.(date) ?? null;
    const candidates = evaluateMethods(series.values, o, ALL_METHODS, { weekdayPrior: profile ? bySlot(profile, series.dates[0]!) : null }, series.sales);
    const auto = forecastProduct(series, { weekdayProfile: profile, pooledParams: paramsAt?.(date) ?? null, horizon: config.horizon, errorDays: item.leadTimeMean + 1 });
    // A method that cannot start on this history is scored with the forecast that stands in for it (the
    // fallback for a short history), so every method is averaged over the same items and origins.
    for (const m of ALL_METHODS) score(m, candidates.find((c) => c.method === m)?.forecast ?? auto.daily.map((d) => d.mean), o);
    chosen[auto.method] = (chosen[auto.method] ?? 0) + 1;
    score(
      'auto',
      auto.daily.map((d) => d.mean),
      o,
    );
    plans.push({ daily: auto.daily, errorSd: auto.errorSd, sizes: demandSizesFor({ demandClass: auto.demand.demandClass, recentSizes: auto.recentSizes }) });
  }
  const toAccuracy = (sums: Map<Evaluated, ErrorSum>) => {
    const out: Partial<Record<Evaluated, Accuracy>> = {};
    for (const [m, s] of sums) {
      const a = s.scaled(scales);
      if (a !== null) out[m] = a;
    }
    return out;
  };
  const revenue = item.price * item.sales.reduce((a, b) => a + b, 0);
  return {
    id: item.id,
    kind: item.kind,
    demandClass: classifyDemand(informativeValues(item)).demandClass,
    revenue,
    vsMean: toAccuracy(vsMean),
    vsSales: toAccuracy(vsSales),
    chosen,
    replay: replay(item, origins, plans, config),
  };
}

interface Plan {
  daily: { date: string; mean: number }[];
  errorSd: number;
  sizes: number[] | undefined;
}

function replay(item: SyntheticItem, origins: readonly number[], plans: readonly Plan[], config: BacktestConfig): Replay {
  const rnd = new Random(mulberry32(0x5eed ^ (item.launch * 7919 + item.id.length * 104729 + Number(item.id.replace(/\D/g, '') || 0))));
  const first = origins[0]!;
  const end = Math.min(item.values.length, origins[origins.length - 1]! + config.step);
  const result: Replay = { demand: 0, served: 0, cycles: 0, cyclesServed: 0, stockoutDays: 0, days: 0, stockDays: 0 };
  const open: { arrive: number; quantity: number }[] = [];
  // The cycle under way: from one delivery to the next; null before the first delivery.
  let cycleLost: boolean | null = null;
  const opening = replenish({ daily: plans[0]!.daily, errorSd: plans[0]!.errorSd, demandSizes: plans[0]!.sizes, leadTimeDays: item.leadTimeMean, leadTimeSdDays: item.leadTimeSd, serviceLevel: config.serviceLevel, coverDays: config.coverDays, onHand: 0 });
  let stock = Math.ceil(opening.orderUpTo);
  let planIndex = -1;
  for (let t = first; t < end; t++) {
    if (planIndex + 1 < origins.length && origins[planIndex + 1] === t) planIndex++;
    const plan = plans[planIndex]!;
    for (let i = open.length - 1; i >= 0; i--) {
      const order = open[i]!;
      if (order.arrive !== t) continue;
      stock += order.quantity;
      if (cycleLost !== null) {
        result.cycles++;
        if (!cycleLost) result.cyclesServed++;
      }
      cycleLost = false;
      open.splice(i, 1);
    }
    const wanted = item.demand[item.launch + t]!;
    const served = Math.min(stock, wanted);
    stock -= served;
    result.demand += wanted;
    result.served += served;
    result.days++;
    if (served < wanted) {
      result.stockoutDays++;
      if (cycleLost !== null) cycleLost = true;
    }
    result.stockDays += stock;
    const offset = t + 1 - origins[planIndex]!;
    const decision = replenish({
      daily: plan.daily.slice(offset),
      errorSd: plan.errorSd,
      demandSizes: plan.sizes,
      leadTimeDays: item.leadTimeMean,
      leadTimeSdDays: item.leadTimeSd,
      serviceLevel: config.serviceLevel,
      coverDays: config.coverDays,
      onHand: stock,
      onOrder: open.reduce((a, o) => a + o.quantity, 0),
      moq: item.moq,
      packSize: item.packSize,
    });
    if (decision.orderQuantity > 0) {
      open.push({ arrive: t + 1 + drawLeadTime(rnd, item.leadTimeMean, item.leadTimeSd), quantity: decision.orderQuantity });
    }
  }
  return result;
}

export interface MethodSummary {
  items: number;
  /** Mean over items of RMSSE against the true mean, and revenue-weighted. */
  rmsseMean: number;
  rmsseMeanWeighted: number;
  /** Mean over items of RMSSE against the sales (in-stock days). */
  rmsseSales: number;
  /** Mean over items of MASE against the true mean. */
  maseMean: number;
  /** Mean over items of the scaled bias against the true mean (> 0 over-forecasts). */
  biasMean: number;
  /** Share of items whose RMSSE against the true mean is below seasonal naive's. */
  beatsSnaive: number;
}

export interface BacktestSummary {
  items: number;
  byMethod: Record<Evaluated, MethodSummary>;
  byClass: Partial<Record<DemandClass, Record<Evaluated, MethodSummary>>>;
  chosen: Record<string, number>;
  replay: ReplaySummary;
  replayByClass: Partial<Record<DemandClass, ReplaySummary>>;
}

export interface ReplaySummary {
  target: number;
  cycleServiceLevel: number;
  fillRate: number;
  stockoutDaysPerItemYear: number;
  /** Mean over items of the average closing stock in days of that item's mean demand. */
  averageStockDays: number;
  cycles: number;
}

function summariseMethods(results: readonly ItemResult[]): Record<Evaluated, MethodSummary> {
  const out = {} as Record<Evaluated, MethodSummary>;
  for (const m of EVALUATED) {
    let n = 0;
    let rm = 0;
    let rs = 0;
    let mase = 0;
    let bias = 0;
    let beats = 0;
    let weighted = 0;
    let weights = 0;
    for (const r of results) {
      const a = r.vsMean[m];
      if (a === undefined) continue;
      n++;
      rm += a.rmsse;
      rs += r.vsSales[m]?.rmsse ?? 0;
      mase += a.mase;
      bias += a.bias;
      weighted += a.rmsse * r.revenue;
      weights += r.revenue;
      if (a.rmsse < (r.vsMean.snaive?.rmsse ?? Infinity)) beats++;
    }
    const d = Math.max(1, n);
    out[m] = { items: n, rmsseMean: rm / d, rmsseMeanWeighted: weights > 0 ? weighted / weights : 0, rmsseSales: rs / d, maseMean: mase / d, biasMean: bias / d, beatsSnaive: beats / d };
  }
  return out;
}

export function summarise(results: readonly ItemResult[], config: BacktestConfig = DEFAULT_BACKTEST): BacktestSummary {
  const byClass: BacktestSummary['byClass'] = {};
  for (const c of ['smooth', 'erratic', 'intermittent', 'lumpy', 'no-demand'] as const) {
    const inClass = results.filter((r) => r.demandClass === c);
    if (inClass.length > 0) byClass[c] = summariseMethods(inClass);
  }
  const chosen: Record<string, number> = {};
  for (const r of results) for (const [m, k] of Object.entries(r.chosen)) chosen[m] = (chosen[m] ?? 0) + (k ?? 0);
  const replayByClass: BacktestSummary['replayByClass'] = {};
  for (const c of ['smooth', 'erratic', 'intermittent', 'lumpy', 'no-demand'] as const) {
    const inClass = results.filter((r) => r.demandClass === c);
    if (inClass.length > 0) replayByClass[c] = summariseReplay(inClass, config);
  }
  return {
    items: results.length,
    byMethod: summariseMethods(results),
    byClass,
    chosen,
    replay: summariseReplay(results, config),
    replayByClass,
  };
}

function summariseReplay(results: readonly ItemResult[], config: BacktestConfig): ReplaySummary {
  const total: Replay = { demand: 0, served: 0, cycles: 0, cyclesServed: 0, stockoutDays: 0, days: 0, stockDays: 0 };
  let stockInDays = 0;
  for (const r of results) {
    for (const key of Object.keys(total) as (keyof Replay)[]) total[key] += r.replay[key];
    const meanDemand = r.replay.demand / Math.max(1, r.replay.days);
    stockInDays += meanDemand > 0 ? r.replay.stockDays / r.replay.days / meanDemand : 0;
  }
  return {
    target: config.serviceLevel,
    cycleServiceLevel: total.cycles > 0 ? total.cyclesServed / total.cycles : 1,
    fillRate: total.demand > 0 ? total.served / total.demand : 1,
    stockoutDaysPerItemYear: total.days > 0 ? (total.stockoutDays / total.days) * 365 : 0,
    averageStockDays: results.length > 0 ? stockInDays / results.length : 0,
    cycles: total.cycles,
  };
}
