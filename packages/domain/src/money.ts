import { moneyText } from './units.ts';

/*
 * The money rules of a sale or a purchase, in cents (bigint), free of any storage.
 *
 * A bill with a counterparty charges it: a sale to a customer raises what the customer owes (应收), a
 * purchase from a supplier what the shop owes the supplier (应付). What was paid at once moves an account
 * and leaves the rest owed on the bill (its due). Receipts (收款单) and payments (付款单) settle dues of
 * one party, fully or partly. Overpayment is refused, so balances never go below zero and a party's
 * balance always equals what its open dues still owe. Every posting is undone by its negation.
 */

export type PartyKind = 'customer' | 'supplier';
export type SettlementKind = 'receipt' | 'payment';
export interface PartyRef {
  kind: PartyKind;
  id: string;
}

/** A bill's money facts, as its author entered them. Amounts in cents. */
export interface BillMoneyFacts {
  billId: string;
  direction: 'in' | 'out';
  /** The customer of an outbound bill or the supplier of an inbound one. */
  partyId: string | null;
  total: bigint;
  paid: bigint;
  accountId: string | null;
}

/** What a bill still owes, as the books hold it. */
export interface DueState {
  billId: string;
  party: PartyRef;
  billDate: string;
  amount: bigint;
  settled: bigint;
  reversed: boolean;
}

export type DueChange =
  | { kind: 'open'; billId: string; party: PartyRef; amount: bigint }
  /** Negative when a receipt or payment is reversed. */
  | { kind: 'settle'; billId: string; amount: bigint }
  | { kind: 'reverse'; billId: string };

/**
 * One posting of money: the party's balance moves by billed − settled, the account by accountAmount,
 * and the dues change as listed.
 */
export interface MoneyPosting {
  party: PartyRef | null;
  accountId: string | null;
  /** What the party was charged (a bill's total). */
  billed: bigint;
  /** Money that changed hands with the party. */
  settled: bigint;
  accountAmount: bigint;
  dues: DueChange[];
}

