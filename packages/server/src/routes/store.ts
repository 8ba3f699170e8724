import {
  AddressInput,
  AddressList,
  CustomerLoginRequest,
  CustomerRegisterRequest,
  CustomerSession,
  Order,
  OrderList,
  OrderListQuery,
  PlaceOrderRequest,
  ReasonRequest,
  RefundRequest,
  StoreGoods,
  StoreGoodsList,
  StoreGoodsQuery,
  StoreInfo,
  StoreItemParams,
  StoreParams,
  WechatCodeInput,
  WechatPayParams,
} from '@xiaocang/contracts';
import type { FastifyRequest } from 'fastify';
import type { Database } from '../db/database.ts';
import { AppError, invalid, notFound } from '../errors.ts';
import { bearerToken } from '../http/authenticate.ts';
import { pathId } from '../http/context.ts';
import { ADDRESS_LIMITS } from '../http/rate-limits.ts';
import type { OutsideChannels } from '../use-cases/notifications/outside-channels.ts';
import { cancelOrder, confirmReceipt, requestRefund } from '../use-cases/orders/order-actions.ts';
import { listOrders, loadOrder } from '../use-cases/orders/order-rows.ts';
import { placeOrder } from '../use-cases/orders/place-order.ts';
import { deleteAddress, listAddresses, saveAddress } from '../use-cases/store/addresses.ts';
import { loginCustomer, registerCustomer, shopperOf, wechatLoginCustomer, type Shopper } from '../use-cases/store/customer-accounts.ts';
import { getStoreGoods, listStoreGoods } from '../use-cases/store/store-goods.ts';
import type { OnlinePayment } from '../integrations/config.ts';
import { checkWechatPayments } from '../use-cases/payments/check-wechat-payments.ts';
import { prepareWechatPayment } from '../use-cases/payments/prepare-wechat-payment.ts';
import { wechatPaySetup } from '../use-cases/payments/wechat-pay-setup.ts';
import type { RouteModule } from './types.ts';

const tags = ['store'];

/** The shop a storefront path names. */
const shopOf = (params: { shopId: string }) => pathId(params.shopId, 'Shop');

/** The signed-in customer of the shop in the path: a storefront token, never a staff session. */
async function shopperFor(db: Database, request: FastifyRequest): Promise<Shopper> {
  const shopper = await shopperOf(db, shopOf(request.params as { shopId: string }), bearerToken(request));
  if (!shopper) throw new AppError('UNAUTHENTICATED', 'Please sign in to the shop');
  return shopper;
}

function idempotencyKeyOf(request: FastifyRequest): string | undefined {
  const key = request.headers['idempotency-key'];
  if (key === undefined) return undefined;
  if (typeof key !== 'string' || key.length === 0 || key.length > 100) throw invalid('Idempotency-Key', 'must be 1 to 100 characters');
  return key;
}

