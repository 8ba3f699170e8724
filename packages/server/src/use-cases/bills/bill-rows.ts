import type { Bill, BillLine } from '@xiaocang/contracts';
import { formatMoney, formatQuantity, formatUnitCost } from '@xiaocang/domain';
import type { Queryable } from '../../db/database.ts';
import { notFound } from '../../errors.ts';

export const BILL_SELECT = `
  SELECT b.*, sp.name AS stock_point_name, s.name AS supplier_name, c.name AS customer_name, u.real_name AS created_by_name
    FROM stock_bills b
    JOIN stock_points sp ON sp.shop_id = b.shop_id AND sp.id = b.stock_point_id
    JOIN users u ON u.shop_id = b.shop_id AND u.id = b.created_by
    LEFT JOIN suppliers s ON s.shop_id = b.shop_id AND s.id = b.supplier_id
    LEFT JOIN customers c ON c.shop_id = b.shop_id AND c.id = b.customer_id`;

type Row = Record<string, unknown>;
const str = (value: unknown) => value as string;
const maybe = (value: unknown) => (value ?? null) as string | null;
const time = (value: unknown) => (value ? (value as Date).toISOString() : null);

export function toBill(row: Row, lines?: Row[]): Bill {
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
    totalAmount: formatMoney(str(row.total_amount)),
    totalCost: row.total_cost === null ? null : formatMoney(str(row.total_cost)),
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
    reversedById: maybe(row.reversed_by_id),
    transferPeerId: maybe(row.transfer_peer_id),
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

/** A bill with its lines; another shop's bill, or a deleted draft, is not found. */
export async function loadBill(db: Queryable, shopId: string, billId: string): Promise<Bill> {
  const [row] = await db.query(`${BILL_SELECT} WHERE b.shop_id = $1 AND b.id = $2 AND b.status <> 'deleted'`, [shopId, billId]);
  if (!row) throw notFound('Bill');
  const lines = await db.query('SELECT * FROM stock_bill_lines WHERE shop_id = $1 AND bill_id = $2 ORDER BY line_no', [shopId, billId]);
  return toBill(row, lines);
}
