import { classifyDemand, type DemandClass } from './classify.ts';
import { MIN_HISTORY } from './forecast.ts';
import type { MethodName } from './methods/model.ts';
import { bySlot } from './methods/weekly.ts';
import { candidatesFor, COMBINATIONS, innerBacktest, MODELS, scoreMethod } from './select.ts';
import { informativeValues, observedCount, type DailySeries } from './series.ts';

/**
 * Smoothing parameters chosen per demand class from the pooled out-of-sample errors of the shop's products, as
 * the weekly profile is pooled: one product's in-sample one-step fit chases its own noise (a fixed α often
 * beat it), and the best fixed value differs by class. For each product of a class, each member of the
 * class's combination is scored at every point of its grid by the product's inner backtest (`innerBacktest`,
 * the one the choice of method uses); the point with the least mean RMSSE over the class's products is the
 * class's. Only the days before the end of each history are used, so pooled at a day it holds nothing later.
 */
export type PooledParams = Partial<Record<DemandClass, Partial<Record<MethodName, readonly number[]>>>>;

/** Fewer products of a class than this scored for a method, and its products keep their own fit. */
const MIN_POOLED = 5;

/** The methods whose parameters are pooled for a class: the members of its combination, which it forecasts with. */
export function pooledMethods(demandClass: DemandClass): readonly MethodName[] {
  const first = candidatesFor(demandClass)[0];
  return first !== undefined && first in COMBINATIONS ? COMBINATIONS[first as keyof typeof COMBINATIONS] : [];
}

/** Pools the inner-backtest errors of a shop's products, one product at a time (`add`), into `PooledParams`. */
export class ParamPool {
  /** By class and method: the sum of RMSSE at each grid point, and how many products it is over. */
  private readonly sums = new Map<DemandClass, Map<MethodName, { rmsse: number[]; products: number }>>();

  /** A product's history up to the day pooled for; `weekdayProfile` is the shop's by calendar weekday, as `forecastProduct` takes it. */
  add(series: DailySeries, weekdayProfile: readonly number[] | null): void {
    const informative = informativeValues(series);
    const first = series.dates[0];
    if (first === undefined || observedCount(informative) < MIN_HISTORY) return;
    const demandClass = classifyDemand(informative).demandClass;
    const methods = pooledMethods(demandClass);
    if (methods.length === 0) return;
    const inner = innerBacktest(series.values, series.values.length, { weekdayPrior: weekdayProfile ? bySlot(weekdayProfile, first) : null }, series.sales);
    for (const method of methods) {
      const rmsse: number[] = [];
      for (const p of MODELS[method].grid) {
        const accuracy = scoreMethod(inner, method, p)?.accuracy;
        if (!accuracy) break;
        rmsse.push(accuracy.rmsse);
      }
      if (rmsse.length < MODELS[method].grid.length) continue;
      const byMethod = this.sums.get(demandClass) ?? new Map<MethodName, { rmsse: number[]; products: number }>();
      this.sums.set(demandClass, byMethod);
      const sum = byMethod.get(method) ?? { rmsse: rmsse.map(() => 0), products: 0 };
      byMethod.set(method, sum);
      rmsse.forEach((r, i) => (sum.rmsse[i]! += r));
      sum.products++;
    }
  }

  params(): PooledParams {
    const out: PooledParams = {};
    for (const [demandClass, byMethod] of this.sums) {
      for (const [method, sum] of byMethod) {
        if (sum.products < MIN_POOLED) continue;
        const best = sum.rmsse.reduce((b, r, i) => (r < sum.rmsse[b]! ? i : b), 0);
        out[demandClass] = { ...out[demandClass], [method]: MODELS[method].grid[best]! };
      }
    }
    return out;
  }
}
