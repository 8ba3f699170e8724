import type { Order } from '@xiaocang/contracts';
import { fenToMoney, formatMoney, formatQuantity, ORDER_TABS, remainingQuantity, shippingProgress, type OrderStatus, type OrderTab } from '@xiaocang/domain';
import type { Queryable } from '../../db/database.ts';
import { notFound } from '../../errors.ts';

/** What the shipments of an order have sent of its line `l` (the alias of an order_lines row), as text. */
export const shippedQuantity = (l: string) =>
  `(SELECT COALESCE(sum(sl.quantity), 0) FROM order_shipment_lines sl WHERE sl.shop_id = ${l}.shop_id AND sl.order_id = ${l}.order_id AND sl.line_no = ${l}.line_no)::text`;

/** The select list, with `extraColumns` first (e.g. a window count of all rows). */
const orderSelect = (extraColumns = ''): string => `SELECT ${extraColumns}o.id::text, o.order_no, o.status, o.customer_id::text, c.name AS customer_name, COALESCE(a.phone, c.phone) AS customer_phone,
       o.total_amount::text, o.address, o.note, o.created_at, o.expires_at, o.paid_at, o.bill_id::text, o.refund_bill_id::text, o.cancel_reason,
       o.completed_at, o.refund, o.payment_method, o.transaction_id, o.payment_problem,
       (SELECT COALESCE(json_agg(json_build_object('outRefundNo', r.out_refund_no, 'fen', r.refund_fen::text, 'status', r.status, 'createdAt', r.created_at,
                                                   'resolvedAt', r.resolved_at) ORDER BY r.created_at DESC, r.out_refund_no), '[]')
          FROM wechat_refunds r WHERE r.shop_id = o.shop_id AND r.order_id = o.id) AS online_refunds,
       (SELECT json_agg(json_build_object('lineNo', l.line_no, 'goodsId', l.goods_id::text, 'title', l.title, 'unitPrice', l.unit_price::text, 'quantity', l.quantity::text,
                                          'amount', l.amount::text, 'shippedQuantity', ${shippedQuantity('l')}) ORDER BY l.line_no)
          FROM order_lines l WHERE l.shop_id = o.shop_id AND l.order_id = o.id) AS lines,
       (SELECT COALESCE(json_agg(json_build_object('id', s.id::text, 'carrier', s.carrier, 'trackingNo', s.tracking_no, 'createdAt', s.created_at,
                                                   'wechatUpload', s.wechat_upload, 'wechatUploadError', s.wechat_error,
                                                   'lines', (SELECT json_agg(json_build_object('lineNo', sl.line_no, 'title', l.title, 'quantity', sl.quantity::text) ORDER BY sl.line_no)
                                                               FROM order_shipment_lines sl JOIN order_lines l ON l.shop_id = sl.shop_id AND l.order_id = sl.order_id AND l.line_no = sl.line_no
                                                              WHERE sl.shop_id = s.shop_id AND sl.shipment_id = s.id)) ORDER BY s.id), '[]')
          FROM order_shipments s WHERE s.shop_id = o.shop_id AND s.order_id = o.id) AS shipments
  FROM orders o JOIN customers c ON c.shop_id = o.shop_id AND c.id = o.customer_id
  JOIN customer_accounts a ON a.shop_id = o.shop_id AND a.id = o.account_id`;

interface OrderRow {
  id: string;
  order_no: string;
  status: OrderStatus;
  customer_id: string;
  customer_name: string;
  customer_phone: string;
  total_amount: string;
  address: Order['address'];
  note: string;
  created_at: Date;
  expires_at: Date;
  paid_at: Date | null;
  bill_id: string | null;
  refund_bill_id: string | null;
  cancel_reason: string | null;
  completed_at: Date | null;
  refund: Order['refund'];
  lines: Array<Omit<Order['lines'][number], 'remainingQuantity'>>;
  shipments: Array<Omit<Order['shipments'][number], 'createdAt'> & { createdAt: string }>;
  payment_method: Order['paymentMethod'];
  transaction_id: string | null;
  payment_problem: string | null;
  online_refunds: Array<{ outRefundNo: string; fen: string; status: Order['onlineRefunds'][number]['status']; createdAt: string; resolvedAt: string | null }>;
}

