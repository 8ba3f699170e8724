import { describe, expect, it } from 'vitest';
import {
  ageingBucket,
  MoneyRuleError,
  planBillPosting,
  planBillReversal,
  planSettlement,
  planSettlementReversal,
  settlementKindOf,
  type DueState,
  type SettlementRequest,
} from './money.ts';

const sale = { billId: '7', direction: 'out' as const, partyId: '3', total: 10_000n, paid: 2_500n, accountId: '1' };

describe('money rules', () => {
  it('a sale to a customer paid in part: the account gets what was paid, the rest is owed on the bill', () => {
    expect(planBillPosting(sale)).toEqual({
      party: { kind: 'customer', id: '3' },
      accountId: '1',
      billed: 10_000n,
      settled: 2_500n,
      accountAmount: 2_500n,
      dues: [{ kind: 'open', billId: '7', party: { kind: 'customer', id: '3' }, amount: 7_500n }],
    });
  });

  it('a purchase paid at once sends money out of the account and leaves nothing owed', () => {
    const posting = planBillPosting({ ...sale, direction: 'in', paid: 10_000n });
    expect(posting).toMatchObject({ party: { kind: 'supplier', id: '3' }, accountAmount: -10_000n, dues: [] });
  });

  it('a bill without a counterparty is paid in full or moves no money', () => {
    expect(planBillPosting({ ...sale, partyId: null, paid: 0n })).toBeNull();
    expect(planBillPosting({ ...sale, partyId: null, paid: 10_000n })).toMatchObject({ party: null, accountAmount: 10_000n });
    expect(() => planBillPosting({ ...sale, partyId: null })).toThrow(/whole total of 100\.00 or nothing/);
  });

  it('names the field of a payment that cannot be', () => {
    const fieldOf = (run: () => unknown) => {
      try {
        run();
      } catch (error) {
        return (error as MoneyRuleError).field;
      }
      return null;
    };
    expect(fieldOf(() => planBillPosting({ ...sale, paid: 10_001n }))).toBe('paidAmount');
    expect(fieldOf(() => planBillPosting({ ...sale, accountId: null }))).toBe('paymentAccountId');
    const due = { billId: '7', party: { kind: 'customer' as const, id: '3' }, billDate: '2026-11-01', amount: 7_500n, settled: 0n, reversed: false };
    const receipt = { kind: 'receipt' as const, partyId: '3', accountId: '1', amount: 7_501n, allocations: null };
    expect(fieldOf(() => planSettlement(receipt, [due]))).toBe('amount');
    expect(fieldOf(() => planSettlement({ ...receipt, amount: 100n, allocations: [{ billId: '7', amount: 100n }] }, [{ ...due, party: { kind: 'customer', id: '4' } }]))).toBe('allocations.0.billId');
    expect(fieldOf(() => planSettlement({ ...receipt, kind: 'payment', amount: 100n, allocations: [{ billId: '7', amount: 100n }] }, [due]))).toBe('allocations.0.billId');
    expect(fieldOf(() => planSettlement({ ...receipt, amount: 200n, allocations: [{ billId: '7', amount: 100n }] }, [due]))).toBe('amount');
  });

  it('a bill with settled receipts is reversed only after them', () => {
    const due = { billId: '7', party: { kind: 'customer' as const, id: '3' }, billDate: '2026-11-01', amount: 7_500n, settled: 1n, reversed: false };
    expect(() => planBillReversal(sale, due)).toThrow(/0\.01 of this bill is settled by receipts/);
    expect(planBillReversal(sale, { ...due, settled: 0n })).toEqual({
      party: { kind: 'customer', id: '3' },
      accountId: '1',
      billed: -10_000n,
      settled: -2_500n,
      accountAmount: -2_500n,
      dues: [{ kind: 'reverse', billId: '7' }],
    });
  });

  it('ages a bill by whole days: 30 days is still the first bucket, 91 the last', () => {
    expect(ageingBucket('2026-11-01', '2026-12-01')).toBe('0-30');
    expect(ageingBucket('2026-11-01', '2026-12-02')).toBe('31-60');
    expect(ageingBucket('2026-11-01', '2026-12-31')).toBe('31-60');
    expect(ageingBucket('2026-11-01', '2027-01-30')).toBe('61-90');
    expect(ageingBucket('2026-11-01', '2027-01-31')).toBe('over90');
    expect(ageingBucket('2026-12-05', '2026-12-01')).toBe('0-30');
  });

  it('moves an account only by money paid, and a bill of nothing moves no money at all', () => {
    expect(planBillPosting({ ...sale, paid: 0n })).toMatchObject({ accountId: null, accountAmount: 0n, dues: [{ amount: 10_000n }] });
    // A sale on credit names no account.
    expect(planBillPosting({ ...sale, paid: 0n, accountId: null })).toMatchObject({ accountId: null, billed: 10_000n, settled: 0n });
    expect(planBillPosting({ ...sale, total: 0n, paid: 0n })).toBeNull();
  });

  it('settles a customer by receipts and a supplier by payments', () => {
    expect(settlementKindOf('customer')).toBe('receipt');
    expect(settlementKindOf('supplier')).toBe('payment');
  });

  const due = (billId: string, amount: bigint, fields: Partial<DueState> = {}): DueState => ({
    billId,
    party: { kind: 'customer', id: '3' },
    billDate: '2026-11-01',
    amount,
    settled: 0n,
    reversed: false,
    ...fields,
  });
  const receipt = (amount: bigint, allocations: SettlementRequest['allocations'] = null): SettlementRequest => ({ kind: 'receipt', partyId: '3', accountId: '1', amount, allocations });

  it('without allocations settles the oldest dues of the party first, skipping what owes nothing or is another party’s', () => {
    const dues = [
      due('1', 300n, { party: { kind: 'customer', id: '4' } }),
      due('2', 300n, { party: { kind: 'supplier', id: '3' } }),
      due('3', 500n, { settled: 500n }),
      due('4', 500n, { reversed: true }),
      due('5', 400n, { settled: 100n }),
      due('6', 500n),
      due('7', 500n),
    ];
    expect(planSettlement(receipt(500n), dues).dues).toEqual([
      { kind: 'settle', billId: '5', amount: 300n },
      { kind: 'settle', billId: '6', amount: 200n },
    ]);
    expect(planSettlement(receipt(800n), dues).dues).toEqual([
      { kind: 'settle', billId: '5', amount: 300n },
      { kind: 'settle', billId: '6', amount: 500n },
    ]);
  });

  it('takes what a payment to a supplier settles out of the account', () => {
    const payment = { ...receipt(300n, [{ billId: '9', amount: 300n }]), kind: 'payment' as const };
    const posting = planSettlement(payment, [due('9', 300n, { party: { kind: 'supplier', id: '3' } })]);
    expect(posting).toEqual({ party: { kind: 'supplier', id: '3' }, accountId: '1', billed: 0n, settled: 300n, accountAmount: -300n, dues: [{ kind: 'settle', billId: '9', amount: 300n }] });
    expect(planSettlementReversal({ ...payment, allocations: payment.allocations! })).toEqual({
      party: { kind: 'supplier', id: '3' },
      accountId: '1',
      billed: 0n,
      settled: -300n,
      accountAmount: 300n,
      dues: [{ kind: 'settle', billId: '9', amount: -300n }],
    });
  });

  it('settles a bill up to exactly what it still owes', () => {
    expect(planSettlement(receipt(400n, [{ billId: '5', amount: 400n }]), [due('5', 500n, { settled: 100n })]).settled).toBe(400n);
  });

  /** Every refusal: whether the input or the state is wrong, the field it names and the sentence the caller reads. */
  const refusals: Array<[string, () => unknown, Pick<MoneyRuleError, 'kind' | 'field' | 'message'>]> = [
    ['a negative payment', () => planBillPosting({ ...sale, paid: -1n }), { kind: 'invalid', field: 'paidAmount', message: 'must not be negative' }],
    ['paying more than the total', () => planBillPosting({ ...sale, paid: 10_001n }), { kind: 'invalid', field: 'paidAmount', message: "must not exceed the bill's total of 100.00" }],
    ['paying into no account', () => planBillPosting({ ...sale, paid: 1n, accountId: null }), { kind: 'invalid', field: 'paymentAccountId', message: 'is required when something is paid' }],
    [
      'part of a sale without a customer',
      () => planBillPosting({ ...sale, partyId: null }),
      { kind: 'invalid', field: 'paidAmount', message: 'must be the whole total of 100.00 or nothing: without a customer nobody can owe the rest' },
    ],
    [
      'part of a purchase without a supplier',
      () => planBillPosting({ ...sale, direction: 'in', partyId: null }),
      { kind: 'invalid', field: 'paidAmount', message: 'must be the whole total of 100.00 or nothing: without a supplier nobody can owe the rest' },
    ],
    [
      'reversing a purchase settled by payments',
      () => planBillReversal({ ...sale, direction: 'in' }, due('7', 7_500n, { party: { kind: 'supplier', id: '3' }, settled: 250n })),
      { kind: 'state', field: 'id', message: '2.50 of this bill is settled by payments: reverse them first' },
    ],
    ['a receipt of nothing', () => planSettlement(receipt(0n), [due('1', 100n)]), { kind: 'invalid', field: 'amount', message: 'must be more than zero' }],
    [
      'a receipt beyond what the customer owes',
      () => planSettlement(receipt(301n), [due('1', 100n), due('2', 200n)]),
      { kind: 'invalid', field: 'amount', message: 'exceeds the 3.00 this customer is owed in all: overpayment is not accepted' },
    ],
    [
      'a payment beyond what the supplier is owed',
      () => planSettlement({ ...receipt(101n), kind: 'payment' }, [due('1', 100n, { party: { kind: 'supplier', id: '3' } })]),
      { kind: 'invalid', field: 'amount', message: 'exceeds the 1.00 this supplier is owed in all: overpayment is not accepted' },
    ],
    ['an empty list of allocations', () => planSettlement(receipt(100n, []), [due('1', 100n)]), { kind: 'invalid', field: 'allocations', message: 'must name at least one bill' }],
    [
      'a bill named twice',
      () => planSettlement(receipt(100n, [{ billId: '1', amount: 50n }, { billId: '1', amount: 50n }]), [due('1', 100n)]),
      { kind: 'invalid', field: 'allocations.1.billId', message: 'names a bill twice' },
    ],
    [
      'an allocation of nothing',
      () => planSettlement(receipt(100n, [{ billId: '1', amount: 100n }, { billId: '2', amount: 0n }]), [due('1', 100n), due('2', 100n)]),
      { kind: 'invalid', field: 'allocations.1.amount', message: 'must be more than zero' },
    ],
    [
      'a bill that is no due',
      () => planSettlement(receipt(100n, [{ billId: '8', amount: 100n }]), [due('1', 100n)]),
      { kind: 'invalid', field: 'allocations.0.billId', message: 'is not a bill that leaves a customer owed money' },
    ],
    [
      'a bill of another supplier',
      () => planSettlement({ ...receipt(100n, [{ billId: '1', amount: 100n }]), kind: 'payment' }, [due('1', 100n, { party: { kind: 'supplier', id: '4' } })]),
      { kind: 'invalid', field: 'allocations.0.billId', message: 'belongs to another supplier' },
    ],
    [
      'more than a bill still owes',
      () => planSettlement(receipt(401n, [{ billId: '5', amount: 401n }]), [due('5', 500n, { settled: 100n })]),
      { kind: 'invalid', field: 'allocations.0.amount', message: 'exceeds the 4.00 still owed on this bill: overpayment is not accepted' },
    ],
    [
      'an amount other than its allocations',
      () => planSettlement(receipt(150n, [{ billId: '1', amount: 100n }]), [due('1', 100n)]),
      { kind: 'invalid', field: 'amount', message: 'must equal the sum of the allocations (1.00)' },
    ],
  ];

  it.each(refusals)('refuses %s, naming the field and saying why', (_, run, expected) => {
    const error = (() => {
      try {
        run();
      } catch (thrown) {
        return thrown;
      }
      return null;
    })();
    expect(error).toBeInstanceOf(MoneyRuleError);
    expect({ kind: (error as MoneyRuleError).kind, field: (error as MoneyRuleError).field, message: (error as MoneyRuleError).message }).toEqual(expected);
  });
});
