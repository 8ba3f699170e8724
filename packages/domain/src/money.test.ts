import { describe, expect, it } from 'vitest';
import { ageingBucket, MoneyRuleError, planBillPosting, planBillReversal, planSettlement } from './money.ts';

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
});
