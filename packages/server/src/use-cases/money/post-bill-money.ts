import type { Bill } from '@xiaocang/contracts';
import { moneyUnits, planBillPosting, planBillReversal, type BillMoneyFacts } from '@xiaocang/domain';
import type { Transaction } from '../../db/database.ts';
import { postMoney } from './post-money.ts';

/**
 * The money side of a bill just posted (or of a reversal just posted): what the counterparty now owes,
 * what the account received or paid, what the bill leaves owed. Called with the bill as its posting
 * answered it; a bill that is not posted yet (waiting for approval), a transfer or a stocktake moves no money.
 */
export async function postBillMoney(tx: Transaction, who: { shopId: string; userId: string }, bill: Bill): Promise<void> {
  if (bill.status !== 'confirmed' || (bill.kind !== 'normal' && bill.kind !== 'reversal') || bill.transferPeerId !== null) return;
  // A reversal carries its original's figures negated.
  const sign = bill.kind === 'reversal' ? -1n : 1n;
  const facts: BillMoneyFacts = {
    billId: bill.kind === 'reversal' ? bill.reversalOfId! : bill.id,
    direction: bill.direction,
    partyId: bill.direction === 'out' ? bill.customerId : bill.supplierId,
    total: sign * moneyUnits(bill.totalAmount!),
    paid: sign * moneyUnits(bill.paidAmount!),
    accountId: bill.paymentAccountId,
  };
  if (bill.kind === 'normal') {
    await postMoney(tx, who, { billId: bill.id, date: bill.billDate, reversal: false }, null, () => planBillPosting(facts));
    return;
  }
  const dues = facts.partyId ? { billIds: [facts.billId] } : null;
  await postMoney(tx, who, { billId: bill.id, date: bill.billDate, reversal: true }, dues, ([due]) =>
    planBillReversal(facts, due ?? null),
  );
}
