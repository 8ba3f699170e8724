import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyMovement, replay, type CostState, type Movement, type MovementResult } from './costing.ts';
import { dec, roundUnitCost, type Dec } from './decimal.ts';

/*
 * An independent reference for the costing rule in exact integer arithmetic: quantities in thousandths,
 * unit prices and costs in ten-thousandths, money in cents, rounded half away from zero only where the rule
 * stores a number. The domain (decimal.js) must agree with it to the last place.
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
function divRound(n: bigint, d: bigint): bigint {
  const magnitude = (2n * abs(n) + abs(d)) / (2n * abs(d));
  return n < 0n !== d < 0n ? -magnitude : magnitude;
}
/** thousandths × ten-thousandths = 1e-7 → cents */
const amountOf = (q: bigint, price: bigint): bigint => divRound(q * price, 100_000n);
/** cents / thousandths → ten-thousandths */
const unitOf = (total: bigint, q: bigint): bigint => divRound(total * 100_000n, q);

function refApply(s: RefState, m: RefMove): RefResult {
  const after = m.kind === 'receive' ? s.q + m.q : s.q - m.q;
  switch (m.kind) {
    case 'receive': {
      const costAmount = m.amount ?? amountOf(m.q, m.price);
      if (s.q < 0n || after <= 0n) return { after: { q: after, avg: m.price, total: amountOf(after, m.price) }, unitCost: m.price, costAmount };
      const total = s.total + costAmount;
      return { after: { q: after, avg: unitOf(total, after), total }, unitCost: m.price, costAmount };
    }
    case 'issue': {
      const costAmount = s.q > 0n && after === 0n ? s.total : amountOf(m.q, s.avg);
      const total = s.total - costAmount;
      return { after: { q: after, avg: after > 0n ? unitOf(total, after) : s.avg, total }, unitCost: s.avg, costAmount };
    }
    case 'unreceive': {
      const total = s.total - m.amount;
      return {
        after: { q: after, avg: after > 0n ? unitOf(total, after) : s.avg, total },
        unitCost: m.q === 0n ? s.avg : unitOf(m.amount, m.q),
        costAmount: m.amount,
      };
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

const fixed = (n: bigint, places: number): string => {
  const digits = abs(n).toString().padStart(places + 1, '0');
  return `${n < 0n ? '-' : ''}${digits.slice(0, -places)}.${digits.slice(-places)}`;
};
/** A stored domain number as text, or a complaint when it carries more places than the rule allows. */
const stored = (d: Dec, places: number): string => (d.decimalPlaces() <= places ? d.toFixed(places) : `${d.toString()} (over ${places} places)`);
const scaled = (d: Dec, places: number): bigint => {
  expect(d.decimalPlaces()).toBeLessThanOrEqual(places);
  return BigInt(d.times(10 ** places).toFixed(0));
};

const toMovement = (m: RefMove): Movement => {
  switch (m.kind) {
    case 'receive': {
      const base = { kind: 'receive', quantity: dec(fixed(m.q, 3)), unitPrice: dec(fixed(m.price, 4)) } as const;
      return m.amount === undefined ? base : { ...base, amount: dec(fixed(m.amount, 2)) };
    }
    case 'issue':
      return { kind: 'issue', quantity: dec(fixed(m.q, 3)) };
    case 'unreceive':
      return { kind: 'unreceive', quantity: dec(fixed(m.q, 3)), amount: dec(fixed(m.amount, 2)) };
  }
};
const toCostState = (s: RefState): CostState => ({ quantity: dec(fixed(s.q, 3)), avgCost: dec(fixed(s.avg, 4)), totalCost: dec(fixed(s.total, 2)) });

const viewState = (s: CostState): string[] => [stored(s.quantity, 3), stored(s.avgCost, 4), stored(s.totalCost, 2)];
const viewResult = (r: MovementResult): string[] => [...viewState(r.after), stored(r.unitCost, 4), stored(r.costAmount, 2)];
const viewRef = (r: RefResult): string[] => [fixed(r.after.q, 3), fixed(r.after.avg, 4), fixed(r.after.total, 2), fixed(r.unitCost, 4), fixed(r.costAmount, 2)];

/** A receipt that throws the old average away (the rule's revaluation), so cost is not conserved across it. */
const revalues = (r: MovementResult, m: Movement): boolean => m.kind === 'receive' && (r.before.quantity.isNegative() || r.after.quantity.lte(0));
/** Average equal to total / quantity, as every movement but a revaluing receipt leaves positive stock. */
const settled = (s: CostState): boolean => s.quantity.gt(0) && s.avgCost.eq(roundUnitCost(s.totalCost.div(s.quantity)));

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
          ? { kind: 'unreceive', q: original.q, amount: scaled(result.costAmount, 2) }
          : { kind: 'receive', q: original.q, price: scaled(result.unitCost, 4), amount: scaled(result.costAmount, 2) };
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
        expect(stored(closing.quantity, 3)).toBe(fixed(signed, 3));

        results.forEach((r, i) => {
          if (movements[i]!.kind === 'issue' && r.before.quantity.gt(0) && r.after.quantity.isZero()) {
            seen.emptied += 1;
            expect(r.after.totalCost.isZero()).toBe(true);
            expect(r.costAmount.eq(r.before.totalCost)).toBe(true);
          }
          if (!allowNegative) {
            expect(r.after.quantity.isNegative()).toBe(false);
            if (r.after.quantity.gt(0)) expect(settled(r.after)).toBe(true);
          }
        });

        if (!results.some((r, i) => revalues(r, movements[i]!))) {
          seen.conserved += 1;
          let issued = dec(0);
          let received = dec(0);
          results.forEach((r, i) => {
            const kind = movements[i]!.kind;
            if (kind === 'issue') issued = issued.plus(r.costAmount);
            else if (kind === 'receive') received = received.plus(r.costAmount);
            else received = received.minus(r.costAmount);
          });
          expect(issued.plus(closing.totalCost).toFixed(2)).toBe(opening.totalCost.plus(received).toFixed(2));
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
          const available = scaled(before.quantity, 3);
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

          expect(stored(undone.after.quantity, 3)).toBe(stored(before.quantity, 3));
          // A revaluing receipt forgets the old value on purpose; otherwise the total comes back to the cent.
          if (revalues(done, bill) || revalues(undone, reversal)) return;
          expect(stored(undone.after.totalCost, 2)).toBe(stored(before.totalCost, 2));
          // The average too, whenever there was stock whose average the balance determines: always, when stock
          // never goes negative; with negative stock, not after a revaluing receipt.
          if (before.quantity.gt(0) && done.after.quantity.gte(0) && (!allowNegative || settled(before))) {
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
