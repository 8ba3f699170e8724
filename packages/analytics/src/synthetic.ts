import type { Observation } from './series.ts';

/**
 * A seeded synthetic shop whose true daily mean demand μ_t is known, for the backtest.
 *
 * Each item is one of four kinds: smooth (Poisson-like counts every day), erratic (every day, very variable
 * amounts), intermittent (a sale on some days, of 1–3 units) and lumpy (rare sales of very variable size).
 * A day's demand is Bernoulli(p_t) × size, size with mean s_t (negative binomial), so μ_t = p_t·s_t exactly.
 * The time pattern multiplies s_t (every-day items) or p_t (the others): a weekly profile (weekend peak of
 * random strength), a slow trend, level shifts, promotions (a few days at 1.5–3×), obsolescence (decay to
 * nothing) and launches during the year (new products).
 * Stock follows what a small merchant does: every 7 or 14 days order up to what the recent in-stock days sold
 * times the days to cover, sometimes forgetting to order, with random lead times and supplier hold-ups, and
 * lost sales when out. A day that ends out of stock is censored, as `buildDailySeries` marks it.
 */
export type ItemKind = 'smooth' | 'erratic' | 'intermittent' | 'lumpy';

export interface SyntheticItem {
  id: string;
  kind: ItemKind;
  category: number;
  price: number;
  /** Day the item is launched (0 for most); before it every array holds 0. */
  launch: number;
  /** True mean demand per day. */
  mu: number[];
  /** Demand that occurred (what customers wanted). */
  demand: number[];
  /** What was sold under the merchant's own ordering. */
  sales: number[];
  /** Sales as the forecaster sees them: null on days that ended out of stock. Starts at `launch`. */
  values: Observation[];
  leadTimeMean: number;
  leadTimeSd: number;
  moq: number;
  packSize: number;
}

export interface SyntheticOptions {
  seed: number;
  items: number;
  days: number;
  /** Share of each kind, in the order smooth, erratic, intermittent, lumpy (default 0.35/0.15/0.3/0.2). */
  mix?: readonly [number, number, number, number];
}

/** mulberry32: a small, fast 32-bit seeded generator (uniform in [0, 1)). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class Random {
  constructor(readonly next: () => number) {}

  uniform(a: number, b: number): number {
    return a + (b - a) * this.next();
  }

  int(a: number, b: number): number {
    return Math.floor(this.uniform(a, b + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  normal(): number {
    const u = 1 - this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.next());
  }

  /** Marsaglia–Tsang gamma with the given shape and scale. */
  gamma(shape: number, scale: number): number {
    if (shape < 1) return this.gamma(shape + 1, scale) * this.next() ** (1 / shape);
    const d = shape - 1 / 3;
    const c = 1 / Math.sqrt(9 * d);
    for (;;) {
      const x = this.normal();
      const v = (1 + c * x) ** 3;
      if (v <= 0) continue;
      if (Math.log(1 - this.next()) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v * scale;
    }
  }

  poisson(lambda: number): number {
    if (!(lambda > 0)) return 0;
    if (lambda > 40) return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * this.normal()));
    const limit = Math.exp(-lambda);
    let k = 0;
    let p = this.next();
    while (p > limit) {
      p *= this.next();
      k++;
    }
    return k;
  }

  /** Negative binomial with the given mean and dispersion r (variance mean + mean²/r), as gamma–Poisson. */
  negativeBinomial(mean: number, r: number): number {
    return mean > 0 ? this.poisson(this.gamma(r, mean / r)) : 0;
  }
}

const WEEKEND_SHAPE = [-0.12, -0.15, -0.1, -0.03, 0.1, 0.25, 0.05];

function timePattern(rnd: Random, days: number, launch: number): number[] {
  const strength = rnd.uniform(0.4, 1.6);
  const weekly = WEEKEND_SHAPE.map((w) => 1 + strength * (w + rnd.uniform(-0.05, 0.05)));
  const growth = rnd.chance(0.5) ? rnd.normal() * 0.0015 : 0;
  const shift = rnd.chance(0.35) ? { day: rnd.int(60, days - 30), factor: rnd.uniform(0.5, 1.8) } : null;
  const promos = rnd.chance(0.3) ? Array.from({ length: rnd.int(1, 3) }, () => ({ day: rnd.int(30, days - 10), length: rnd.int(3, 7), lift: rnd.uniform(1.5, 3) })) : [];
  const dies = rnd.chance(0.1) ? { day: rnd.int(Math.min(days - 20, 180), days - 20), halfLife: rnd.uniform(7, 30) } : null;
  const out = new Array<number>(days).fill(0);
  for (let t = launch; t < days; t++) {
    let f = weekly[t % 7]! * Math.exp(growth * (t - launch));
    if (shift !== null && t >= shift.day) f *= shift.factor;
    for (const p of promos) if (t >= p.day && t < p.day + p.length) f *= p.lift;
    if (dies !== null && t >= dies.day) f *= 0.5 ** ((t - dies.day) / dies.halfLife);
    out[t] = f;
  }
  return out;
}

