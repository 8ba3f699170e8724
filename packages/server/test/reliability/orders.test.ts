import { afterAll, beforeAll, expect, it } from 'vitest';
import { call, clientOf, registerOwner } from '../../bench/http.ts';
import type { ServerProcess } from '../../bench/server-process.ts';
import { describeOnDatabase, describeOnPostgres } from '../support/harness.ts';
import { createProcessStore, type ProcessStore } from './processes.ts';

/** A shop selling one product of `stock` units through its storefront, and `count` signed-in customers with an address. */
async function storefront(server: ServerProcess, stock: number, count: number) {
  const owner = await registerOwner(server.url, '抢购小店');
  const product = (await owner.request<{ id: string }>('POST', '/api/products', { name: '限量款', unit: '件' })).body.id;
  await owner.request('POST', '/api/bills', { direction: 'in', billType: '采购入库', billDate: '2026-11-30', lines: [{ productId: product, quantity: stock, unitPrice: '5' }], confirm: true });
  const goods = (await owner.request<{ id: string }>('POST', '/api/goods', { productId: product, title: '限量款', price: '19.90', onShelf: true })).body.id;
  const customers: Array<{ token: string; addressId: string }> = [];
  for (let i = 0; i < count; i++) {
    const phone = `1360000${String(i).padStart(4, '0')}`;
    const registered = await call<{ token: string }>(server.url, 'POST', `/api/store/${owner.shopId}/register`, { phone, password: 'password123', name: `顾客${i}` });
    const address = await call<{ items: Array<{ id: string }> }>(
      server.url,
      'POST',
      `/api/store/${owner.shopId}/addresses`,
      { name: '收件人', phone, region: '广州', detail: '一号' },
      { authorization: `Bearer ${registered.body.token}` },
    );
    customers.push({ token: registered.body.token, addressId: address.body.items[0]!.id });
  }
  const accounts = (await owner.request<{ items: Array<{ id: string; name: string }> }>('GET', '/api/payment-accounts')).body.items;
  const order = (url: string, customer: { token: string; addressId: string }) =>
    call<{ id: string; orderNo: string; error?: { code: string } }>(
      url,
      'POST',
      `/api/store/${owner.shopId}/orders`,
      { lines: [{ goodsId: goods, quantity: 1, unitPrice: '19.90' }], addressId: customer.addressId },
      { authorization: `Bearer ${customer.token}` },
    );
  return { owner, product, goods, customers, order, accountId: accounts.find((account) => account.name === '微信')!.id };
}

describeOnPostgres('storefront orders on two server processes', () => {
  let store: ProcessStore;
  beforeAll(async () => {
    store = await createProcessStore();
  });
  afterAll(async () => store?.dispose());

  it('1,000 orders, 64 at a time, spread over two processes, for the last 100 units: exactly 100 placed and sold, and the books verify', async () => {
    const servers = await Promise.all([store.start(), store.start()]);
    const shop = await storefront(servers[0]!, 100, 16);
    const statuses: number[] = [];
    const placed: string[] = [];
    let next = 0;
    await Promise.all(
      Array.from({ length: 64 }, async () => {
        while (next < 1000) {
          const n = next++;
          const response = await shop.order(servers[n % 2]!.url, shop.customers[n % 16]!);
          statuses.push(response.status);
          if (response.status === 201) placed.push(response.body.id);
          else expect(response.body.error?.code).toBe('INSUFFICIENT_STOCK');
        }
      }),
    );
    expect(placed).toHaveLength(100);
    for (const [i, id] of placed.entries()) {
      const paid = await clientOf(servers[i % 2]!.url, shop.owner.token, shop.owner.shopId, shop.owner.userId).request('POST', `/api/orders/${id}/mark-paid`, { paymentAccountId: shop.accountId });
      expect(paid.status).toBe(200);
    }
    const stock = (await shop.owner.request<{ items: Array<{ quantity: string }> }>('GET', `/api/inventory?productId=${shop.product}`)).body.items[0]!;
    expect(stock.quantity).toBe('0.000');
    expect((await shop.owner.request<{ drift: unknown[] }>('GET', '/api/inventory/verify')).body.drift).toEqual([]);
    await Promise.all(servers.map((server) => server.stop()));
  }, 300_000);
});

describeOnDatabase('a server killed while an order is being paid', () => {
  let store: ProcessStore;
  beforeAll(async () => {
    store = await createProcessStore();
  });
  afterAll(async () => store?.dispose());

  it('SIGKILL during 确认收款, restart: the order is paid and its stock taken exactly once', async () => {
    let server = await store.start();
    const shop = await storefront(server, 10, 1);
    const placed = (await shop.order(server.url, shop.customers[0]!)).body;
    const paying = shop.owner.request('POST', `/api/orders/${placed.id}/mark-paid`, { paymentAccountId: shop.accountId }).catch(() => 'cut off');
    await new Promise((resolve) => setTimeout(resolve, 15));
    await server.kill();
    await paying;

    server = await store.start();
    const owner = clientOf(server.url, shop.owner.token, shop.owner.shopId, shop.owner.userId);
    const after = (await owner.request<{ status: string }>('GET', `/api/orders/${placed.id}`)).body.status;
    expect(['pendingPayment', 'paid']).toContain(after);
    // Whatever the moment, paying again finishes the job once: refused if it was done, done if it was not.
    const again = await owner.request('POST', `/api/orders/${placed.id}/mark-paid`, { paymentAccountId: shop.accountId });
    expect(again.status).toBe(after === 'paid' ? 409 : 200);
    const sales = (await owner.request<{ items: Array<{ remarks: string }> }>('GET', '/api/bills?direction=out&pageSize=50')).body.items.filter((bill) =>
      bill.remarks.includes(placed.orderNo),
    );
    expect(sales).toHaveLength(1);
    const stock = (await owner.request<{ items: Array<{ quantity: string }> }>('GET', `/api/inventory?productId=${shop.product}`)).body.items[0]!;
    expect(stock.quantity).toBe('9.000');
    expect((await owner.request<{ drift: unknown[] }>('GET', '/api/inventory/verify')).body.drift).toEqual([]);
    await server.stop();
  }, 300_000);
});
