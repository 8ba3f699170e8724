import type { Statement } from '@xiaocang/contracts';
import { can, moneyText, moneyUnits, periodOf, type Actor, type PartyKind } from '@xiaocang/domain';
import { forbidden } from '../../errors.ts';
import type { Queryable } from '../../db/database.ts';
import { PARTIES, partyName, requirePartyBooks } from './parties.ts';

/**
 * 对账单: the balance before the period, every bill and settlement in it with the running balance, and
 * the balance after. Built from the money entries, so it adds up to the balance the books keep.
 */
export async function getStatement(
  db: Queryable,
  actor: Actor,
  { kind, partyId, period }: { kind: PartyKind; partyId: string; period: { dateFrom?: string | undefined; dateTo?: string | undefined } },
): Promise<Statement> {
  requirePartyBooks(actor, kind);
  if (!can(actor, 'viewMoneyBooks')) throw forbidden('Statements list every bill of a counterparty: your account sees its own records only');
  const { dateFrom, dateTo } = periodOf(period);
  const name = await partyName(db, actor.shopId, kind, partyId);
  const { column } = PARTIES[kind];
  const [opening] = await db.query<{ balance: string }>(
    `SELECT COALESCE(sum(billed - settled), 0) AS balance FROM money_entries WHERE shop_id = $1 AND ${column} = $2 AND entry_date < $3`,
    [actor.shopId, partyId, dateFrom],
  );
  const rows = await db.query<{ entry_date: string; bill_id: string | null; document_id: string | null; number: string; description: string; billed: string; settled: string }>(
    `SELECT e.entry_date::text, e.bill_id, e.document_id, COALESCE(b.bill_no, m.doc_no) AS number,
            CASE WHEN b.id IS NOT NULL THEN CASE WHEN b.kind = 'reversal' THEN '红冲 ' ELSE '' END || b.bill_type
                 ELSE CASE WHEN m.is_reversal THEN '红冲 ' ELSE '' END || CASE m.kind WHEN 'receipt' THEN '收款' ELSE '付款' END END AS description,
            e.billed, e.settled
       FROM money_entries e
       LEFT JOIN stock_bills b ON b.shop_id = e.shop_id AND b.id = e.bill_id
       LEFT JOIN money_documents m ON m.shop_id = e.shop_id AND m.id = e.document_id
      WHERE e.shop_id = $1 AND e.${column} = $2 AND e.entry_date BETWEEN $3 AND $4
      ORDER BY e.entry_date, e.id`,
    [actor.shopId, partyId, dateFrom, dateTo],
  );
  let balance = moneyUnits(opening!.balance);
  let billed = 0n;
  let settled = 0n;
  const lines = rows.map((row) => {
    billed += moneyUnits(row.billed);
    settled += moneyUnits(row.settled);
    balance += moneyUnits(row.billed) - moneyUnits(row.settled);
    return {
      date: row.entry_date,
      source: row.bill_id ? ('bill' as const) : kind === 'customer' ? ('receipt' as const) : ('payment' as const),
      billId: row.bill_id,
      documentId: row.document_id,
      number: row.number,
      description: row.description,
      billed: moneyText(moneyUnits(row.billed)),
      settled: moneyText(moneyUnits(row.settled)),
      runningBalance: moneyText(balance),
    };
  });
  return {
    partyKind: kind,
    partyId,
    partyName: name,
    dateFrom,
    dateTo,
    openingBalance: moneyText(moneyUnits(opening!.balance)),
    totalBilled: moneyText(billed),
    totalSettled: moneyText(settled),
    closingBalance: moneyText(balance),
    lines,
  };
}
