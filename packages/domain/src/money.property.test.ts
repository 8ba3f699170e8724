import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  MoneyRuleError,
  outstanding,
  partyDelta,
  planBillPosting,
  planBillReversal,
  planSettlement,
  planSettlementReversal,
  type BillMoneyFacts,
  type DueState,
  type MoneyPosting,
  type SettlementKind,
} from './money.ts';

/*
 * Random sequences of sales, purchases, receipts, payments and reversals go through the money rules and
 * are applied the way the posting function writes them (balances += deltas, dues changed as planned).
 * Afterwards every balance is compared with a reference computed from the accepted operations alone:
 * a party owes the totals of its bills still standing, less what was paid at once, less its receipts
 * or payments still standing; an account holds the money those moved. Refusals are predicted
 * independently too.
 */

const PARTIES = ['1', '2', '3'];
const ACCOUNTS = ['1', '2'];

type Op =
  | { t: 'bill'; direction: 'in' | 'out'; party: string | null; total: bigint; paid: bigint; account: string }
  | { t: 'settle'; kind: SettlementKind; party: string; account: string; amount: bigint; picks: Array<{ index: number; share: number }> | null }
  | { t: 'reverseBill'; index: number }
  | { t: 'reverseDocument'; index: number };

/** A share of a bill's outstanding amount in thousandths, or one cent more than all of it. */
const OVER_BY_A_CENT = 1001;
const money = fc.bigInt({ min: 0n, max: 50_000n });
const billOp = fc
  .record({
    direction: fc.constantFrom<'in' | 'out'>('in', 'out'),
    party: fc.option(fc.constantFrom(...PARTIES), { freq: 4 }),
    total: money,
    paidChoice: fc.constantFrom('none', 'all', 'part', 'over'),
    fraction: fc.integer({ min: 0, max: 1000 }),
    account: fc.constantFrom(...ACCOUNTS),
  })
  .map(({ paidChoice, fraction, total, ...rest }): Op => {
    const paid = { none: 0n, all: total, part: (total * BigInt(fraction)) / 1000n, over: total + 1n + BigInt(fraction) }[paidChoice]!;
    return { t: 'bill', total, paid, ...rest };
  });
const settleOp = fc
  .record({
    kind: fc.constantFrom<SettlementKind>('receipt', 'payment'),
    party: fc.constantFrom(...PARTIES),
    account: fc.constantFrom(...ACCOUNTS),
    amount: fc.bigInt({ min: -100n, max: 60_000n }),
    picks: fc.option(fc.array(fc.record({ index: fc.nat(), share: fc.oneof(fc.integer({ min: 0, max: 1000 }), fc.constant(OVER_BY_A_CENT)) }), { minLength: 1, maxLength: 4 })),
  })
  .map((op): Op => ({ t: 'settle', ...op }));
const ops = fc.array(
  fc.oneof(
    { arbitrary: billOp, weight: 5 },
    { arbitrary: settleOp, weight: 4 },
    { arbitrary: fc.nat().map((index): Op => ({ t: 'reverseBill', index })), weight: 1 },
    { arbitrary: fc.nat().map((index): Op => ({ t: 'reverseDocument', index })), weight: 1 },
  ),
  { maxLength: 60 },
);

interface PostedBill {
  facts: BillMoneyFacts;
  reversed: boolean;
}
interface PostedDocument {
  kind: SettlementKind;
  party: string;
  account: string;
  amount: bigint;
  allocations: Array<{ billId: string; amount: bigint }>;
  reversed: boolean;
}

/** The books as the posting function keeps them. */
class Books {
  parties = new Map<string, bigint>();
  accounts = new Map<string, bigint>();
  dues = new Map<string, DueState>();

