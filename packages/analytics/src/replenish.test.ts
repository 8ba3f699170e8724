import { describe, expect, it } from 'vitest';
import { demandBetween, mayOrder, normalQuantile, replenish, roundToPacks, serviceFactor, simulatedQuantile, simulationCeiling, stockoutDate, type ReplenishmentInput } from './replenish.ts';
import { addDays } from './series.ts';

const flat = (mean: number, days = 28, from = '2025-06-01') => Array.from({ length: days }, (_, k) => ({ date: addDays(from, k), mean }));

describe('replenishment', () => {
  it('computes safety stock, reorder point, order-up-to and the order (hand-computed)', () => {
    // 10 a day, σ_d = 3, L = 4 and a daily review → P = 5: D_P = 50, SS = 1.6449·3·√5 = 11.03,
    // ROP = 61.03, S = ROP + 7·10 = 131.03; IP = 30 + 20 − 10 = 40 ≤ ROP → 91.03, MOQ 24, packs of 12 → 96.
    const plan = replenish({ daily: flat(10), errorSd: 3, leadTimeDays: 4, onHand: 30, onOrder: 20, reserved: 10, moq: 24, packSize: 12 });
    const z = 1.6448536269514722;
    expect(plan.z).toBeCloseTo(z, 8);
    expect(plan.leadTimeDemand).toBe(50);
    expect(plan.safetyStock).toBeCloseTo(plan.z * 3 * Math.sqrt(5), 10);
    expect(plan.reorderPoint).toBeCloseTo(50 + plan.z * 3 * Math.sqrt(5), 10);
    expect(plan.orderUpTo).toBeCloseTo(plan.reorderPoint + 70, 10);
    expect(plan.inventoryPosition).toBe(40);
    expect(plan.orderQuantity).toBe(96);
    expect(plan.eoq).toBeNull();
  });

  it('adds lead-time variability: z·√(P·σ_d² + d̄²·σ_L²)', () => {
    const plan = replenish({ daily: flat(10), errorSd: 3, leadTimeDays: 4, leadTimeSdDays: 1, serviceLevel: 0.9, onHand: 1000 });
    expect(plan.safetyStock).toBeCloseTo(serviceFactor(0.9) * Math.sqrt(5 * 9 + 100 * 1), 10);
    expect(serviceFactor(0.9)).toBeCloseTo(1.2815515655446004, 8);
    expect(plan.orderQuantity).toBe(0); // far above the reorder point
  });

  it('takes z from the normal quantile (reference values: R qnorm) and keeps the level within 0.5 … 0.999', () => {
    // qnorm(0.95) = 1.644853626951472, qnorm(0.99) = 2.326347874040841, qnorm(0.001) = -3.090232306167814.
    expect(normalQuantile(0.95)).toBeCloseTo(1.644853626951472, 8);
    expect(normalQuantile(0.99)).toBeCloseTo(2.326347874040841, 8);
    expect(normalQuantile(0.001)).toBeCloseTo(-3.090232306167814, 7);
    expect(normalQuantile(0.5)).toBe(0);
    expect(serviceFactor(0.2)).toBe(0);
    expect(serviceFactor(1)).toBeCloseTo(3.090232306167814, 7);
    expect(serviceFactor(Number.NaN)).toBeCloseTo(1.644853626951472, 8);
  });

  it('raises an order to the MOQ, rounds it up to whole packs, and gives EOQ as a hint', () => {
    expect(roundToPacks(3, 10, 6)).toBe(12);
    expect(roundToPacks(12, 0, 6)).toBe(12);
    expect(roundToPacks(12.5, 0, 0)).toBe(12.5);
    expect(roundToPacks(0, 10, 6)).toBe(0);
    // EOQ = √(2·3650·20 / 2) = 270.19 (10 a day, 20 per order, 2 per unit-year).
    const plan = replenish({ daily: flat(10), errorSd: 0, leadTimeDays: 2, onHand: 0, orderCost: 20, holdingCostPerUnitYear: 2 });
    expect(plan.eoq).toBeCloseTo(Math.sqrt(73000), 6);
  });

  it('sums a fractional lead time pro rata and repeats the last forecast day past the horizon', () => {
    expect(demandBetween([{ mean: 2 }, { mean: 4 }], 0, 1.5)).toBe(4);
    expect(demandBetween([{ mean: 2 }, { mean: 4 }], 0, 4)).toBe(14);
    expect(demandBetween([], 0, 4)).toBe(0);
  });

  it('projects the stock-out date from stock less reservations plus expected receipts', () => {
    const daily = flat(10, 10);
    expect(stockoutDate({ daily, onHand: 25, reserved: 5 })).toBe('2025-06-03'); // 20 → 10 → 0 → out on day 3
    expect(stockoutDate({ daily, onHand: 25, reserved: 5, incoming: [{ date: '2025-06-03', quantity: 30 }] })).toBe('2025-06-06');
    expect(stockoutDate({ daily, onHand: 0 })).toBe('2025-06-01');
    expect(stockoutDate({ daily, onHand: 1000 })).toBeNull();
    expect(stockoutDate({ daily: [], onHand: 0 })).toBeNull();
  });

  it('for intermittent demand, keeps the reorder point at least at the simulated lead-time quantile', () => {
    // 0.2 a day in sizes of 5 or 15 (mean 10): 2 % chance a day over 5 days; the normal formula with a
    // small error would sit near 1 unit, but one demand alone is 5 or 15.
    const daily = flat(0.2);
    const q = simulatedQuantile(daily, 4, [5, 15], 0.95);
    expect(q).toBeGreaterThanOrEqual(5);
    const plan = replenish({ daily, errorSd: 0.1, leadTimeDays: 4, onHand: 0, demandSizes: [5, 15] });
    expect(plan.reorderPoint).toBe(q);
    expect(simulatedQuantile(daily, 4, [5, 15], 0.95)).toBe(q); // seeded: the same every time
  });

  it('covers the undershoot: the demand that triggers an order can carry the position far below the reorder point', () => {
    // 0.05 a day in demands of 10: over a 4-day lead time and a 1-day review a demand comes with 2.5 % chance,
    // so as one more day of ordinary demand the review left the 95 % quantile at 0. But an order goes out after
    // a demand of 10 has crossed the reorder point, at a point uniform along it: up to 9 units below it, and
    // 9 or more with 10 % chance, so the 95 % quantile is 9 (and the backtest's lumpy items fell short).
    const daily = flat(0.05);
    expect(simulatedQuantile(daily, 4, [10], 0.95)).toBe(9);
    expect(replenish({ daily, errorSd: 0.3, leadTimeDays: 4, onHand: 0, demandSizes: [10] }).reorderPoint).toBe(9);
    // Sizes that are not whole units: the crossing point is anywhere along the demand.
    const q = simulatedQuantile(flat(0.01), 4, [2.5], 0.95);
    expect(q).toBeGreaterThan(2.2);
    expect(q).toBeLessThan(2.5);
    // A longer review period can hold more demand besides the one that crossed.
    expect(simulatedQuantile(flat(2), 4, [10], 0.95, { reviewDays: 7 })).toBeGreaterThan(simulatedQuantile(flat(2), 4, [10], 0.95));
  });

  it('widens the simulated quantile by the forecast error beyond the process and by the lead time spread', () => {
    const daily = flat(2);
    const sizes = [1, 2, 3, 4, 5];
    const known = simulatedQuantile(daily, 10, sizes, 0.95);
    // The process alone: 10 days × P(demand) 2/3 × E[size²] 11 less (2 a day)² ≈ 33 units², an error of about
    // 1.8 a day. A forecast error no larger adds nothing; a larger one (its level unsure) adds to the quantile.
    expect(simulatedQuantile(daily, 10, sizes, 0.95, { errorSd: 1.5 })).toBe(known);
    expect(simulatedQuantile(daily, 10, sizes, 0.95, { errorSd: 4 })).toBeGreaterThan(known);
    expect(simulatedQuantile(daily, 10, sizes, 0.95, { leadTimeSdDays: 4 })).toBeGreaterThan(known);
  });

  it('bounds every simulated draw: the largest size on each day of the review period and of the longest lead time', () => {
    // A 5-day lead time and a 1-day review, sizes up to 15: 90 at most; a draw that takes a demand every day is
    // possible, so no lower bound holds.
    expect(simulationCeiling(5, [5, 15])).toBe(90);
    expect(simulationCeiling(4.5, [5, 15, Number.NaN, -3], { reviewDays: 2 })).toBe(105);
    expect(simulationCeiling(5, [])).toBe(0);
    const daily = flat(12);
    for (const leadTimeSdDays of [0, 2, 10]) {
      for (const reviewDays of [1, 3]) {
        const options = { reviewDays, leadTimeSdDays };
        expect(simulatedQuantile(daily, 5, [5, 15], 0.999, { ...options, errorSd: 30 })).toBeLessThanOrEqual(simulationCeiling(5, [5, 15], options));
      }
    }
    // A spread lead time may run longer than the days asked: every draw is still within the ceiling.
    expect(simulationCeiling(5, [5, 15], { leadTimeSdDays: 2 })).toBeGreaterThan(simulationCeiling(5, [5, 15]));
  });

  it('says an input may order whenever replenish orders for it, and not for a position above every reorder point', () => {
    const cases: ReplenishmentInput[] = [];
    for (const mean of [0.05, 0.4, 3, 12]) {
      for (const demandSizes of [undefined, [1, 1, 2], [5, 15], [1, 40, 2, 3], [0.5, 2.25]]) {
        for (const leadTimeSdDays of [0, 1.5, 6]) {
          for (const leadTimeDays of [1, 3.4, 14]) {
            for (const reviewDays of [1, 3]) cases.push({ daily: flat(mean), errorSd: mean, leadTimeDays, leadTimeSdDays, reviewDays, serviceLevel: 0.99, onHand: 0, demandSizes });
          }
        }
      }
    }
    for (const input of cases) {
      const { reorderPoint } = replenish(input);
      // At the reorder point replenish orders (the simulated one included, which is often above the normal one).
      for (const onHand of [0, reorderPoint / 2, reorderPoint]) {
        const order = replenish({ ...input, onHand }).orderQuantity;
        if (order > 0) expect(mayOrder({ ...input, onHand })).toBe(true);
      }
      const ceiling = simulationCeiling(input.leadTimeDays, input.demandSizes ?? [], input);
      const above = Math.max(reorderPoint, ceiling) + 1;
      expect(mayOrder({ ...input, onHand: above })).toBe(false);
      expect(replenish({ ...input, onHand: above }).orderQuantity).toBe(0);
    }
  });

  it('never gives NaN, Infinity or a negative figure for bad input', () => {
    const plan = replenish({
      daily: [{ date: '2025-06-01', mean: Number.NaN }],
      errorSd: Number.POSITIVE_INFINITY,
      leadTimeDays: -3,
      leadTimeSdDays: Number.NaN,
      serviceLevel: 2,
      onHand: Number.NaN,
      moq: -1,
      packSize: Number.NaN,
      orderCost: Number.NaN,
    });
    for (const v of [plan.z, plan.leadTimeDemand, plan.safetyStock, plan.reorderPoint, plan.orderUpTo, plan.inventoryPosition, plan.orderQuantity]) {
      expect(Number.isFinite(v)).toBe(true);
      expect(v).toBeGreaterThanOrEqual(0);
    }
  });
});
