/**
 * A product's daily demand series, built from its posted sales and its stock.
 *
 * One value per calendar day from the first day the product could be sold (`from`) to `to`. A day's value
 * is what was sold less what customers returned, never below 0 (a return undoes an earlier sale, it is not
 * negative demand). A day on which the product ran out is *censored*: its sales are only a lower bound of
 * demand (or 0 because nothing was there to sell), so its value is `null` and every method skips it rather
 * than reading it as zero demand.
 *
 * When is a day out of stock: its closing stock is ≤ 0. Except a day whose sales drove the book stock below
 * zero (closing < 0 and something sold): the goods were evidently on the shelf, only the books were behind
 * (a negative-stock episode), so that day's sales are real demand. Without any stock figure (`openingStock`
 * null and no `closingStock`), no day is censored.
 */

/** A day's observed demand, or `null` where the product was out of stock (censored). */
export type Observation = number | null;

export interface DayMovement {
  /** `YYYY-MM-DD`, the shop's calendar day. */
  date: string;
  /** Quantity sold on posted sales that day. */
  sold: number;
  /** Quantity customers returned that day. */
  returned?: number;
  /** Stock at the end of the day, after every movement; days not listed keep the previous day's closing. */
  closingStock?: number;
}

export interface DailySeriesInput {
  from: string;
  to: string;
  /** Stock at the start of `from`; null or absent when unknown. */
  openingStock?: number | null;
  days: readonly DayMovement[];
}

export interface DailySeries {
  /** `dates[i]` is day i. */
  dates: string[];
  /** Demand per day, `null` where censored. */
  values: Observation[];
  /** Net sales per day (≥ 0), censored days included, as they were recorded. */
  sales: number[];
}

/** A series' values and sales, read only. */
export interface SalesHistory {
  values: readonly Observation[];
  sales: readonly number[];
}

const DAY_MS = 86_400_000;

function dayNumber(date: string): number {
  const ms = Date.parse(`${date}T00:00:00Z`);
  if (!Number.isFinite(ms)) throw new RangeError(`not a date: ${date}`);
  return Math.round(ms / DAY_MS);
}

function dateOfDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** The date `n` days after `date` (`n` may be negative). */
export function addDays(date: string, n: number): string {
  return dateOfDay(dayNumber(date) + n);
}

/** Days from `a` to `b` (positive when `b` is later). */
export function daysBetween(a: string, b: string): number {
  return dayNumber(b) - dayNumber(a);
}

/** A finite number or 0: bad input (NaN, ±Infinity) never enters a series. */
export function finiteOr0(x: number | undefined | null): number {
  return typeof x === 'number' && Number.isFinite(x) ? x : 0;
}

export function buildDailySeries(input: DailySeriesInput): DailySeries {
  const length = daysBetween(input.from, input.to) + 1;
  const dates: string[] = [];
  const values: Observation[] = [];
  const sales: number[] = [];
  if (length <= 0) return { dates, values, sales };
  const byDay = new Map<number, { sold: number; returned: number; closing: number | undefined }>();
  const start = dayNumber(input.from);
  for (const d of input.days) {
    const i = dayNumber(d.date) - start;
    if (i < 0 || i >= length) continue;
    const day = byDay.get(i) ?? { sold: 0, returned: 0, closing: undefined };
    day.sold += finiteOr0(d.sold);
    day.returned += finiteOr0(d.returned);
    if (d.closingStock !== undefined && Number.isFinite(d.closingStock)) day.closing = d.closingStock;
    byDay.set(i, day);
  }
  let stock: number | null = input.openingStock !== undefined && input.openingStock !== null && Number.isFinite(input.openingStock) ? input.openingStock : null;
  for (let i = 0; i < length; i++) {
    const day = byDay.get(i);
    const net = Math.max(0, (day?.sold ?? 0) - (day?.returned ?? 0));
    if (day?.closing !== undefined) stock = day.closing;
    const outOfStock = stock !== null && stock <= 0 && !(stock < 0 && net > 0);
    dates.push(dateOfDay(start + i));
    sales.push(net);
    values.push(outOfStock ? null : net);
  }
  return { dates, values, sales };
}

/** How many days are observed (not censored). */
export function observedCount(values: readonly Observation[]): number {
  let n = 0;
  for (const v of values) if (v !== null) n++;
  return n;
}

