import { call, type HttpClient } from './http.ts';
import { runConcurrently, type RunFigures } from './workload.ts';

export interface OrderPlacement {
  concurrency1: RunFigures;
  concurrency64: RunFigures;
}

const expectStatus = (what: string, response: { status: number; body: unknown }, status: number) => {
  if (response.status !== status) throw new Error(`${what}: expected ${status}, got ${response.status} ${JSON.stringify(response.body)}`);
};

/**
 * Customers ordering one hot item through the storefront, each order holding one unit with the conditional
 * update that keeps orders from overselling: one at a time, then 64 at a time from 16 customers.
 */
export async function measureOrderPlacement(
  url: string,
  owner: HttpClient & { shopId: string },
  productId: string,
  counts: { concurrency1: number; concurrency64: number },
): Promise<OrderPlacement> {
  const stocked = await owner.request('POST', '/api/bills', {
    direction: 'in',
    billType: '采购入库',
    billDate: new Date().toISOString().slice(0, 10),
    lines: [{ productId, quantity: counts.concurrency1 + counts.concurrency64 + 10, unitPrice: '1' }],
    confirm: true,
  });
  expectStatus('stock for the orders', stocked, 201);
  const goods = await owner.request<{ id: string }>('POST', '/api/goods', { productId, title: '爆款', price: '9.90', onShelf: true });
  expectStatus('goods', goods, 201);
  const customers: Array<{ token: string; addressId: string }> = [];
  for (let i = 0; i < 16; i++) {
    const phone = `137${String(Date.now() % 100_000_000).padStart(8, '0').slice(0, 6)}${String(i).padStart(2, '0')}`;
    const registered = await call<{ token: string }>(url, 'POST', `/api/store/${owner.shopId}/register`, { phone, password: 'password123', name: `顾客${i}` });
    expectStatus('customer', registered, 201);
    const auth = { authorization: `Bearer ${registered.body.token}` };
    const address = await call<{ items: Array<{ id: string }> }>(url, 'POST', `/api/store/${owner.shopId}/addresses`, { name: '收件人', phone, region: '广州', detail: '一号' }, auth);
    customers.push({ token: registered.body.token, addressId: address.body.items[0]!.id });
  }
  const place = async (_: unknown, index: number) => {
    const customer = customers[index % customers.length]!;
    const placed = await call(
      url,
      'POST',
      `/api/store/${owner.shopId}/orders`,
      { lines: [{ goodsId: goods.body.id, quantity: 1, unitPrice: '9.90' }], addressId: customer.addressId },
      { authorization: `Bearer ${customer.token}` },
    );
    expectStatus('order', placed, 201);
  };
  return {
    concurrency1: await runConcurrently(Array.from({ length: counts.concurrency1 }), 1, place),
    concurrency64: await runConcurrently(Array.from({ length: counts.concurrency64 }), 64, place),
  };
}