  apply(posting: MoneyPosting | null, billDate = '') {
    if (!posting) return;
    if (posting.party) {
      const key = `${posting.party.kind}:${posting.party.id}`;
      const balance = (this.parties.get(key) ?? 0n) + partyDelta(posting);
      expect(balance, 'a balance below zero would break the table CHECK').toBeGreaterThanOrEqual(0n);
      this.parties.set(key, balance);
    }
    if (posting.accountId) this.accounts.set(posting.accountId, (this.accounts.get(posting.accountId) ?? 0n) + posting.accountAmount);
    else expect(posting.accountAmount).toBe(0n);
    for (const change of posting.dues) {
      if (change.kind === 'open') {
        this.dues.set(change.billId, { billId: change.billId, party: change.party, billDate, amount: change.amount, settled: 0n, reversed: false });
        continue;
      }
      const due = this.dues.get(change.billId)!;
      if (change.kind === 'reverse') {
        expect(due.settled).toBe(0n);
        due.reversed = true;
      } else {
        due.settled += change.amount;
        expect(due.settled >= 0n && due.settled <= due.amount && !due.reversed, 'a due must stay within its amount').toBe(true);
      }
    }
  }

  openDuesOf(kind: 'customer' | 'supplier', party: string): DueState[] {
    return [...this.dues.values()]
      .filter((due) => due.party.kind === kind && due.party.id === party && outstanding(due) > 0n)
      .sort((a, b) => a.billDate.localeCompare(b.billDate) || Number(a.billId) - Number(b.billId));
  }
}