/**
 * The days that say something about demand: observed days as they are, and censored days on which
 * something was sold before the stock ran out, at what was sold (a lower bound). Censored days without a
 * sale stay null. For counting history and classifying; the methods themselves treat such days by
 * `observation` in methods/model.ts.
 */
export function informativeValues(series: SalesHistory): Observation[] {
  return series.values.map((v, i) => (v !== null ? v : (series.sales[i] ?? 0) > 0 ? series.sales[i]! : null));
}

/** Count, sum and sum of squares of the observed values that `keep` accepts (all of them by default). */
export function moments(values: readonly Observation[], keep: (v: number) => boolean = () => true): { n: number; sum: number; sumSq: number } {
  let n = 0;
  let sum = 0;
  let sumSq = 0;
  for (const v of values) {
    if (v === null || !keep(v)) continue;
    n++;
    sum += v;
    sumSq += v * v;
  }
  return { n, sum, sumSq };
}

/**
 * The distribution of a series' non-zero daily demands, a censored day's sale read as a demand of at least that
 * much (right-censored): the Kaplan–Meier estimate, each censored day's share passed on to the demands at or
 * above its sale, as [value, probability] by increasing value. A censored day above every observed demand, where
 * Kaplan–Meier knows nothing, has its share at its sale plus the mean excess of a shifted exponential fitted to
 * all the sizes by censored maximum likelihood (their excess over the least uncensored size, summed, over the
 * uncensored count; memoryless, so the same above any sale): kept at its sale, a shelf too small for one
 * demand read every demand as what was left, and the item's forecast low. Empty without a non-zero demand.
 */
export function sizeDistribution(series: SalesHistory): [number, number][] {
  const sizes: { x: number; censored: boolean }[] = [];
  series.values.forEach((v, i) => {
    if (v !== null) {
      if (v > 0) sizes.push({ x: v, censored: false });
    } else if ((series.sales[i] ?? 0) > 0) sizes.push({ x: series.sales[i]!, censored: true });
  });
  const events = [...new Set(sizes.filter((s) => !s.censored).map((s) => s.x))].sort((a, b) => a - b);
  const mass = new Map<number, number>();
  let survival = 1;
  for (const v of events) {
    // At risk at v: demands of v or more, and censored days whose sale was above v (one at v was at least v).
    const atRisk = sizes.filter((s) => (s.censored ? s.x > v : s.x >= v)).length;
    const died = sizes.filter((s) => !s.censored && s.x === v).length;
    mass.set(v, survival * (died / atRisk));
    survival *= 1 - died / atRisk;
  }
  const last = events[events.length - 1] ?? -Infinity;
  const beyond = sizes.filter((s) => s.censored && s.x > last);
  // The exponential's shift is the least uncensored size; a censored sale below it says nothing of the excess.
  const least = events[0];
  const excess = least === undefined ? 0 : sizes.reduce((sum, s) => sum + Math.max(0, s.x - least), 0) / sizes.filter((s) => !s.censored).length;
  for (const s of beyond) mass.set(s.x + excess, (mass.get(s.x + excess) ?? 0) + survival / beyond.length);
  return [...mass.entries()].sort((a, b) => a[0] - b[0]);
}

/**
 * The non-zero demands of a series' days for drawing from (`replenish`'s `demandSizes`): `sizeDistribution`
 * given back as as many equally likely values as there were such days (its quantiles at (i + ½)/n). Taking a
 * censored day at its sale, as first written, put the largest demands — the ones that emptied the shelf — at
 * what happened to be left.
 */
export function demandSizes(series: SalesHistory): number[] {
  const support = sizeDistribution(series);
  const n = series.values.filter((v, i) => (v !== null ? v > 0 : (series.sales[i] ?? 0) > 0)).length;
  const out: number[] = [];
  let cumulative = 0;
  let k = 0;
  for (let i = 0; i < n; i++) {
    const q = (i + 0.5) / n;
    while (k < support.length - 1 && cumulative + support[k]![1] < q) cumulative += support[k++]![1];
    out.push(support[k]![0]);
  }
  return out;
}

/** E[X | X ≥ s] under a `sizeDistribution`; s itself where none of it reaches s. */
export function expectedSizeAtLeast(support: readonly (readonly [number, number])[], s: number): number {
  let mass = 0;
  let sum = 0;
  for (const [x, p] of support) {
    if (x < s) continue;
    mass += p;
    sum += x * p;
  }
  return mass > 0 ? Math.max(s, sum / mass) : s;
}
