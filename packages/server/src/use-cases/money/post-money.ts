import { moneyText, moneyUnits, partyDelta, type DueChange, type DueState, type MoneyPosting, type PartyRef } from '@xiaocang/domain';
import type { Transaction } from '../../db/database.ts';
import { invalid, obeyMoneyRules } from '../../errors.ts';
import { PARTIES } from './parties.ts';

/** What a posting belongs to: a bill's money side, or a receipt or payment. */
export type MoneySource = { date: string; reversal: boolean } & ({ billId: string; documentId?: never } | { documentId: string; billId?: never });

/** The dues a posting reads before it is planned: the bills named, or a party's open ones (oldest first). */
export type DueSelection = { billIds: string[] } | { openOf: PartyRef } | null;

interface DueRow {
  bill_id: string;
  customer_id: string | null;
  supplier_id: string | null;
  bill_date: string;
  amount: string;
  settled: string;
  reversed: boolean;
}

const toDueState = (row: DueRow): DueState => ({
  billId: row.bill_id,
  party: row.customer_id ? { kind: 'customer', id: row.customer_id } : { kind: 'supplier', id: row.supplier_id! },
  billDate: row.bill_date,
  amount: moneyUnits(row.amount),
  settled: moneyUnits(row.settled),
  reversed: row.reversed,
});

/**
 * THE money posting function: the only code that changes what parties owe, what accounts hold and what
 * bills still owe. It runs in the caller's transaction and locks, always in this order: the dues it reads
 * (by bill id), the party's balance row, the account. The plan (a money rule of the domain) is made
 * from the dues as locked, so two receipts racing for one bill queue on it and the second sees what
 * the first settled. It writes the balances and the append-only money entry together; nothing it
 * writes is edited later, only undone by another posting. Returns the posting, or null when the plan
 * moves no money.
 */
export async function postMoney(
  tx: Transaction,
  who: { shopId: string; userId: string },
  source: MoneySource,
  selection: DueSelection,
  plan: (dues: DueState[]) => MoneyPosting | null,
): Promise<MoneyPosting | null> {
  const dues = selection ? await lockDues(tx, who.shopId, selection) : [];
  const posting = obeyMoneyRules(() => plan(dues));
  if (!posting) return null;
  const { shopId } = who;
  const party = posting.party ? PARTIES[posting.party.kind] : null;
  if (party && posting.party) {
    await tx.query(`UPDATE ${party.table} SET ${party.balance} = ${party.balance} + $3 WHERE shop_id = $1 AND id = $2`, [
      shopId,
      posting.party.id,
      moneyText(partyDelta(posting)),
    ]);
  }
  if (posting.accountId) {
    const [account] = await tx.query<{ status: string }>(
      'UPDATE payment_accounts SET balance = balance + $3 WHERE shop_id = $1 AND id = $2 RETURNING status',
      [shopId, posting.accountId, moneyText(posting.accountAmount)],
    );
    // A reversal puts money back wherever it came from; new money goes only to accounts in use.
    const field = source.billId ? 'paymentAccountId' : 'accountId';
    if (!account) throw invalid(field, 'names no account of this shop');
    if (account.status !== 'active' && !source.reversal) throw invalid(field, 'is switched off');
  }
  const changes = (kind: DueChange['kind']) => posting.dues.filter((change) => change.kind === kind);
  const opened = changes('open') as Array<Extract<DueChange, { kind: 'open' }>>;
  const settledChanges = changes('settle') as Array<Extract<DueChange, { kind: 'settle' }>>;
  const reversed = changes('reverse');
  // The entry, the dues the posting opens, settles or closes, and a document's allocations: one statement.
  await tx.query(
    `WITH entry AS (
       INSERT INTO money_entries (shop_id, entry_date, bill_id, document_id, customer_id, supplier_id, account_id, billed, settled, account_amount, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)),
     opened AS (
       INSERT INTO bill_dues (shop_id, bill_id, customer_id, supplier_id, bill_date, amount)
       SELECT $1, bill_id, $5, $6, $2, amount FROM unnest($12::bigint[], $13::numeric[]) AS o(bill_id, amount)),
     settled AS (
       UPDATE bill_dues d SET settled = d.settled + s.amount FROM unnest($14::bigint[], $15::numeric[]) AS s(bill_id, amount)
        WHERE d.shop_id = $1 AND d.bill_id = s.bill_id),
     allocated AS (
       INSERT INTO money_allocations (shop_id, document_id, bill_id, amount)
       SELECT $1, $4, bill_id, amount FROM unnest($14::bigint[], $15::numeric[]) AS s(bill_id, amount) WHERE $4::bigint IS NOT NULL)
     UPDATE bill_dues SET reversed = true WHERE shop_id = $1 AND bill_id = ANY($16::bigint[])`,
    [
      shopId,
      source.date,
      source.billId ?? null,
      source.documentId ?? null,
      posting.party?.kind === 'customer' ? posting.party.id : null,
      posting.party?.kind === 'supplier' ? posting.party.id : null,
      posting.accountId,
      moneyText(posting.billed),
      moneyText(posting.settled),
      moneyText(posting.accountAmount),
      who.userId,
      opened.map((change) => change.billId),
      opened.map((change) => moneyText(change.amount)),
      settledChanges.map((change) => change.billId),
      settledChanges.map((change) => moneyText(change.amount)),
      reversed.map((change) => change.billId),
    ],
  );
  return posting;
}

/** Locks dues in bill id order (the order every posting takes them in); a party's open dues come back oldest first. */
async function lockDues(tx: Transaction, shopId: string, selection: NonNullable<DueSelection>): Promise<DueState[]> {
  const columns = 'bill_id::text, customer_id::text, supplier_id::text, bill_date::text, amount::text, settled::text, reversed';
  if ('billIds' in selection) {
    const rows = await tx.query<DueRow>(`SELECT ${columns} FROM bill_dues WHERE shop_id = $1 AND bill_id = ANY($2::bigint[]) ORDER BY bill_id FOR NO KEY UPDATE`, [
      shopId,
      selection.billIds,
    ]);
    return rows.map(toDueState);
  }
  const { column } = PARTIES[selection.openOf.kind];
  const rows = await tx.query<DueRow>(
    `SELECT ${columns} FROM bill_dues WHERE shop_id = $1 AND ${column} = $2 AND settled < amount AND NOT reversed ORDER BY bill_id FOR NO KEY UPDATE`,
    [shopId, selection.openOf.id],
  );
  return rows.map(toDueState).sort((a, b) => a.billDate.localeCompare(b.billDate) || Number(BigInt(a.billId) - BigInt(b.billId)));
}
