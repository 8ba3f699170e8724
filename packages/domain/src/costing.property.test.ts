import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyMovement, replay, type CostState, type Movement, type MovementResult } from './costing.ts';
import { dec, roundMoney, roundUnitCost, type Dec } from './decimal.ts';
import { moneyText, quantityText, unitCostText } from './units.ts';

/*
 * An independent reference for the costing rule in decimal.js (34 significant digits, rounded half up only
 * where the rule stores a number), with the scenario in integer units at its edges: quantities in thousandths,
 * unit prices and costs in ten-thousandths, money in cents. The domain (integer arithmetic) must agree with it
 * to the last place.
 */
interface RefState {
  q: bigint;
  avg: bigint;
  total: bigint;
}
type RefMove =
  | { kind: 'receive'; q: bigint; price: bigint; amount?: bigint }
  | { kind: 'issue'; q: bigint }
  | { kind: 'unreceive'; q: bigint; amount: bigint };
interface RefResult {
  after: RefState;
  unitCost: bigint;
  costAmount: bigint;
}

const abs = (n: bigint): bigint => (n < 0n ? -n : n);
const fixed = (n: bigint, places: number): string => {
  const digits = abs(n).toString().padStart(places + 1, '0');
  return `${n < 0n ? '-' : ''}${digits.slice(0, -places)}.${digits.slice(-places)}`;
};
const toDec = (units: bigint, places: number): Dec => dec(fixed(units, places));
/** A reference result back in units; it must not carry more places than the rule stores. */
const toUnits = (d: Dec, places: number): bigint => {
  expect(d.decimalPlaces()).toBeLessThanOrEqual(places);
  return BigInt(d.times(10 ** places).toFixed(0));
};
const amountOf = (q: bigint, price: bigint): bigint => toUnits(roundMoney(toDec(q, 3).times(toDec(price, 4))), 2);
const unitOf = (total: bigint, q: bigint): bigint => toUnits(roundUnitCost(toDec(total, 2).div(toDec(q, 3))), 4);

function refApply(s: RefState, m: RefMove): RefResult {
  const q = toDec(m.q, 3);
  const quantity = toDec(s.q, 3);
  const avg = toDec(s.avg, 4);
  const total = toDec(s.total, 2);
  const after = m.kind === 'receive' ? quantity.plus(q) : quantity.minus(q);
  const result = (afterAvg: Dec, afterTotal: Dec, unitCost: Dec, costAmount: Dec): RefResult => ({
    after: { q: toUnits(after, 3), avg: toUnits(afterAvg, 4), total: toUnits(afterTotal, 2) },
    unitCost: toUnits(unitCost, 4),
    costAmount: toUnits(costAmount, 2),
  });
  switch (m.kind) {
    case 'receive': {
      const price = toDec(m.price, 4);
      const costAmount = m.amount === undefined ? roundMoney(q.times(price)) : toDec(m.amount, 2);
      if (quantity.isNegative() || after.lte(0)) return result(price, roundMoney(after.times(price)), price, costAmount);
      const afterTotal = total.plus(costAmount);
      return result(roundUnitCost(afterTotal.div(after)), afterTotal, price, costAmount);
    }
    case 'issue': {
      const costAmount = quantity.gt(0) && after.isZero() ? total : roundMoney(q.times(avg));
      const afterTotal = total.minus(costAmount);
      return result(after.gt(0) ? roundUnitCost(afterTotal.div(after)) : avg, afterTotal, avg, costAmount);
    }
    case 'unreceive': {
      const costAmount = toDec(m.amount, 2);
      const afterTotal = total.minus(costAmount);
      const unitCost = q.isZero() ? avg : roundUnitCost(costAmount.div(q));
      return result(after.gt(0) ? roundUnitCost(afterTotal.div(after)) : avg, afterTotal, unitCost, costAmount);
    }
  }
}

function refReplay(opening: RefState, moves: readonly RefMove[]): RefResult[] {
  let state = opening;
  return moves.map((m) => {
    const result = refApply(state, m);
    state = result.after;
    return result;
  });
}