function makeItem(rnd: Random, index: number, kind: ItemKind, days: number): SyntheticItem {
  const launch = rnd.chance(0.08) ? rnd.int(60, Math.max(60, Math.min(200, days - 120))) : 0;
  const pattern = timePattern(rnd, days, launch);
  const mu = new Array<number>(days).fill(0);
  const demand = new Array<number>(days).fill(0);
  const base = kind === 'smooth' ? Math.exp(rnd.uniform(Math.log(3), Math.log(40))) : kind === 'erratic' ? rnd.uniform(2, 15) : 0;
  const p0 = kind === 'intermittent' ? rnd.uniform(0.1, 0.55) : kind === 'lumpy' ? rnd.uniform(0.04, 0.3) : 1;
  const size = kind === 'intermittent' ? rnd.uniform(1.1, 2.2) : kind === 'lumpy' ? rnd.uniform(3, 12) : 0;
  const dispersion = kind === 'smooth' ? rnd.uniform(8, 40) : kind === 'erratic' ? rnd.uniform(0.6, 1.5) : kind === 'intermittent' ? rnd.uniform(3, 10) : rnd.uniform(0.5, 1.2);
  for (let t = launch; t < days; t++) {
    const f = pattern[t]!;
    if (kind === 'smooth' || kind === 'erratic') {
      mu[t] = base * f;
      demand[t] = rnd.negativeBinomial(mu[t]!, dispersion);
    } else {
      const p = Math.min(0.95, p0 * f);
      mu[t] = p * size;
      demand[t] = rnd.chance(p) ? 1 + rnd.negativeBinomial(size - 1, dispersion) : 0;
    }
  }
  const leadTimeMean = rnd.int(2, 10);
  const meanDemand = mu.reduce((a, b) => a + b, 0) / Math.max(1, days - launch);
  const packSize = meanDemand > 10 ? 12 : meanDemand > 3 ? 6 : 1;
  const item: SyntheticItem = {
    id: `item-${index}`,
    kind,
    category: index % 12,
    price: Math.round(rnd.uniform(5, 200)),
    launch,
    mu,
    demand,
    sales: [],
    values: [],
    leadTimeMean,
    leadTimeSd: leadTimeMean * rnd.uniform(0, 0.3),
    moq: packSize * rnd.int(1, 2),
    packSize,
  };
  simulateMerchant(rnd, item, days);
  return item;
}

/** A lead time drawn for one order: normal around the mean, at least 1 day. */
export function drawLeadTime(rnd: Random, mean: number, sd: number): number {
  return Math.max(1, Math.round(mean + sd * rnd.normal()));
}

function simulateMerchant(rnd: Random, item: SyntheticItem, days: number): void {
  const review = rnd.chance(0.5) ? 7 : 14;
  const cover = rnd.uniform(1.0, 1.6);
  const holdUps = rnd.chance(0.25) ? [{ day: rnd.int(60, days - 40), length: rnd.int(7, 25) }] : [];
  const firstWeeks = item.mu.slice(item.launch, item.launch + 28);
  let estimate = firstWeeks.reduce((a, b) => a + b, 0) / Math.max(1, firstWeeks.length);
  let stock = Math.round(estimate * (review + item.leadTimeMean) * cover);
  const arrivals = new Map<number, number>();
  const sales = new Array<number>(days).fill(0);
  const values: Observation[] = [];
  for (let t = item.launch; t < days; t++) {
    stock += arrivals.get(t) ?? 0;
    const sold = Math.min(stock, item.demand[t]!);
    stock -= sold;
    sales[t] = sold;
    values.push(stock <= 0 ? null : sold);
    if ((t - item.launch) % review === review - 1) {
      const recent = values.slice(-28).filter((v): v is number => v !== null);
      if (recent.length >= 7) estimate = recent.reduce((a, b) => a + b, 0) / recent.length;
      const pending = [...arrivals.entries()].filter(([day]) => day > t).reduce((a, [, q]) => a + q, 0);
      const target = estimate * (review + item.leadTimeMean) * cover;
      const quantity = Math.ceil(Math.max(0, target - stock - pending));
      if (quantity > 0 && !rnd.chance(0.12)) {
        let arrive = t + drawLeadTime(rnd, item.leadTimeMean, item.leadTimeSd);
        for (const h of holdUps) if (arrive >= h.day && arrive < h.day + h.length) arrive = h.day + h.length;
        arrivals.set(arrive, (arrivals.get(arrive) ?? 0) + Math.max(quantity, item.moq));
      }
    }
  }
  item.sales = sales;
  item.values = values;
}

const KINDS: readonly ItemKind[] = ['smooth', 'erratic', 'intermittent', 'lumpy'];

export function generateItems(options: SyntheticOptions): SyntheticItem[] {
  const rnd = new Random(mulberry32(options.seed));
  const mix = options.mix ?? [0.35, 0.15, 0.3, 0.2];
  const items: SyntheticItem[] = [];
  for (let i = 0; i < options.items; i++) {
    let u = rnd.next();
    let k = 0;
    while (k < KINDS.length - 1 && u >= mix[k]!) u -= mix[k++]!;
    items.push(makeItem(rnd, i, KINDS[k]!, options.days));
  }
  return items;
}
