import { expect } from 'vitest';
import type { TestApp } from './harness.ts';
import { createProduct, postBill } from './stock.ts';

// A storefront as the order tests need it: a shop with goods on the shelf, its customers, their orders.

/** A customer of the shop, signed in to its storefront, with one address. */
export async function customerOf(t: TestApp, shopId: string, phone: string) {
  const registered = await t.request('POST', `/api/store/${shopId}/register`, { phone, password: 'password123', name: `顾客${phone.slice(-4)}` });
  expect(registered.status).toBe(201);
  const token: string = registered.body.token;
  const call = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
    t.request(method, `/api/store/${shopId}${path}`, body, { authorization: `Bearer ${token}`, ...headers });
  const addresses = await call('POST', '/addresses', { name: '王小姐', phone, region: '广东省 广州市 天河区', detail: '体育西路 1 号' });
  return { token, call, customerId: registered.body.customer.id as string, addressId: addresses.body.items[0].id as string };
}
export type Customer = Awaited<ReturnType<typeof customerOf>>;

export const order = (customer: Customer, goodsId: string, quantity: number | string, unitPrice = '25.00', key?: string) =>
  customer.call('POST', '/orders', { lines: [{ goodsId, quantity, unitPrice }], addressId: customer.addressId }, key ? { 'idempotency-key': key } : {});

export async function shopWithGoods(t: TestApp, stock: number) {
  const owner = await t.registerShop('微店');
  const product = await createProduct(owner, { name: '玫瑰面膜', unit: '盒', inboundPrice: '10' });
  if (stock > 0) expect((await postBill(owner, 'in', [{ productId: product, quantity: stock, unitPrice: '10' }])).status).toBe(201);
  const goods = await owner.post('/api/goods', { productId: product, title: '玫瑰面膜（10 片）', price: '25', onShelf: true, images: ['https://img.example.com/mask.jpg'] });
  expect(goods.status).toBe(201);
  const accounts = (await owner.get('/api/payment-accounts')).body.items as Array<{ id: string; name: string }>;
  return { owner, product, goodsId: goods.body.id as string, accountId: accounts.find((account) => account.name === '微信')!.id };
}

/** A shop whose customer ordered `quantity` of its `stock` and the owner took the payment. */
export async function paidOrder(t: TestApp, stock: number, quantity: number, phone: string) {
  const shop = await shopWithGoods(t, stock);
  const alice = await customerOf(t, shop.owner.shopId, phone);
  const placed = (await order(alice, shop.goodsId, quantity)).body;
  expect((await shop.owner.post(`/api/orders/${placed.id}/mark-paid`, { paymentAccountId: shop.accountId })).status).toBe(200);
  return { ...shop, alice, placed };
}

