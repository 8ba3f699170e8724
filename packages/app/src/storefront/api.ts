import Taro from '@tarojs/taro';
import type {
  AddressInput as AddressInputSchema,
  CustomerSession,
  Order,
  OrderList,
  PlaceOrderRequest,
  RefundKind as RefundKindSchema,
  SavedAddress as SavedAddressSchema,
  StoreGoods,
  StoreGoodsList as StoreGoodsListSchema,
  StoreInfo as StoreInfoSchema,
  WechatPayParams,
} from '@xiaocang/contracts';
import type { z } from 'zod';
import { requestAs, type Method, type Query, type RequestOptions } from '../api/client';
import { currentUrl, shopUrl } from './routes';

/** A customer's own session per shop, kept apart from the merchant's staff token (`xiaocang.token`). */
const tokenKey = (shopId: string) => `xiaocang.shopper.${shopId}`;

export function readShopToken(shopId: string): string | null {
  const token: unknown = Taro.getStorageSync(tokenKey(shopId));
  return typeof token === 'string' && token !== '' ? token : null;
}

export function writeShopToken(shopId: string, token: string | null): void {
  if (token) Taro.setStorageSync(tokenKey(shopId), token);
  else Taro.removeStorageSync(tokenKey(shopId));
}

/** Sends a customer who is not (or no longer) signed in to the login screen, and back here afterwards. */
export function toLogin(shopId: string): void {
  const back = currentUrl();
  void Taro.redirectTo({ url: shopUrl('login', shopId, back && !back.startsWith('/sub/shop/login') ? { back } : {}) });
}

function call<T>(shopId: string, method: Method, path: string, options: RequestOptions = {}): Promise<T> {
  const token = readShopToken(shopId);
  return requestAs<T>(
    {
      token,
      onExpired: () => {
        writeShopToken(shopId, null);
        toLogin(shopId);
      },
    },
    method,
    `/store/${encodeURIComponent(shopId)}${path}`,
    options,
  );
}

/** Shapes of the storefront's routes, from the contracts (types only: no zod in the bundle). */
export type StoreInfo = z.infer<typeof StoreInfoSchema>;
export type { CustomerSession, Order, OrderList, StoreGoods };
export type StoreGoodsList = z.infer<typeof StoreGoodsListSchema>;
export type AddressInput = z.input<typeof AddressInputSchema> & { isDefault: boolean };
export type SavedAddress = z.infer<typeof SavedAddressSchema>;
export type OrderLine = Order['lines'][number];
export type RefundKind = z.infer<typeof RefundKindSchema>;
export type PlaceOrderInput = z.input<typeof PlaceOrderRequest> & { note: string };

/** The storefront's routes (`/api/store/:shopId/…`), each with the customer's token of that shop. */
export const store = {
  info: (shopId: string) => call<StoreInfo>(shopId, 'GET', ''),
  register: (shopId: string, input: { phone: string; password: string; name: string }) => call<CustomerSession>(shopId, 'POST', '/register', { body: input }),
  login: (shopId: string, input: { phone: string; password: string }) => call<CustomerSession>(shopId, 'POST', '/login', { body: input, signIn: true }),
  wechatLogin: (shopId: string, code: string) => call<CustomerSession>(shopId, 'POST', '/wechat-login', { body: { code }, signIn: true }),
  goods: (shopId: string, query: Query) => call<StoreGoodsList>(shopId, 'GET', '/goods', { query }),
  goodsItem: (shopId: string, id: string) => call<StoreGoods>(shopId, 'GET', `/goods/${id}`),
  addresses: (shopId: string) => call<{ items: SavedAddress[] }>(shopId, 'GET', '/addresses'),
  addAddress: (shopId: string, input: AddressInput) => call<{ items: SavedAddress[] }>(shopId, 'POST', '/addresses', { body: input }),
  updateAddress: (shopId: string, id: string, input: AddressInput) => call<{ items: SavedAddress[] }>(shopId, 'PUT', `/addresses/${id}`, { body: input }),
  removeAddress: (shopId: string, id: string) => call<{ items: SavedAddress[] }>(shopId, 'DELETE', `/addresses/${id}`),
  placeOrder: (shopId: string, input: PlaceOrderInput, idempotencyKey: string) => call<Order>(shopId, 'POST', '/orders', { body: input, idempotencyKey }),
  orders: (shopId: string, query: Query) => call<OrderList>(shopId, 'GET', '/orders', { query }),
  order: (shopId: string, id: string) => call<Order>(shopId, 'GET', `/orders/${id}`),
  cancel: (shopId: string, id: string, reason: string) => call<Order>(shopId, 'POST', `/orders/${id}/cancel`, { body: { reason } }),
  wechatPay: (shopId: string, id: string) => call<WechatPayParams>(shopId, 'POST', `/orders/${id}/wechat-pay`),
  confirmReceipt: (shopId: string, id: string) => call<Order>(shopId, 'POST', `/orders/${id}/confirm-receipt`),
  refund: (shopId: string, id: string, input: { kind: RefundKind; reason: string; returnTrackingNo: string }) =>
    call<Order>(shopId, 'POST', `/orders/${id}/refund`, { body: input }),
};
