import type { MoneyVerification } from '@xiaocang/contracts';
import {
  can,
  moneyText,
  moneyUnits,
  partyDelta,
  planBillPosting,
  type Actor,
  type BillMoneyFacts,
  type MoneyPosting,
} from '@xiaocang/domain';
import { forbidden } from '../../errors.ts';
import type { Queryable } from '../../db/database.ts';

const units = (text: string | null) => moneyUnits(text ?? '0');

/** How a posting or an entry reads in a drift report: the party, the account and the three amounts. */
const shown = (p: { party: string | null; account: string | null; billed: bigint; settled: bigint; accountAmount: bigint } | null) =>
  p ? `party ${p.party ?? '-'} account ${p.account ?? '-'} billed ${moneyText(p.billed)} settled ${moneyText(p.settled)} account ${moneyText(p.accountAmount)}` : 'no money';
const ofPosting = (posting: MoneyPosting | null, sign: bigint) =>
  posting && {
    party: posting.party ? `${posting.party.kind} ${posting.party.id}` : null,
    account: posting.accountId,
    billed: sign * posting.billed,
    settled: sign * posting.settled,
    accountAmount: sign * posting.accountAmount,
  };

/**
 * Recomputes the money books and lists any difference; there must never be any. Each bill's money entry
 * must follow from the bill by the domain's rules (a reversal being the negation of its original), each
 * receipt's or payment's from the document; each party's balance must equal its entries and what its
 * open bills still owe; each account's balance its entries; each bill's settled amount its allocations.
 */