const toMovement = (m: RefMove): Movement => {
  switch (m.kind) {
    case 'receive':
      return m.amount === undefined
        ? { kind: 'receive', quantity: m.q, unitPrice: m.price }
        : { kind: 'receive', quantity: m.q, unitPrice: m.price, amount: m.amount };
    case 'issue':
      return { kind: 'issue', quantity: m.q };
    case 'unreceive':
      return { kind: 'unreceive', quantity: m.q, amount: m.amount };
  }
};
const toCostState = (s: RefState): CostState => ({ quantity: s.q, avgCost: s.avg, totalCost: s.total });

const viewState = (s: CostState): string[] => [quantityText(s.quantity), unitCostText(s.avgCost), moneyText(s.totalCost)];
const viewResult = (r: MovementResult): string[] => [...viewState(r.after), unitCostText(r.unitCost), moneyText(r.costAmount)];
const viewRef = (r: RefResult): string[] => [fixed(r.after.q, 3), fixed(r.after.avg, 4), fixed(r.after.total, 2), fixed(r.unitCost, 4), fixed(r.costAmount, 2)];

/** A receipt that throws the old average away (the rule's revaluation), so cost is not conserved across it. */
const revalues = (r: MovementResult, m: Movement): boolean => m.kind === 'receive' && (r.before.quantity < 0n || r.after.quantity <= 0n);
/** Average equal to total / quantity, as every movement but a revaluing receipt leaves positive stock. */
const settled = (s: CostState): boolean => s.quantity > 0n && s.avgCost === unitOf(s.totalCost, s.quantity);

// ---- Generators -------------------------------------------------------------------------------------------

const quantityArb = fc.oneof(
  fc.bigInt({ min: 1n, max: 20n }).map((units) => units * 1000n),
  fc.bigInt({ min: 1n, max: 5_000_000n }),
);
const priceArb = fc.oneof(fc.bigInt({ min: 0n, max: 100n }).map((yuan) => yuan * 10_000n), fc.bigInt({ min: 0n, max: 99_999_999n }));
/** Per-mille position among the bills so far; absent means posted today, after every other bill. */
const atArb = fc.option(fc.integer({ min: 0, max: 999 }), { nil: undefined, freq: 3 });

type InOp = { t: 'in'; q: bigint; price: bigint; at: number | undefined };
/** `part` per mille of what can go out without taking any balance negative (1000 = all); `q` when negative stock is allowed. */
type OutOp = { t: 'out'; q: bigint; part: number; at: number | undefined };
type Op = InOp | OutOp | { t: 'reverse'; pick: number };

const inArb = (at: fc.Arbitrary<number | undefined>): fc.Arbitrary<InOp> =>
  fc.record({ t: fc.constant('in' as const), q: quantityArb, price: priceArb, at });
const outArb = (at: fc.Arbitrary<number | undefined>): fc.Arbitrary<OutOp> =>
  fc.record({ t: fc.constant('out' as const), q: quantityArb, part: fc.oneof(fc.constant(1000), fc.integer({ min: 1, max: 1000 })), at });
const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 4, arbitrary: inArb(atArb) },
  { weight: 4, arbitrary: outArb(atArb) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('reverse' as const), pick: fc.nat() }) },
);

const openingArb = (allowNegative: boolean): fc.Arbitrary<RefState> =>
  fc.oneof(
    fc.constant({ q: 0n, avg: 0n, total: 0n }),
    fc
      .tuple(fc.bigInt({ min: allowNegative ? -1_000_000n : 1n, max: 1_000_000n }), priceArb)
      // Positive stock opens with its average determined by its total, as the rule leaves every balance.
      .map(([q, price]) => ({ q, avg: q > 0n ? unitOf(amountOf(q, price), q) : price, total: amountOf(q, price) })),
  );

// ---- A ledger posted bill by bill, the way the server posts and backdates ----------------------------------

