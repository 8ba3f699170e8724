import type { Bill, BillLine } from '@xiaocang/contracts';
import { billValuation, formatMoney, formatQuantity, formatUnitCost, moneyText, moneyUnits } from '@xiaocang/domain';
import type { Queryable } from '../../db/database.ts';
import { notFound } from '../../errors.ts';

/**
 * The output columns of a bill row `b`: the row (which keeps its counterparty's name as it was when the
 * bill was made), the other names and what posting did, which lives in the ledger (the cost of goods, a
 * posted bill's signed cost, null before posting, and for transfers the amount, which is that cost).
 * Scalar subqueries only, so the same list serves a SELECT and the RETURNING of the statement that changes
 * the bill (no second round trip to read it back).
 * With lines, a posted line shows what it did from its ledger row; a transfer's lines are priced at that cost.
 * `ledger` names where the bill's ledger rows are: the table, or the CTE of the statement that writes them.
 */
export function billColumns({ withLines, ledger = 'stock_ledger' }: { withLines: boolean; ledger?: string }): string {
  return `b.*,
    (SELECT name FROM stock_points sp WHERE sp.shop_id = b.shop_id AND sp.id = b.stock_point_id) AS stock_point_name,
    (SELECT real_name FROM users u WHERE u.shop_id = b.shop_id AND u.id = b.created_by) AS created_by_name,
    (SELECT bill_no FROM stock_bills r WHERE r.shop_id = b.shop_id AND r.id = b.reversal_of_id) AS reversal_of_bill_no,
    (SELECT bill_no FROM stock_bills r WHERE r.shop_id = b.shop_id AND r.id = b.reversed_by_id) AS reversed_by_bill_no,
    (SELECT name FROM payment_accounts a WHERE a.shop_id = b.shop_id AND a.id = b.payment_account_id) AS payment_account_name,
    (SELECT d.settled FROM bill_dues d WHERE d.shop_id = b.shop_id AND d.bill_id = b.id) AS settled_amount,
    (SELECT sum(l.cost_amount) FROM ${ledger} l WHERE l.shop_id = b.shop_id AND l.bill_id = b.id)
      * CASE b.direction WHEN 'in' THEN 1 ELSE -1 END AS total_cost,
    CASE WHEN b.transfer_peer_id IS NULL THEN b.total_amount
         ELSE COALESCE((SELECT sum(l.amount) FROM ${ledger} l WHERE l.shop_id = b.shop_id AND l.bill_id = b.id), 0) END AS shown_amount${withLines ? `,
    (SELECT json_agg(json_build_object(
              'id', sl.id::text, 'line_no', sl.line_no, 'product_id', sl.product_id::text, 'product_name', sl.product_name,
              'product_code', sl.product_code, 'unit', sl.unit, 'specification', sl.specification, 'quantity', sl.quantity::text,
              'unit_price', (CASE WHEN l.in_stats = false THEN l.unit_price ELSE sl.unit_price END)::text,
              'amount', (CASE WHEN l.in_stats = false THEN l.amount ELSE sl.amount END)::text,
              'unit_cost', l.unit_cost::text,
              'cost_amount', (l.cost_amount * CASE sl.direction WHEN 'in' THEN 1 ELSE -1 END)::text,
              'stock_before', (l.balance_quantity - l.quantity)::text, 'stock_after', l.balance_quantity::text) ORDER BY sl.line_no)
       FROM stock_bill_lines sl LEFT JOIN ${ledger} l ON l.shop_id = sl.shop_id AND l.line_id = sl.id
      WHERE sl.shop_id = b.shop_id AND sl.bill_id = b.id) AS lines` : ''}`;
}

type Row = Record<string, unknown>;
const str = (value: unknown) => value as string;
const maybe = (value: unknown) => (value ?? null) as string | null;
const time = (value: unknown) => (value ? (value as Date).toISOString() : null);

/**
 * What a bill leaves owed: its total less what was paid at once and what receipts or payments settled.
 * A bill without a counterparty owes nobody; a reversed or rejected bill, or a reversal, owes nothing.
 * Read from the bill's own columns, so a bill answered by the statement that posts it shows it too.
 */
