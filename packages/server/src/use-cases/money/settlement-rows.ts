import type { Settlement } from '@xiaocang/contracts';
import { can, formatMoney, type Actor, type SettlementKind } from '@xiaocang/domain';
import type { Queryable } from '../../db/database.ts';
import { forbidden, notFound } from '../../errors.ts';

/** The output columns of a receipt or payment row `m`, with its names and the bills it settled. */
export const settlementColumns = `m.*,
  (SELECT name FROM customers c WHERE c.shop_id = m.shop_id AND c.id = m.customer_id) AS customer_name,
  (SELECT name FROM suppliers s WHERE s.shop_id = m.shop_id AND s.id = m.supplier_id) AS supplier_name,
  (SELECT name FROM payment_accounts a WHERE a.shop_id = m.shop_id AND a.id = m.account_id) AS account_name,
  (SELECT real_name FROM users u WHERE u.shop_id = m.shop_id AND u.id = m.created_by) AS created_by_name,
  (SELECT COALESCE(json_agg(json_build_object('billId', x.bill_id::text, 'billNo', b.bill_no, 'billDate', b.bill_date::text, 'amount', x.amount::text)
                            ORDER BY b.bill_date, x.bill_id), '[]')
     FROM money_allocations x JOIN stock_bills b ON b.shop_id = x.shop_id AND b.id = x.bill_id
    WHERE x.shop_id = m.shop_id AND x.document_id = m.id) AS allocations`;

type Row = Record<string, unknown>;
const maybe = (value: unknown) => (value ?? null) as string | null;

export function toSettlement(row: Row): Settlement {
  return {
    id: row.id as string,
    docNo: row.doc_no as string,
    kind: row.kind as Settlement['kind'],
    isReversal: row.is_reversal as boolean,
    docDate: row.doc_date as string,
    customerId: maybe(row.customer_id),
    customerName: maybe(row.customer_name),
    supplierId: maybe(row.supplier_id),
    supplierName: maybe(row.supplier_name),
    accountId: row.account_id as string,
    accountName: row.account_name as string,
    amount: formatMoney(row.amount as string),
    remarks: row.remarks as string,
    status: row.status as Settlement['status'],
    reversalOfId: maybe(row.reversal_of_id),
    reversedById: maybe(row.reversed_by_id),
    allocations: (row.allocations as Settlement['allocations']).map((allocation) => ({ ...allocation, amount: formatMoney(allocation.amount!) })),
    createdBy: row.created_by as string,
    createdByName: row.created_by_name as string,
    createdAt: (row.created_at as Date).toISOString(),
  };
}

/** Payments show what the shop pays its suppliers, which a staff member who may not see inbound prices does not see. */
export function requireSettlementAccess(actor: Actor, kind: SettlementKind): void {
  if (kind === 'payment' && !can(actor, 'viewPayables')) throw forbidden('Payments to suppliers are hidden from your account');
}

/** A receipt or payment of the shop; one made by someone else is not found for a staff member limited to their own records. */
export async function loadSettlement(db: Queryable, actor: Actor, kind: SettlementKind, id: string): Promise<Settlement> {
  const [row] = await db.query(`SELECT ${settlementColumns} FROM money_documents m WHERE m.shop_id = $1 AND m.id = $2 AND m.kind = $3`, [
    actor.shopId,
    id,
    kind,
  ]);
  if (!row || (!can(actor, 'viewOthersRecords') && row.created_by !== actor.userId)) throw notFound(kind === 'receipt' ? 'Receipt' : 'Payment');
  return toSettlement(row);
}