const dateOf = (i: number) => new Date(Date.UTC(2026, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);

function refused(run: () => void): MoneyRuleError | null {
  try {
    run();
    return null;
  } catch (error) {
    if (error instanceof MoneyRuleError) return error;
    throw error;
  }
}

describe('money rules over random sequences', () => {
  it('every balance equals what its accepted bills, receipts, payments and reversals say; refusals are exactly the predicted ones', () => {
    fc.assert(
      fc.property(ops, (sequence) => {
        const books = new Books();
        const bills: PostedBill[] = [];
        const documents: PostedDocument[] = [];
        sequence.forEach((op, step) => {
          switch (op.t) {
            case 'bill': {
              const facts: BillMoneyFacts = { billId: String(bills.length + 1), direction: op.direction, partyId: op.party, total: op.total, paid: op.paid, accountId: op.account };
              const expectRefusal = op.paid > op.total || (op.party === null && op.paid > 0n && op.paid !== op.total);
              const error = refused(() => books.apply(planBillPosting(facts), dateOf(step)));
              expect(error !== null, `bill ${JSON.stringify(op, (_, v) => (typeof v === 'bigint' ? String(v) : v))}`).toBe(expectRefusal);
              if (!error) bills.push({ facts, reversed: false });
              break;
            }
            case 'settle': {
              const partyKind = op.kind === 'receipt' ? 'customer' : 'supplier';
              let allocations: Array<{ billId: string; amount: bigint }> | null = null;
              let amount = op.amount;
              let expectRefusal: boolean;
              let expected: Array<{ billId: string; amount: bigint }>;
              let dues: DueState[];
              if (op.picks === null) {
                // Oldest first: the reference takes from each open bill in date order until the amount is placed.
                dues = books.openDuesOf(partyKind, op.party);
                expected = [];
                let left = amount;
                for (const due of dues) {
                  const take = outstanding(due) < left ? outstanding(due) : left;
                  if (take > 0n) expected.push({ billId: due.billId, amount: take });
                  left -= take;
                }
                expectRefusal = amount <= 0n || left > 0n;
              } else {
                // Named bills, any bill at all (another party's, a purchase for a receipt): the rules must tell.
                allocations = op.picks.filter(() => bills.length > 0).map((pick) => {
                  const billId = bills[pick.index % bills.length]!.facts.billId;
                  const due = books.dues.get(billId);
                  const owed = due ? outstanding(due) : 0n;
                  return { billId, amount: pick.share === OVER_BY_A_CENT ? owed + 1n : (owed * BigInt(pick.share)) / 1000n };
                });
                amount = allocations.reduce((total, allocation) => total + allocation.amount, 0n);
                dues = allocations.flatMap((allocation) => books.dues.get(allocation.billId) ?? []);
                const ids = allocations.map((allocation) => allocation.billId);
                expectRefusal = !(
                  allocations.length > 0 &&
                  amount > 0n &&
                  new Set(ids).size === ids.length &&
                  allocations.every((allocation) => {
                    const due = books.dues.get(allocation.billId);
                    return due && due.party.kind === partyKind && due.party.id === op.party && allocation.amount > 0n && allocation.amount <= outstanding(due);
                  })
                );
                expected = allocations;
              }
              let posting: MoneyPosting | null = null;
              const error = refused(() => {
                posting = planSettlement({ kind: op.kind, partyId: op.party, accountId: op.account, amount, allocations }, dues);
              });
              expect(error !== null, error?.message).toBe(expectRefusal);
              if (!posting) break;
              const settled = (posting as MoneyPosting).dues.map((change) => ({ billId: change.billId, amount: change.kind === 'settle' ? change.amount : 0n }));
              expect(settled).toEqual(expected);
              books.apply(posting);
              documents.push({ kind: op.kind, party: op.party, account: op.account, amount, allocations: settled, reversed: false });
              break;
            }
            case 'reverseBill': {
              const standing = bills.filter((bill) => !bill.reversed);
              if (standing.length === 0) break;
              const bill = standing[op.index % standing.length]!;
              const due = books.dues.get(bill.facts.billId) ?? null;
              const error = refused(() => books.apply(planBillReversal(bill.facts, due)));
              expect(error !== null).toBe(due !== null && due.settled > 0n);
              if (!error) bill.reversed = true;
              break;
            }
            case 'reverseDocument': {
              const standing = documents.filter((document) => !document.reversed);
              if (standing.length === 0) break;
              const document = standing[op.index % standing.length]!;
              books.apply(planSettlementReversal({ kind: document.kind, partyId: document.party, accountId: document.account, amount: document.amount, allocations: document.allocations }));
              document.reversed = true;
              break;
            }
          }
        });

        // The reference, from the accepted operations only.
        const partyBalance = new Map<string, bigint>();
        const accountBalance = new Map<string, bigint>();
        const settledOf = new Map<string, bigint>();
        const add = (map: Map<string, bigint>, key: string, amount: bigint) => map.set(key, (map.get(key) ?? 0n) + amount);
        for (const { facts } of bills.filter((bill) => !bill.reversed)) {
          if (facts.partyId) add(partyBalance, `${facts.direction === 'out' ? 'customer' : 'supplier'}:${facts.partyId}`, facts.total - facts.paid);
          if (facts.paid > 0n) add(accountBalance, facts.accountId!, facts.direction === 'out' ? facts.paid : -facts.paid);
        }
        for (const document of documents.filter((d) => !d.reversed)) {
          add(partyBalance, `${document.kind === 'receipt' ? 'customer' : 'supplier'}:${document.party}`, -document.amount);
          add(accountBalance, document.account, document.kind === 'receipt' ? document.amount : -document.amount);
          for (const allocation of document.allocations) add(settledOf, allocation.billId, allocation.amount);
        }
        const nonZero = (map: Map<string, bigint>) => new Map([...map].filter(([, value]) => value !== 0n));
        expect(nonZero(books.parties)).toEqual(nonZero(partyBalance));
        expect(nonZero(books.accounts)).toEqual(nonZero(accountBalance));
        for (const [key, balance] of books.parties) {
          const [kind, id] = key.split(':') as ['customer' | 'supplier', string];
          const owedOnBills = books.openDuesOf(kind, id).reduce((total, due) => total + outstanding(due), 0n);
          expect(owedOnBills, `${key}: its balance is what its bills still owe`).toBe(balance);
        }
        for (const due of books.dues.values()) expect(due.settled, `bill ${due.billId}`).toBe(settledOf.get(due.billId) ?? 0n);
      }),
      { numRuns: 1000 },
    );
    // A thousand sequences take about two seconds, longer on a busy machine.
  }, 60_000);
});
