import { IdParams, MarkPaidRequest, Order, OrderList, OrderListQuery, PackingSlipImageQuery, PackingSlipQuery, ReasonRequest, ShipRequest } from '@xiaocang/contracts';
import { actorOf, pathId } from '../http/context.ts';
import { sendSheet } from '../http/send-file.ts';
import { cancelOrder, markOrderPaid, resolveRefund } from '../use-cases/orders/order-actions.ts';
import { shipOrder } from '../use-cases/orders/ship-order.ts';
import { printPackingSlip } from '../use-cases/orders/print-packing-slip.ts';
import { getShopOrder, listShopOrders } from '../use-cases/orders/view-orders.ts';
import type { OnlinePayment } from '../integrations/config.ts';
import type { RouteModule } from './types.ts';
import { writeOnce } from './write-once.ts';

const tags = ['orders'];

/** The merchant's orders: the list by tab, an order and its packing slip, taking payment, shipping, cancelling, and refunds. */
export const orderRoutes =
  (payments: OnlinePayment): RouteModule =>
  (app, db) => {
  const id = (params: { id: string }) => pathId(params.id, 'Order');
  app.get('/api/orders', { schema: { tags, querystring: OrderListQuery, response: { 200: OrderList } } }, async (request) =>
    listShopOrders(db, actorOf(request), request.query),
  );
  app.get('/api/orders/:id', { schema: { tags, params: IdParams, response: { 200: Order } } }, async (request) => getShopOrder(db, actorOf(request), id(request.params)));
  app.get('/api/orders/:id/packing-slip.png', { schema: { tags, params: IdParams, querystring: PackingSlipImageQuery } }, async (request, reply) =>
    sendSheet(reply, await printPackingSlip(db, actorOf(request), { orderId: id(request.params), shipmentId: request.query.shipmentId, format: 'image' })),
  );
  app.get('/api/orders/:id/packing-slip.pdf', { schema: { tags, params: IdParams, querystring: PackingSlipQuery } }, async (request, reply) => {
    const { layout, shipmentId } = request.query;
    return sendSheet(reply, await printPackingSlip(db, actorOf(request), { orderId: id(request.params), shipmentId, format: layout }), layout === 'a4' ? '' : `-${layout}mm`);
  });
  app.post('/api/orders/:id/mark-paid', { schema: { tags, params: IdParams, body: MarkPaidRequest, response: { 200: Order } } }, async (request) =>
    markOrderPaid(db, actorOf(request), { id: id(request.params), paymentAccountId: request.body.paymentAccountId }),
  );
  // A shipment may send part of the order, so a retried request must not send it twice: an Idempotency-Key makes it once.
  app.post('/api/orders/:id/ship', { schema: { tags, params: IdParams, body: ShipRequest, response: { 200: Order } } }, async (request, reply) =>
    writeOnce(db, request, reply, 200, shipOrder, { id: id(request.params), ...request.body }),
  );
  app.post('/api/orders/:id/cancel', { schema: { tags, params: IdParams, body: ReasonRequest, response: { 200: Order } } }, async (request) =>
    cancelOrder(db, { actor: actorOf(request) }, { id: id(request.params), reason: request.body.reason }),
  );
  app.post('/api/orders/:id/refund/approve', { schema: { tags, params: IdParams, response: { 200: Order } } }, async (request) =>
    resolveRefund(db, actorOf(request), { id: id(request.params), approve: true }, payments),
  );
  app.post('/api/orders/:id/refund/refuse', { schema: { tags, params: IdParams, body: ReasonRequest, response: { 200: Order } } }, async (request) =>
    resolveRefund(db, actorOf(request), { id: id(request.params), approve: false, reason: request.body.reason }, payments),
  );
};