/** The customer's storefront: signing in, the goods, addresses and their own orders. No staff session works here, nor a customer's elsewhere. */
export const storeRoutes =
  (outside: OutsideChannels, payments: OnlinePayment): RouteModule =>
  (app, db) => {
    const base = '/api/store/:shopId';
    const item = (params: { id: string }) => pathId(params.id, 'Record');
    app.get(base, { schema: { tags, security: [], params: StoreParams, response: { 200: StoreInfo } } }, async (request) => {
      const [shop] = await db.query<{ id: string; name: string }>('SELECT id::text, name FROM shops WHERE id = $1', [shopOf(request.params)]);
      if (!shop) throw notFound('Shop');
      const wechatPay = await wechatPaySetup(db, shop.id, payments);
      return { shopId: shop.id, shopName: shop.name, wechatSignIn: outside.codeToOpenId !== undefined, wechatPay: wechatPay.off === null };
    });
    app.post(
      `${base}/register`,
      { config: { rateLimit: ADDRESS_LIMITS.customerRegister }, schema: { tags, security: [], params: StoreParams, body: CustomerRegisterRequest, response: { 201: CustomerSession } } },
      async (request, reply) => reply.status(201).send(await registerCustomer(db, shopOf(request.params), request.body)),
    );
    app.post(
      `${base}/login`,
      { config: { rateLimit: ADDRESS_LIMITS.login }, schema: { tags, security: [], params: StoreParams, body: CustomerLoginRequest, response: { 200: CustomerSession } } },
      async (request) => loginCustomer(db, shopOf(request.params), request.body),
    );
    app.post(
      `${base}/wechat-login`,
      { config: { rateLimit: ADDRESS_LIMITS.login }, schema: { tags, security: [], params: StoreParams, body: WechatCodeInput, response: { 200: CustomerSession } } },
      async (request) => wechatLoginCustomer(db, shopOf(request.params), request.body, outside),
    );
    app.get(`${base}/goods`, { schema: { tags, params: StoreParams, querystring: StoreGoodsQuery, response: { 200: StoreGoodsList } } }, async (request) =>
      listStoreGoods(db, await shopperFor(db, request), request.query),
    );
    app.get(`${base}/goods/:id`, { schema: { tags, params: StoreItemParams, response: { 200: StoreGoods } } }, async (request) =>
      getStoreGoods(db, await shopperFor(db, request), item(request.params)),
    );
    app.get(`${base}/addresses`, { schema: { tags, params: StoreParams, response: { 200: AddressList } } }, async (request) => listAddresses(db, await shopperFor(db, request)));
    app.post(`${base}/addresses`, { schema: { tags, params: StoreParams, body: AddressInput, response: { 200: AddressList } } }, async (request) =>
      saveAddress(db, await shopperFor(db, request), { address: request.body }),
    );
    app.put(`${base}/addresses/:id`, { schema: { tags, params: StoreItemParams, body: AddressInput, response: { 200: AddressList } } }, async (request) =>
      saveAddress(db, await shopperFor(db, request), { id: item(request.params), address: request.body }),
    );
    app.delete(`${base}/addresses/:id`, { schema: { tags, params: StoreItemParams, response: { 200: AddressList } } }, async (request) =>
      deleteAddress(db, await shopperFor(db, request), item(request.params)),
    );
    app.post(`${base}/orders`, { schema: { tags, params: StoreParams, body: PlaceOrderRequest, response: { 201: Order } } }, async (request, reply) =>
      reply.status(201).send(await placeOrder(db, await shopperFor(db, request), request.body, idempotencyKeyOf(request))),
    );
    app.get(`${base}/orders`, { schema: { tags, params: StoreParams, querystring: OrderListQuery, response: { 200: OrderList } } }, async (request) => {
      const shopper = await shopperFor(db, request);
      return listOrders(db, shopper.shopId, request.query, shopper.accountId);
    });
    app.get(`${base}/orders/:id`, { schema: { tags, params: StoreItemParams, response: { 200: Order } } }, async (request) => {
      const shopper = await shopperFor(db, request);
      const order = await loadOrder(db, shopper.shopId, item(request.params), shopper.accountId);
      // Back from paying, the customer reads the order again: if WeChat Pay's notification has not come, WeChat Pay is asked.
      if (order.status !== 'pendingPayment' || !(await checkWechatPayments(db, payments, new Date(), {}, { shopId: shopper.shopId, orderId: order.id }))) return order;
      return loadOrder(db, shopper.shopId, order.id, shopper.accountId);
    });
    app.post(`${base}/orders/:id/wechat-pay`, { schema: { tags, params: StoreItemParams, response: { 200: WechatPayParams } } }, async (request) =>
      prepareWechatPayment(db, await shopperFor(db, request), item(request.params), payments),
    );
    app.post(`${base}/orders/:id/cancel`, { schema: { tags, params: StoreItemParams, body: ReasonRequest, response: { 200: Order } } }, async (request) =>
      cancelOrder(db, { shopper: await shopperFor(db, request) }, { id: item(request.params), reason: request.body.reason }),
    );
    app.post(`${base}/orders/:id/confirm-receipt`, { schema: { tags, params: StoreItemParams, response: { 200: Order } } }, async (request) =>
      confirmReceipt(db, await shopperFor(db, request), item(request.params)),
    );
    app.post(`${base}/orders/:id/refund`, { schema: { tags, params: StoreItemParams, body: RefundRequest, response: { 200: Order } } }, async (request) =>
      requestRefund(db, await shopperFor(db, request), { id: item(request.params), ...request.body }),
    );
  };
