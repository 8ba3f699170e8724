import { IdParams, MarkPaidRequest, Order, OrderList, OrderListQuery, ReasonRequest, ShipRequest } from '@xiaocang/contracts';
import { actorOf, pathId } from '../http/context.ts';
import { cancelOrder, markOrderPaid, resolveRefund } from '../use-cases/orders/order-actions.ts';
import { shipOrder } from '../use-cases/orders/ship-order.ts';
import { getShopOrder, listShopOrders } from '../use-cases/orders/view-orders.ts';
import type { RouteModule } from './types.ts';
import { writeOnce } from './write-once.ts';

const tags = ['orders'];

/** The merchant's orders: the list by tab, an order, taking payment, shipping, cancelling, and refunds. */
export const orderRoutes: RouteModule = (app, db) => {
  const id = (params: { id: string }) => pathId(params.id, 'Order');
  app.get('/api/orders', { schema: { tags, querystring: OrderListQuery, response: { 200: OrderList } } }, async (request) =>
    listShopOrders(db, actorOf(request), request.query),
  );
  app.get('/api/orders/:id', { schema: { tags, params: IdParams, response: { 200: Order } } }, async (request) => getShopOrder(db, actorOf(request), id(request.params)));
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
    resolveRefund(db, actorOf(request), { id: id(request.params), approve: true }),
  );
  app.post('/api/orders/:id/refund/refuse', { schema: { tags, params: IdParams, body: ReasonRequest, response: { 200: Order } } }, async (request) =>
    resolveRefund(db, actorOf(request), { id: id(request.params), approve: false, reason: request.body.reason }),
  );
};