const iso = (moment: Date | null) => moment?.toISOString() ?? null;

const toOrder = (row: OrderRow): Order => ({
  id: row.id,
  orderNo: row.order_no,
  status: row.status,
  customerId: row.customer_id,
  customerName: row.customer_name,
  customerPhone: row.customer_phone,
  totalAmount: formatMoney(row.total_amount),
  lines: row.lines.map((line) => ({
    ...line,
    unitPrice: formatMoney(line.unitPrice),
    quantity: formatQuantity(line.quantity),
    amount: formatMoney(line.amount),
    shippedQuantity: formatQuantity(line.shippedQuantity),
    remainingQuantity: remainingQuantity(line),
  })),
  shipping: shippingProgress(row.lines),
  address: row.address,
  note: row.note,
  createdAt: row.created_at.toISOString(),
  expiresAt: row.expires_at.toISOString(),
  paidAt: iso(row.paid_at),
  billId: row.bill_id,
  refundBillId: row.refund_bill_id,
  shipments: row.shipments.map((shipment) => ({
    ...shipment,
    createdAt: new Date(shipment.createdAt).toISOString(),
    lines: shipment.lines.map((line) => ({ ...line, quantity: formatQuantity(line.quantity) })),
  })),
  refund: row.refund,
  cancelReason: row.cancel_reason,
  completedAt: iso(row.completed_at),
  paymentMethod: row.payment_method,
  transactionId: row.transaction_id,
  paymentProblem: row.payment_problem,
  onlineRefunds: row.online_refunds.map((refund) => ({
    outRefundNo: refund.outRefundNo,
    amount: fenToMoney(refund.fen),
    status: refund.status,
    createdAt: new Date(refund.createdAt).toISOString(),
    resolvedAt: refund.resolvedAt ? new Date(refund.resolvedAt).toISOString() : null,
  })),
});

/** One order of the shop; with `accountId`, only if it is that customer's (another's is simply not found). */
export async function loadOrder(db: Queryable, shopId: string, id: string, accountId?: string): Promise<Order> {
  const [row] = await db.query<OrderRow>(`${orderSelect()} WHERE o.shop_id = $1 AND o.id = $2 AND ($3::bigint IS NULL OR o.account_id = $3)`, [shopId, id, accountId ?? null]);
  if (!row) throw notFound('Order');
  return toOrder(row);
}

/** Orders newest first by tab, with the count of every tab; with `accountId`, one customer's only. */
export async function listOrders(db: Queryable, shopId: string, query: { page: number; pageSize: number; tab?: OrderTab | undefined }, accountId?: string) {
  const statuses = query.tab ? [...ORDER_TABS[query.tab]] : null;
  const rows = await db.query<OrderRow & { total: string }>(
    `${orderSelect('count(*) OVER () AS total, ')}
      WHERE o.shop_id = $1 AND ($2::bigint IS NULL OR o.account_id = $2) AND ($3::text[] IS NULL OR o.status = ANY($3))
      ORDER BY o.id DESC LIMIT $4 OFFSET $5`,
    [shopId, accountId ?? null, statuses, query.pageSize, (query.page - 1) * query.pageSize],
  );
  const counts = await db.query<{ status: OrderStatus; count: number }>(
    'SELECT status, count(*)::int AS count FROM orders WHERE shop_id = $1 AND ($2::bigint IS NULL OR account_id = $2) GROUP BY status',
    [shopId, accountId ?? null],
  );
  const tabCounts = Object.fromEntries(
    (Object.keys(ORDER_TABS) as OrderTab[]).map((tab) => [tab, counts.filter((count) => (ORDER_TABS[tab] as readonly string[]).includes(count.status)).reduce((sum, count) => sum + count.count, 0)]),
  ) as Record<OrderTab, number>;
  return { items: rows.map(toOrder), total: Number(rows[0]?.total ?? 0), page: query.page, pageSize: query.pageSize, tabCounts };
}