export async function verifyMoney(db: Queryable, actor: Actor): Promise<MoneyVerification> {
  if (!can(actor, 'viewPayables') || !can(actor, 'viewMoneyBooks')) throw forbidden('Only someone who sees all the money books can verify them');
  const shopId = actor.shopId;
  const drift: MoneyVerification['drift'] = [];
  const report = (record: string, id: string, problem: string, expected: string, actual: string) => {
    if (expected !== actual) drift.push({ record, id, problem, expected, actual });
  };

  const parties = await db.query<{ kind: string; id: string; balance: string; entries: string | null; open: string | null }>(
    `SELECT 'customer' AS kind, t.id, t.receivable AS balance,
            (SELECT sum(billed - settled) FROM money_entries e WHERE e.shop_id = t.shop_id AND e.customer_id = t.id) AS entries,
            (SELECT sum(amount - settled) FROM bill_dues d WHERE d.shop_id = t.shop_id AND d.customer_id = t.id AND NOT d.reversed) AS open
       FROM customers t WHERE t.shop_id = $1
     UNION ALL
     SELECT 'supplier', t.id, t.payable,
            (SELECT sum(billed - settled) FROM money_entries e WHERE e.shop_id = t.shop_id AND e.supplier_id = t.id),
            (SELECT sum(amount - settled) FROM bill_dues d WHERE d.shop_id = t.shop_id AND d.supplier_id = t.id AND NOT d.reversed)
       FROM suppliers t WHERE t.shop_id = $1`,
    [shopId],
  );
  for (const party of parties) {
    report(party.kind, party.id, 'balance differs from its money entries', moneyText(units(party.entries)), moneyText(units(party.balance)));
    report(party.kind, party.id, 'balance differs from what its open bills owe', moneyText(units(party.open)), moneyText(units(party.balance)));
  }

  const accounts = await db.query<{ id: string; balance: string; entries: string | null }>(
    `SELECT a.id, a.balance, (SELECT sum(account_amount) FROM money_entries e WHERE e.shop_id = a.shop_id AND e.account_id = a.id) AS entries
       FROM payment_accounts a WHERE a.shop_id = $1`,
    [shopId],
  );
  for (const account of accounts) {
    report('account', account.id, 'balance differs from its money entries', moneyText(units(account.entries)), moneyText(units(account.balance)));
  }

  const dues = await db.query<{ bill_id: string; amount: string; settled: string; allocated: string | null }>(
    `SELECT d.bill_id, d.amount, d.settled,
            (SELECT sum(x.amount) FROM money_allocations x WHERE x.shop_id = d.shop_id AND x.bill_id = d.bill_id) AS allocated
       FROM bill_dues d WHERE d.shop_id = $1`,
    [shopId],
  );
  for (const due of dues) report('bill', due.bill_id, 'settled amount differs from its allocations', moneyText(units(due.allocated)), moneyText(units(due.settled)));

  // Every posted bill, replayed through the rules, against the entry it has (or has not).
  const bills = await db.query<{
    id: string;
    kind: string;
    direction: 'in' | 'out';
    party_id: string | null;
    total_amount: string;
    paid_amount: string;
    payment_account_id: string | null;
    due_amount: string | null;
    entry: { party: string | null; account: string | null; billed: string; settled: string; account_amount: string } | null;
    entries: string;
  }>(
    `SELECT b.id, b.kind, b.direction, CASE b.direction WHEN 'out' THEN b.customer_id ELSE b.supplier_id END AS party_id,
            b.total_amount, b.paid_amount, b.payment_account_id,
            (SELECT d.amount FROM bill_dues d WHERE d.shop_id = b.shop_id AND d.bill_id = b.id) AS due_amount,
            (SELECT json_build_object('party', COALESCE('customer ' || e.customer_id, 'supplier ' || e.supplier_id), 'account', e.account_id::text,
                                      'billed', e.billed::text, 'settled', e.settled::text, 'account_amount', e.account_amount::text)
               FROM money_entries e WHERE e.shop_id = b.shop_id AND e.bill_id = b.id LIMIT 1) AS entry,
            (SELECT count(*) FROM money_entries e WHERE e.shop_id = b.shop_id AND e.bill_id = b.id) AS entries
       FROM stock_bills b
      WHERE b.shop_id = $1 AND b.status IN ('confirmed', 'reversed') AND b.kind IN ('normal', 'reversal') AND b.transfer_peer_id IS NULL`,
    [shopId],
  );
  for (const bill of bills) {
    const sign = bill.kind === 'reversal' ? -1n : 1n;
    const facts: BillMoneyFacts = {
      billId: bill.id,
      direction: bill.direction,
      partyId: bill.party_id,
      total: sign * moneyUnits(bill.total_amount),
      paid: sign * moneyUnits(bill.paid_amount),
      accountId: bill.payment_account_id,
    };
    let planned: MoneyPosting | null;
    try {
      planned = planBillPosting(facts);
    } catch (error) {
      report('bill', bill.id, 'its payment breaks the money rules', 'a payment the rules accept', (error as Error).message);
      continue;
    }
    // A reversal posts the negation of what its original posted.
    const entry = bill.entry && {
      party: bill.entry.party,
      account: bill.entry.account,
      billed: moneyUnits(bill.entry.billed),
      settled: moneyUnits(bill.entry.settled),
      accountAmount: moneyUnits(bill.entry.account_amount),
    };
    report('bill', bill.id, 'money entry does not follow from the bill', shown(ofPosting(planned, sign)), shown(entry));
    report('bill', bill.id, 'money entries of the bill', planned ? '1' : '0', bill.entries);
    if (bill.kind === 'normal' && planned) {
      const owed = planned.dues.reduce((total, change) => total + (change.kind === 'open' ? change.amount : 0n), 0n);
      report('bill', bill.id, 'amount the bill left owed', owed === 0n ? 'none' : moneyText(owed), bill.due_amount === null ? 'none' : moneyText(units(bill.due_amount)));
    }
  }

  const documents = await db.query<{ id: string; kind: string; party: string; account_id: string; amount: string; allocated: string | null; entry: { settled: string; account_amount: string; billed: string; delta: string } | null }>(
    `SELECT m.id, m.kind, COALESCE(m.customer_id, m.supplier_id) AS party, m.account_id, m.amount,
            (SELECT sum(x.amount) FROM money_allocations x WHERE x.shop_id = m.shop_id AND x.document_id = m.id) AS allocated,
            (SELECT json_build_object('billed', e.billed::text, 'settled', e.settled::text, 'account_amount', e.account_amount::text, 'delta', (e.billed - e.settled)::text)
               FROM money_entries e WHERE e.shop_id = m.shop_id AND e.document_id = m.id LIMIT 1) AS entry
       FROM money_documents m WHERE m.shop_id = $1`,
    [shopId],
  );
  for (const document of documents) {
    const amount = moneyUnits(document.amount);
    const inflow = document.kind === 'receipt' ? 1n : -1n;
    const expected = { billed: 0n, settled: amount, accountAmount: inflow * amount };
    const entry = document.entry && { billed: moneyUnits(document.entry.billed), settled: moneyUnits(document.entry.settled), accountAmount: moneyUnits(document.entry.account_amount) };
    const summary = (p: typeof expected | null) => (p ? `billed ${moneyText(p.billed)} settled ${moneyText(p.settled)} account ${moneyText(p.accountAmount)} moves the party by ${moneyText(partyDelta(p))}` : 'no money');
    report(document.kind, document.id, 'money entry does not follow from the document', summary(expected), summary(entry));
    report(document.kind, document.id, 'allocations add up to the amount', moneyText(amount), moneyText(units(document.allocated)));
  }

  return {
    checkedParties: parties.length,
    checkedAccounts: accounts.length,
    checkedDues: dues.length,
    checkedEntries: bills.length + documents.length,
    drift,
  };
}