function outstandingOf(row: Row, settled: string): string {
  const owes = (row.customer_id ?? row.supplier_id) !== null && row.kind === 'normal' && row.status !== 'reversed' && row.status !== 'rejected';
  return owes ? moneyText(moneyUnits(str(row.total_amount)) - moneyUnits(str(row.paid_amount)) - moneyUnits(settled)) : '0.00';
}

/** A row of `billColumns`; its lines when it has them. */
export function toBill(row: Row): Bill {
  const lines = row.lines === undefined ? undefined : ((row.lines ?? []) as Row[]);
  const settled = formatMoney(str(row.settled_amount ?? '0'));
  return {
    id: str(row.id),
    billNo: str(row.bill_no),
    direction: row.direction as Bill['direction'],
    kind: row.kind as Bill['kind'],
    billType: str(row.bill_type),
    billDate: str(row.bill_date),
    stockPointId: str(row.stock_point_id),
    stockPointName: str(row.stock_point_name),
    supplierId: maybe(row.supplier_id),
    supplierName: maybe(row.supplier_name),
    customerId: maybe(row.customer_id),
    customerName: maybe(row.customer_name),
    totalQuantity: formatQuantity(str(row.total_quantity)),
    totalAmount: formatMoney(str(row.shown_amount)),
    totalCost: row.total_cost === null || row.total_cost === undefined ? null : formatMoney(str(row.total_cost)),
    valuation: billValuation({ direction: row.direction as Bill['direction'], billType: str(row.bill_type), transferPeerId: maybe(row.transfer_peer_id) }),
    remarks: str(row.remarks),
    attachments: row.attachments as Bill['attachments'],
    status: row.status as Bill['status'],
    approvalStatus: (row.approval_status ?? null) as Bill['approvalStatus'],
    approvedBy: maybe(row.approved_by),
    approvedAt: time(row.approved_at),
    rejectedReason: maybe(row.rejected_reason),
    confirmedBy: maybe(row.confirmed_by),
    confirmedAt: time(row.confirmed_at),
    reversalOfId: maybe(row.reversal_of_id),
    reversalOfBillNo: maybe(row.reversal_of_bill_no),
    reversedById: maybe(row.reversed_by_id),
    reversedByBillNo: maybe(row.reversed_by_bill_no),
    transferPeerId: maybe(row.transfer_peer_id),
    paidAmount: formatMoney(str(row.paid_amount)),
    paymentAccountId: maybe(row.payment_account_id),
    paymentAccountName: maybe(row.payment_account_name),
    settledAmount: settled,
    outstandingAmount: outstandingOf(row, settled),
    createdBy: str(row.created_by),
    createdByName: str(row.created_by_name),
    createdAt: time(row.created_at)!,
    updatedAt: time(row.updated_at)!,
    ...(lines ? { lines: lines.map(toBillLine) } : {}),
  };
}

function toBillLine(row: Row): BillLine {
  const optional = (value: unknown, format: (v: string) => string) => (value === null ? null : format(str(value)));
  return {
    id: str(row.id),
    lineNo: row.line_no as number,
    productId: str(row.product_id),
    productName: str(row.product_name),
    productCode: maybe(row.product_code),
    unit: str(row.unit),
    specification: str(row.specification),
    quantity: formatQuantity(str(row.quantity)),
    unitPrice: formatUnitCost(str(row.unit_price)),
    amount: formatMoney(str(row.amount)),
    unitCost: optional(row.unit_cost, formatUnitCost),
    costAmount: optional(row.cost_amount, formatMoney),
    stockBefore: optional(row.stock_before, formatQuantity),
    stockAfter: optional(row.stock_after, formatQuantity),
  };
}

/** A bill with its lines, in one query; another shop's bill, or a deleted draft, is not found. */
export async function loadBill(db: Queryable, shopId: string, billId: string): Promise<Bill> {
  const [row] = await db.query(`SELECT ${billColumns({ withLines: true })} FROM stock_bills b WHERE b.shop_id = $1 AND b.id = $2 AND b.status <> 'deleted'`, [
    shopId,
    billId,
  ]);
  if (!row) throw notFound('Bill');
  return toBill(row);
}
