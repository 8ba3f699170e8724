import type { Order, ShipRequest } from '@xiaocang/contracts';
import { planShipment, ShipmentProblem, shipmentAction, type ShipmentPlan } from '@xiaocang/domain';
import type { Transaction } from '../../db/database.ts';
import { invalid } from '../../errors.ts';
import type { UseCase } from '../use-case.ts';
import { requireOrderDesk } from './order-actions.ts';
import { loadOrder } from './order-rows.ts';
import { lockOrder, moveOrder, shippableLines, statusAfter } from './order-transition.ts';

/**
 * One shipment of a paid order: a carrier, a tracking number, and the lines (or parts of lines) it sends,
 * by default everything not yet sent. The order is locked first, so two shipments of the same order run one
 * after the other and the second sees what the first sent. The shipment that sends the last of the order
 * moves it to shipped; an earlier one leaves it paid (部分发货). Each is an order event.
 */
export const shipOrder: UseCase<Transaction, ShipRequest & { id: string }, Order> = async (tx, actor, input) => {
  requireOrderDesk(actor);
  const order = await lockOrder(tx, actor.shopId, input.id);
  statusAfter(order, 'ship');
  let plan: ShipmentPlan;
  try {
    plan = planShipment(await shippableLines(tx, actor.shopId, order.id), input.lines);
  } catch (error) {
    if (error instanceof ShipmentProblem) throw invalid(error.field, error.message);
    throw error;
  }
  const [shipment] = await tx.query<{ id: string }>(
    'INSERT INTO order_shipments (shop_id, order_id, carrier, tracking_no, created_by) VALUES ($1, $2, $3, $4, $5) RETURNING id::text',
    [actor.shopId, order.id, input.carrier, input.trackingNo, actor.userId],
  );
  await tx.query(
    'INSERT INTO order_shipment_lines (shop_id, shipment_id, order_id, line_no, quantity) SELECT $1, $2, $3, unnest($4::int[]), unnest($5::numeric[])',
    [actor.shopId, shipment!.id, order.id, plan.lines.map((line) => line.lineNo), plan.lines.map((line) => line.quantity)],
  );
  // WeChat must be told of each parcel of an order it took the money for; the background pass sends it.
  await tx.query(
    `UPDATE order_shipments s SET wechat_upload = 'pending', wechat_next_at = now(), wechat_all_delivered = $3,
            wechat_first_shipment = NOT EXISTS (SELECT 1 FROM order_shipments p WHERE p.shop_id = s.shop_id AND p.order_id = s.order_id AND p.id < s.id)
       FROM orders o
      WHERE s.shop_id = $1 AND s.id = $2 AND o.shop_id = s.shop_id AND o.id = s.order_id AND o.payment_method = 'wechatPay' AND o.transaction_id IS NOT NULL`,
    [actor.shopId, shipment!.id, plan.completesOrder],
  );
  await moveOrder(tx, actor.shopId, order, shipmentAction(plan.completesOrder), { userId: actor.userId }, {
    shipmentId: shipment!.id,
    carrier: input.carrier,
    trackingNo: input.trackingNo,
    lines: plan.lines,
  });
  return loadOrder(tx, actor.shopId, order.id);
};
