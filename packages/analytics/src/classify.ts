import { moments, type Observation } from './series.ts';

/**
 * ABC: products ranked by outbound value over a window (quantity × cost, or sales amount); a product is A
 * while the products ranked above it hold less than `a` of the total value, B while they hold less than
 * `b`, C after that. So the product that crosses 80 % is still A, and the top product is always A. A product
 * with no value is C. Ties rank by id, so the result does not depend on input order.
 */
export interface AbcCutoffs {
  /** Cumulative share that ends A (default 0.80). */
  a: number;
  /** Cumulative share that ends B (default 0.95: 80/15/5). */
  b: number;
}

export const DEFAULT_ABC_CUTOFFS: AbcCutoffs = { a: 0.8, b: 0.95 };

export interface AbcRow {
  productId: string;
  value: number;
  /** 1 = largest value. */
  rank: number;
  share: number;
  /** Share of the products ranked up to and including this one. */
  cumulativeShare: number;
  abc: 'A' | 'B' | 'C';
}

export function classifyAbc(items: readonly { productId: string; value: number }[], cutoffs: AbcCutoffs = DEFAULT_ABC_CUTOFFS): AbcRow[] {
  const rows = items.map((i) => ({ productId: i.productId, value: Number.isFinite(i.value) && i.value > 0 ? i.value : 0 }));
  rows.sort((x, y) => y.value - x.value || (x.productId < y.productId ? -1 : x.productId > y.productId ? 1 : 0));
  const total = rows.reduce((sum, r) => sum + r.value, 0);
  let before = 0;
  return rows.map((r, i) => {
    const share = total > 0 ? r.value / total : 0;
    const shareBefore = total > 0 ? before / total : 1;
    before += r.value;
    const abc = r.value <= 0 ? 'C' : shareBefore < cutoffs.a ? 'A' : shareBefore < cutoffs.b ? 'B' : 'C';
    return { productId: r.productId, value: r.value, rank: i + 1, share, cumulativeShare: total > 0 ? before / total : 0, abc };
  });
}

/**
 * Demand class by the Syntetos–Boylan–Croston split: ADI = observed days ÷ days with demand (the mean
 * interval between demands), CV² = (standard deviation ÷ mean)² of the non-zero demand sizes.
 * smooth: ADI < 1.32 and CV² < 0.49; erratic: ADI < 1.32, CV² ≥ 0.49; intermittent: ADI ≥ 1.32, CV² < 0.49;
 * lumpy: both at or above. Censored days do not count. No day with demand: 'no-demand'.
 */
export type DemandClass = 'smooth' | 'erratic' | 'intermittent' | 'lumpy' | 'no-demand';

export const ADI_CUTOFF = 1.32;
export const CV2_CUTOFF = 0.49;

export interface DemandClassification {
  demandClass: DemandClass;
  /** Mean interval between demands, in observed days; null without demand. */
  adi: number | null;
  /** Squared coefficient of variation of non-zero demand sizes; null without demand. */
  cv2: number | null;
  observedDays: number;
  demandDays: number;
  /** Mean demand per observed day. */
  meanDemand: number;
}

export function classifyDemand(values: readonly Observation[]): DemandClassification {
  const observedDays = moments(values).n;
  const { n: demandDays, sum, sumSq } = moments(values, (v) => v > 0);
  const meanDemand = observedDays > 0 ? sum / observedDays : 0;
  if (demandDays === 0) return { demandClass: 'no-demand', adi: null, cv2: null, observedDays, demandDays, meanDemand };
  const adi = observedDays / demandDays;
  const mean = sum / demandDays;
  const cv2 = Math.max(0, sumSq / demandDays - mean * mean) / (mean * mean);
  const demandClass = adi < ADI_CUTOFF ? (cv2 < CV2_CUTOFF ? 'smooth' : 'erratic') : cv2 < CV2_CUTOFF ? 'intermittent' : 'lumpy';
  return { demandClass, adi, cv2, observedDays, demandDays, meanDemand };
}

/**
 * Below these, a product's history is too short to call its demand class: ADI over a few weeks is noise, and the
 * CV² of one or two sale sizes says nothing of their spread.
 */
export const MIN_OBSERVED_DAYS = 28;
export const MIN_DEMAND_DAYS = 3;

export type DemandVerdict = DemandClass | 'short-history';

/** `classifyDemand`, with 'short-history' (and no ADI or CV²) where the days or sales are too few to tell. */
export function classifyDemandHistory(values: readonly Observation[]): DemandClassification & { verdict: DemandVerdict } {
  const found = classifyDemand(values);
  if (found.observedDays < MIN_OBSERVED_DAYS || (found.demandDays > 0 && found.demandDays < MIN_DEMAND_DAYS)) {
    return { ...found, verdict: 'short-history', adi: null, cv2: null };
  }
  return { ...found, verdict: found.demandClass };
}