interface Ledger {
  moves: RefMove[];
  /** Results as posted: appended one by one, or re-run from the insertion point when a bill is backdated. */
  posted: MovementResult[];
  backdated: number;
  reversals: number;
}

function buildLedger(opening: RefState, ops: readonly Op[], allowNegative: boolean): Ledger {
  const moves: RefMove[] = [];
  const isReversal: boolean[] = [];
  const reversed = new Set<RefMove>();
  let posted: MovementResult[] = [];
  let backdated = 0;
  let reversals = 0;
  const stateBefore = (index: number): CostState => (index === 0 ? toCostState(opening) : posted[index - 1]!.after);

  const positionOf = (at: number | undefined): number => (at === undefined ? moves.length : Math.floor((at * moves.length) / 1000));
  const post = (m: RefMove, at: number | undefined, reversal: boolean): void => {
    const index = positionOf(at);
    if (index === moves.length) {
      posted.push(applyMovement(stateBefore(index), toMovement(m)));
    } else {
      backdated += 1;
      const tail = replay(stateBefore(index), [m, ...moves.slice(index)].map(toMovement));
      posted = [...posted.slice(0, index), ...tail];
    }
    moves.splice(index, 0, m);
    isReversal.splice(index, 0, reversal);
  };
  /** Quantity before each bill, and at the end. */
  const balances = (): bigint[] => {
    const result = [opening.q];
    for (const m of moves) result.push(result.at(-1)! + (m.kind === 'receive' ? m.q : -m.q));
    return result;
  };
  /** The least the stock will be from `index` on, so a bill posted there takes no balance negative. */
  const lowestFrom = (index: number): bigint => balances().slice(index).reduce((a, b) => (b < a ? b : a));

  for (const op of ops) {
    if (op.t === 'in') {
      post({ kind: 'receive', q: op.q, price: op.price }, op.at, false);
    } else if (op.t === 'out') {
      const at = positionOf(op.at);
      const onHand = balances()[at]!;
      const available = lowestFrom(at);
      // With negative stock allowed, "all" still empties the stock exactly, a case worth reaching often.
      if (allowNegative) post({ kind: 'issue', q: op.part === 1000 && onHand > 0n ? onHand : op.q }, op.at, false);
      else if (available > 0n) post({ kind: 'issue', q: (available * BigInt(op.part)) / 1000n || 1n }, op.at, false);
    } else {
      const candidates = [...moves.keys()].filter((i) => !isReversal[i] && !reversed.has(moves[i]!));
      if (candidates.length === 0) continue;
      const index = candidates[op.pick % candidates.length]!;
      const original = moves[index]!;
      const result = posted[index]!;
      const reversal: RefMove =
        original.kind === 'receive'
          ? { kind: 'unreceive', q: original.q, amount: result.costAmount }
          : { kind: 'receive', q: original.q, price: result.unitCost, amount: result.costAmount };
      if (!allowNegative && reversal.kind === 'unreceive' && lowestFrom(moves.length) < reversal.q) continue;
      reversed.add(original);
      reversals += 1;
      post(reversal, undefined, true);
    }
  }
  return { moves, posted, backdated, reversals };
}

// ---- Properties ---------------------------------------------------------------------------------------------

const RUNS = 300;