/** A money rule refused the request: bad input (`invalid`, naming the field) or a state that does not allow it. */
export class MoneyRuleError extends Error {
  constructor(
    readonly kind: 'invalid' | 'state',
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

export const partyKindOf = (direction: 'in' | 'out'): PartyKind => (direction === 'out' ? 'customer' : 'supplier');
export const settlementKindOf = (party: PartyKind): SettlementKind => (party === 'customer' ? 'receipt' : 'payment');
const partyOfSettlement = (kind: SettlementKind): PartyKind => (kind === 'receipt' ? 'customer' : 'supplier');
/** Money comes in from customers and goes out to suppliers. */
const inflowSign = (party: PartyKind): bigint => (party === 'customer' ? 1n : -1n);

export const partyDelta = (posting: Pick<MoneyPosting, 'billed' | 'settled'>): bigint => posting.billed - posting.settled;
export const outstanding = (due: Pick<DueState, 'amount' | 'settled' | 'reversed'>): bigint => (due.reversed ? 0n : due.amount - due.settled);

/** Checks what a bill's author says was paid at once; a bill that moves no money passes. */
export function checkBillPayment(facts: BillMoneyFacts): void {
  if (facts.paid < 0n) throw new MoneyRuleError('invalid', 'paidAmount', 'must not be negative');
  if (facts.paid > facts.total) throw new MoneyRuleError('invalid', 'paidAmount', `must not exceed the bill's total of ${moneyText(facts.total)}`);
  if (facts.paid > 0n && facts.accountId === null) throw new MoneyRuleError('invalid', 'paymentAccountId', 'is required when something is paid');
  if (facts.partyId === null && facts.paid > 0n && facts.paid !== facts.total) {
    const who = facts.direction === 'out' ? 'a customer' : 'a supplier';
    throw new MoneyRuleError('invalid', 'paidAmount', `must be the whole total of ${moneyText(facts.total)} or nothing: without ${who} nobody can owe the rest`);
  }
}

/** The money a bill posts, or null when it moves none (no counterparty and nothing paid, or nothing at all). */
export function planBillPosting(facts: BillMoneyFacts): MoneyPosting | null {
  checkBillPayment(facts);
  // Nothing is paid of a bill of nothing: 0 ≤ paid ≤ total holds here.
  if (facts.total === 0n || (facts.partyId === null && facts.paid === 0n)) return null;
  const kind = partyKindOf(facts.direction);
  const party = facts.partyId === null ? null : { kind, id: facts.partyId };
  const due = facts.total - facts.paid;
  return {
    party,
    accountId: facts.paid === 0n ? null : facts.accountId,
    billed: facts.total,
    settled: facts.paid,
    // An outbound bill brings money in (a sale, a return to a supplier), an inbound one sends it out.
    accountAmount: facts.direction === 'out' ? facts.paid : -facts.paid,
    dues: party && due > 0n ? [{ kind: 'open', billId: facts.billId, party, amount: due }] : [],
  };
}

/**
 * The reversal of a bill's money: the negation of what it posted. A bill whose due receipts or payments
 * have settled (part of) cannot be reversed until they are: the money they moved would be left pointing
 * at a bill that no longer exists.
 */
export function planBillReversal(original: BillMoneyFacts, due: DueState | null): MoneyPosting | null {
  const posted = planBillPosting(original);
  if (!posted) return null;
  if (due && due.settled > 0n) {
    const documents = settlementKindOf(due.party.kind) === 'receipt' ? 'receipts' : 'payments';
    throw new MoneyRuleError('state', 'id', `${moneyText(due.settled)} of this bill is settled by ${documents}: reverse them first`);
  }
  return {
    party: posted.party,
    accountId: posted.accountId,
    billed: -posted.billed,
    settled: -posted.settled,
    accountAmount: -posted.accountAmount,
    dues: due ? [{ kind: 'reverse', billId: due.billId }] : [],
  };
}

export interface SettlementRequest {
  kind: SettlementKind;
  partyId: string;
  accountId: string;
  amount: bigint;
  /** Which bills it settles and how much of each; without them, the party's oldest dues first. */
  allocations: Array<{ billId: string; amount: bigint }> | null;
}

/**
 * A receipt or payment: checked against the dues it settles (`dues`: the bills named, or without
 * allocations all the party's open dues, oldest first). Paying more than is owed is refused.
 */
export function planSettlement(request: SettlementRequest, dues: readonly DueState[]): MoneyPosting {
  const partyKind = partyOfSettlement(request.kind);
  const who = partyKind === 'customer' ? 'customer' : 'supplier';
  if (request.amount <= 0n) throw new MoneyRuleError('invalid', 'amount', 'must be more than zero');
  const byBill = new Map(dues.map((due) => [due.billId, due]));
  let allocations = request.allocations;
  if (allocations === null) {
    allocations = [];
    let left = request.amount;
    for (const due of dues) {
      if (due.party.kind !== partyKind || due.party.id !== request.partyId) continue;
      const take = outstanding(due) < left ? outstanding(due) : left;
      if (take > 0n) allocations.push({ billId: due.billId, amount: take });
      left -= take;
    }
    if (left > 0n) {
      const owed = request.amount - left;
      throw new MoneyRuleError('invalid', 'amount', `exceeds the ${moneyText(owed)} this ${who} is owed in all: overpayment is not accepted`);
    }
  } else {
    if (allocations.length === 0) throw new MoneyRuleError('invalid', 'allocations', 'must name at least one bill');
    const seen = new Set<string>();
    let sum = 0n;
    allocations.forEach((allocation, i) => {
      const due = byBill.get(allocation.billId);
      if (seen.has(allocation.billId)) throw new MoneyRuleError('invalid', `allocations.${i}.billId`, 'names a bill twice');
      seen.add(allocation.billId);
      if (allocation.amount <= 0n) throw new MoneyRuleError('invalid', `allocations.${i}.amount`, 'must be more than zero');
      if (!due || due.party.kind !== partyKind) throw new MoneyRuleError('invalid', `allocations.${i}.billId`, `is not a bill that leaves a ${who} owed money`);
      if (due.party.id !== request.partyId) throw new MoneyRuleError('invalid', `allocations.${i}.billId`, `belongs to another ${who}`);
      if (allocation.amount > outstanding(due)) {
        throw new MoneyRuleError('invalid', `allocations.${i}.amount`, `exceeds the ${moneyText(outstanding(due))} still owed on this bill: overpayment is not accepted`);
      }
      sum += allocation.amount;
    });
    if (sum !== request.amount) throw new MoneyRuleError('invalid', 'amount', `must equal the sum of the allocations (${moneyText(sum)})`);
  }
  return {
    party: { kind: partyKind, id: request.partyId },
    accountId: request.accountId,
    billed: 0n,
    settled: request.amount,
    accountAmount: inflowSign(partyKind) * request.amount,
    dues: allocations.map((allocation) => ({ kind: 'settle', billId: allocation.billId, amount: allocation.amount })),
  };
}

/** The reversal of a receipt or payment: its money goes back and the bills it settled owe it again. */
export function planSettlementReversal(document: {
  kind: SettlementKind;
  partyId: string;
  accountId: string;
  amount: bigint;
  allocations: Array<{ billId: string; amount: bigint }>;
}): MoneyPosting {
  const partyKind = partyOfSettlement(document.kind);
  return {
    party: { kind: partyKind, id: document.partyId },
    accountId: document.accountId,
    billed: 0n,
    settled: -document.amount,
    accountAmount: -inflowSign(partyKind) * document.amount,
    dues: document.allocations.map((allocation) => ({ kind: 'settle', billId: allocation.billId, amount: -allocation.amount })),
  };
}

export const AGEING_BUCKETS = ['0-30', '31-60', '61-90', 'over90'] as const;
export type AgeingBucket = (typeof AGEING_BUCKETS)[number];

/** Days from a bill's date to `asOf` (both YYYY-MM-DD), in the buckets of an ageing report; a later bill counts as new. */
export function ageingBucket(billDate: string, asOf: string): AgeingBucket {
  const days = (Date.parse(`${asOf}T00:00:00Z`) - Date.parse(`${billDate}T00:00:00Z`)) / 86_400_000;
  if (days <= 30) return '0-30';
  if (days <= 60) return '31-60';
  if (days <= 90) return '61-90';
  return 'over90';
}
