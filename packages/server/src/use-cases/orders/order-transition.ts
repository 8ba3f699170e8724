import { orderTransition, ORDER_STATUS_LABEL, type OrderAction, type OrderStatus, type ShippableLine } from '@xiaocang/domain';
import type { Queryable } from '../../db/database.ts';
import { invalidState, notFound } from '../../errors.ts';
import { shippedQuantity } from './order-rows.ts';

export interface LockedOrder {
  id: string;
  order_no: string;
  status: OrderStatus;
  status_before_refund: OrderStatus | null;
  account_id: string;
  customer_id: string;
  total_amount: string;
  bill_id: string | null;
  /** The customer's refund request, once made. */
  refund: Record<string, unknown> | null;
}

/** Locks an order for a change; with `accountId`, only that customer's order is found. */
export async function lockOrder(db: Queryable, shopId: string, id: string, accountId?: string): Promise<LockedOrder> {
  const [order] = await db.query<LockedOrder>(
    `SELECT id::text, order_no, status, status_before_refund, account_id::text, customer_id::text, total_amount::text, bill_id::text, refund
       FROM orders WHERE shop_id = $1 AND id = $2 AND ($3::bigint IS NULL OR account_id = $3) FOR UPDATE`,
    [shopId, id, accountId ?? null],
  );
  if (!order) throw notFound('Order');
  return order;
}

/** The status `action` takes the order to, or the refusal when the state machine does not allow it there. */
export function statusAfter(order: LockedOrder, action: OrderAction): OrderStatus {
  const to = orderTransition(order.status, action, order.status_before_refund ?? undefined);
  if (!to) throw invalidState(`An order that is ${ORDER_STATUS_LABEL[order.status]} (${order.status}) cannot be ${action}`);
  return to;
}

/** The order's lines with what its shipments have sent of each. */
export const shippableLines = (db: Queryable, shopId: string, orderId: string) =>
  db.query<ShippableLine>(
    `SELECT l.line_no AS "lineNo", l.quantity::text AS quantity, ${shippedQuantity('l')} AS "shippedQuantity"
       FROM order_lines l WHERE l.shop_id = $1 AND l.order_id = $2 ORDER BY l.line_no`,
    [shopId, orderId],
  );

/**
 * Moves a locked order by the state machine (domain/orders.ts), refusing what does not apply in its status,
 * and records who did it: a user of the shop, the customer, or the system (neither).
 */
export async function moveOrder(
  db: Queryable,
  shopId: string,
  order: LockedOrder,
  action: OrderAction,
  by: { userId?: string; customerId?: string },
  data: Record<string, unknown> = {},
): Promise<OrderStatus> {
  const to = statusAfter(order, action);
  await db.query(
    `WITH moved AS (UPDATE orders SET status = $3 WHERE shop_id = $1 AND id = $2)
     INSERT INTO order_events (shop_id, order_id, action, from_status, to_status, by_user, by_customer, data) VALUES ($1, $2, $4, $5, $3, $6, $7, $8)`,
    [shopId, order.id, to, action, order.status, by.userId ?? null, by.customerId ?? null, JSON.stringify(data)],
  );
  return to;
}
