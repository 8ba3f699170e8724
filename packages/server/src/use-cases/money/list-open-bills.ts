import type { OpenBill } from '@xiaocang/contracts';
import { can, formatMoney, type Actor, type PartyKind } from '@xiaocang/domain';
import type { Queryable } from '../../db/database.ts';
import { PARTIES, partyName, requirePartyBooks } from './parties.ts';

/**
 * The bills a customer or supplier still owes on, oldest first: what a receipt or payment can settle. A staff
 * member limited to their own records sees their own bills (a receipt without bills named still settles
 * the oldest of all).
 */
export async function listOpenBills(db: Queryable, actor: Actor, { kind, partyId }: { kind: PartyKind; partyId: string }): Promise<{ items: OpenBill[] }> {
  requirePartyBooks(actor, kind);
  await partyName(db, actor.shopId, kind, partyId);
  const ownOnly = !can(actor, 'viewOthersRecords');
  const rows = await db.query<Record<string, string>>(
    `SELECT d.bill_id, b.bill_no, d.bill_date::text, b.bill_type, b.total_amount, b.paid_amount, d.settled, d.amount - d.settled AS outstanding
       FROM bill_dues d JOIN stock_bills b ON b.shop_id = d.shop_id AND b.id = d.bill_id
      WHERE d.shop_id = $1 AND d.${PARTIES[kind].column} = $2 AND d.settled < d.amount AND NOT d.reversed
        AND ($3::bigint IS NULL OR b.created_by = $3)
      ORDER BY d.bill_date, d.bill_id`,
    [actor.shopId, partyId, ownOnly ? actor.userId : null],
  );
  return {
    items: rows.map((row) => ({
      billId: row.bill_id!,
      billNo: row.bill_no!,
      billDate: row.bill_date!,
      billType: row.bill_type!,
      totalAmount: formatMoney(row.total_amount!),
      paidAmount: formatMoney(row.paid_amount!),
      settledAmount: formatMoney(row.settled!),
      outstandingAmount: formatMoney(row.outstanding!),
    })),
  };
}
