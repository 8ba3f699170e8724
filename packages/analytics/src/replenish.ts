import { probit } from 'simple-statistics';
import { finiteOr0 } from './series.ts';

/**
 * Replenishment for one product from one supplier (continuous review, order-up-to):
 * - lead-time demand D_L: the forecast summed over the lead time L (fractions of a day pro rata);
 * - safety stock SS = z·√(L·σ_d² + d̄²·σ_L²), σ_d the daily forecast error, d̄ the mean daily forecast over
 *   the lead time, σ_L the lead time's standard deviation (0 when unknown, which gives z·σ_d·√L);
 * - reorder point ROP = D_L + SS; order-up-to level S = ROP + the forecast over the `coverDays` after L;
 * - inventory position IP = on hand + on order − reserved; at or below ROP, order S − IP, at least the MOQ,
 *   rounded up to whole packs;
 * - EOQ = √(2·D·K/H) (D yearly demand, K cost per order, H holding cost per unit and year), a hint only;
 * - projected stock-out: the first day the forecast demand uses up what is on hand less reservations
 *   (plus receipts expected by then).
 * Every figure is a finite number ≥ 0.
 */
export interface ReplenishmentInput {
  /** The first day of `daily`, usually the day after the forecast's history ends. */
  daily: readonly { date: string; mean: number }[];
  /** Standard deviation of one day's forecast error. */
  errorSd: number;
  leadTimeDays: number;
  /** Standard deviation of the lead time in days, when known. */
  leadTimeSdDays?: number;
  /** Target cycle service level, 0.5 … 0.999 (default 0.95). */
  serviceLevel?: number;
  /** Days of demand an order covers beyond the lead time (default 7). */
  coverDays?: number;
  onHand: number;
  onOrder?: number;
  reserved?: number;
  moq?: number;
  packSize?: number;
  orderCost?: number;
  holdingCostPerUnitYear?: number;
  /** Receipts expected (open purchase orders), for the stock-out date. */
  incoming?: readonly { date: string; quantity: number }[];
}

export interface ReplenishmentPlan {
  z: number;
  leadTimeDemand: number;
  safetyStock: number;
  reorderPoint: number;
  orderUpTo: number;
  inventoryPosition: number;
  /** 0 when the position is above the reorder point. */
  orderQuantity: number;
  /** null without order and holding costs. */
  eoq: number | null;
  /** null when the forecast runs out before the stock does, or there is no forecast. */
  stockoutDate: string | null;
}

export const DEFAULT_SERVICE_LEVEL = 0.95;

/** The standard normal quantile z for a cycle service level, the level kept within 0.5 … 0.999. */
export function serviceFactor(serviceLevel: number): number {
  const p = Number.isFinite(serviceLevel) ? Math.min(0.999, Math.max(0.5, serviceLevel)) : DEFAULT_SERVICE_LEVEL;
  return p === 0.5 ? 0 : probit(p);
}

/** Forecast demand over days [from, to) ahead (fractional ends pro rata); past the forecast, its last day repeats. */
export function demandBetween(daily: readonly { mean: number }[], from: number, to: number): number {
  if (daily.length === 0 || !(to > from)) return 0;
  let sum = 0;
  for (let k = Math.floor(from); k < Math.ceil(to); k++) {
    const overlap = Math.min(to, k + 1) - Math.max(from, k);
    const day = daily[Math.min(k, daily.length - 1)];
    sum += overlap * Math.max(0, finiteOr0(day?.mean));
  }
  return sum;
}

function nonNegative(x: number | undefined): number {
  return Math.max(0, finiteOr0(x));
}

export function roundToPacks(quantity: number, moq: number, packSize: number): number {
  if (!(quantity > 0)) return 0;
  const atLeast = Math.max(quantity, moq);
  return packSize > 0 ? Math.ceil(atLeast / packSize - 1e-9) * packSize : atLeast;
}

export function replenish(input: ReplenishmentInput): ReplenishmentPlan {
  const lead = nonNegative(input.leadTimeDays);
  const leadSd = nonNegative(input.leadTimeSdDays);
  const sigma = nonNegative(input.errorSd);
  const z = serviceFactor(input.serviceLevel ?? DEFAULT_SERVICE_LEVEL);
  const leadTimeDemand = demandBetween(input.daily, 0, lead);
  const meanDaily = lead > 0 ? leadTimeDemand / lead : demandBetween(input.daily, 0, 1);
  const safetyStock = z * Math.sqrt(lead * sigma * sigma + meanDaily * meanDaily * leadSd * leadSd);
  const reorderPoint = leadTimeDemand + safetyStock;
  const orderUpTo = reorderPoint + demandBetween(input.daily, lead, lead + nonNegative(input.coverDays ?? 7));
  const inventoryPosition = finiteOr0(input.onHand) + finiteOr0(input.onOrder) - finiteOr0(input.reserved);
  const needed = inventoryPosition <= reorderPoint && orderUpTo > 0 ? orderUpTo - inventoryPosition : 0;
  const orderQuantity = roundToPacks(needed, nonNegative(input.moq), nonNegative(input.packSize));
  const yearly = demandBetween(input.daily, 0, Math.min(input.daily.length, 28)) / Math.max(1, Math.min(input.daily.length, 28)) * 365;
  const orderCost = nonNegative(input.orderCost);
  const holding = nonNegative(input.holdingCostPerUnitYear);
  const eoq = orderCost > 0 && holding > 0 ? Math.sqrt((2 * yearly * orderCost) / holding) : null;
  return {
    z,
    leadTimeDemand,
    safetyStock,
    reorderPoint,
    orderUpTo,
    inventoryPosition,
    orderQuantity,
    eoq,
    stockoutDate: stockoutDate(input),
  };
}

/** The first forecast day on which expected demand exceeds what is available; null if none does. */
export function stockoutDate(input: Pick<ReplenishmentInput, 'daily' | 'onHand' | 'reserved' | 'incoming'>): string | null {
  const first = input.daily[0];
  if (first === undefined) return null;
  let available = finiteOr0(input.onHand) - finiteOr0(input.reserved);
  if (available <= 0) return first.date;
  const receipts = new Map<string, number>();
  for (const r of input.incoming ?? []) receipts.set(r.date, (receipts.get(r.date) ?? 0) + finiteOr0(r.quantity));
  for (const day of input.daily) {
    available += receipts.get(day.date) ?? 0;
    available -= Math.max(0, finiteOr0(day.mean));
    if (available < 0) return day.date;
  }
  return null;
}