describe.each([
  { allowNegative: false, label: 'stock never negative' },
  { allowNegative: true, label: 'negative stock allowed' },
])('costing against the exact reference ($label)', ({ allowNegative }) => {
  it('posting with backdating and reversals equals a replay in date order and the reference, with its invariants', () => {
    const seen = { backdated: 0, reversals: 0, emptied: 0, conserved: 0 };
    fc.assert(
      fc.property(openingArb(allowNegative), fc.array(opArb, { minLength: 1, maxLength: 60, size: 'max' }), (openingRef, ops) => {
        const ledger = buildLedger(openingRef, ops, allowNegative);
        const opening = toCostState(openingRef);
        const movements = ledger.moves.map(toMovement);
        const results = replay(opening, movements);
        seen.backdated += ledger.backdated;
        seen.reversals += ledger.reversals;

        // Backdating then replaying from the insertion point = building the sequence in date order from the start.
        expect(ledger.posted.map(viewResult)).toEqual(results.map(viewResult));
        // Every quantity, average, line cost and total as the exact reference computes them.
        expect(results.map(viewResult)).toEqual(refReplay(openingRef, ledger.moves).map(viewRef));

        const closing = results.at(-1)?.after ?? opening;
        const signed = ledger.moves.reduce((q, m) => q + (m.kind === 'receive' ? m.q : -m.q), openingRef.q);
        expect(closing.quantity).toBe(signed);

        results.forEach((r, i) => {
          if (movements[i]!.kind === 'issue' && r.before.quantity > 0n && r.after.quantity === 0n) {
            seen.emptied += 1;
            expect(r.after.totalCost).toBe(0n);
            expect(r.costAmount).toBe(r.before.totalCost);
          }
          if (!allowNegative) {
            expect(r.after.quantity).toBeGreaterThanOrEqual(0n);
            if (r.after.quantity > 0n) expect(settled(r.after)).toBe(true);
          }
        });

        if (!results.some((r, i) => revalues(r, movements[i]!))) {
          seen.conserved += 1;
          let issued = 0n;
          let received = 0n;
          results.forEach((r, i) => {
            const kind = movements[i]!.kind;
            if (kind === 'issue') issued += r.costAmount;
            else if (kind === 'receive') received += r.costAmount;
            else received -= r.costAmount;
          });
          expect(issued + closing.totalCost).toBe(opening.totalCost + received);
        }
      }),
      { numRuns: RUNS },
    );
    // The generators must actually reach the cases the invariants are about.
    expect(seen.backdated).toBeGreaterThan(RUNS);
    expect(seen.reversals).toBeGreaterThan(RUNS);
    expect(seen.emptied).toBeGreaterThan(RUNS / 10);
    expect(seen.conserved).toBeGreaterThan(allowNegative ? RUNS / 20 : RUNS - 1);
  });

  it('reversing the last bill restores the previous balance exactly', () => {
    let restoredInFull = 0;
    fc.assert(
      fc.property(
        openingArb(allowNegative),
        fc.array(opArb, { maxLength: 30 }),
        fc.oneof(inArb(fc.constant(undefined)), outArb(fc.constant(undefined))),
        (openingRef, ops, last) => {
          const { posted } = buildLedger(openingRef, ops, allowNegative);
          const before = posted.at(-1)?.after ?? toCostState(openingRef);
          const available = before.quantity;
          const bill: Movement =
            last.t === 'in'
              ? toMovement({ kind: 'receive', q: last.q, price: last.price })
              : toMovement({ kind: 'issue', q: allowNegative ? last.q : (available * BigInt(last.part)) / 1000n });
          const done = applyMovement(before, bill);
          const reversal: Movement =
            bill.kind === 'receive'
              ? { kind: 'unreceive', quantity: bill.quantity, amount: done.costAmount }
              : { kind: 'receive', quantity: bill.quantity, unitPrice: done.unitCost, amount: done.costAmount };
          const undone = applyMovement(done.after, reversal);

          expect(undone.after.quantity).toBe(before.quantity);
          // A revaluing receipt forgets the old value on purpose; otherwise the total comes back to the cent.
          if (revalues(done, bill) || revalues(undone, reversal)) return;
          expect(undone.after.totalCost).toBe(before.totalCost);
          // The average too, whenever there was stock whose average the balance determines: always, when stock
          // never goes negative; with negative stock, not after a revaluing receipt.
          if (before.quantity > 0n && done.after.quantity >= 0n && (!allowNegative || settled(before))) {
            restoredInFull += 1;
            expect(viewState(undone.after)).toEqual(viewState(before));
          }
        },
      ),
      { numRuns: RUNS },
    );
    expect(restoredInFull).toBeGreaterThan(RUNS / 5);
  });
});
