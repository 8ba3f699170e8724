import type { InventoryList, InventoryVerification } from '@xiaocang/contracts';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { clientOf } from '../../bench/http.ts';
import { createTestApp, describeOnPostgres, type Json, type TestApp } from '../support/harness.ts';
import { balanceOf, createProduct, postBill } from '../support/stock.ts';
import { createProcessStore, stockedShop, type ProcessStore } from './processes.ts';

const sellOne = (productId: string) => ({
  direction: 'out',
  billType: '销售出库',
  billDate: '2026-11-20',
  lines: [{ productId, quantity: 1, unitPrice: 5 }],
  confirm: true,
});

/** Of 100 requests for 1 unit each against a stock of 10, exactly 10 win and the rest are told why. */
function expectExactlyTen(statuses: Array<{ status: number; body: Json }>) {
  expect(statuses.filter((r) => r.status === 201)).toHaveLength(10);
  const refused = statuses.filter((r) => r.status !== 201);
  expect(refused).toHaveLength(90);
  for (const r of refused) {
    expect(r.status).toBe(409);
    expect(r.body.error.code).toBe('INSUFFICIENT_STOCK');
  }
}

describeOnPostgres('no oversell under load', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });

  it('100 parallel requests for 1 unit of a product that has 10: exactly 10 succeed, stock ends at 0', async () => {
    const owner = await t.registerShop();
    const product = await createProduct(owner);
    await postBill(owner, 'in', [{ productId: product, quantity: 10, unitPrice: 3 }]);
    const results = await Promise.all(Array.from({ length: 100 }, () => owner.post('/api/bills', sellOne(product))));
    expectExactlyTen(results);
    expect(await balanceOf(owner, product)).toMatchObject({ quantity: '0.000', totalCost: '0.00' });
    expect((await owner.get('/api/inventory/verify')).body.drift).toEqual([]);
  });
});

describeOnPostgres('no oversell across two server processes on one database', () => {
  let store: ProcessStore;
  beforeAll(async () => {
    store = await createProcessStore('postgres');
  });
  afterAll(async () => store?.dispose());

  it('shares 100 requests between two servers: still exactly 10', async () => {
    const [a, b] = await Promise.all([store.start(), store.start()]);
    try {
      const { owner, productIds } = await stockedShop(a, 1, 10);
      // The same session on the other server: sessions live in the database, not in a process.
      const onB = clientOf(b.url, owner.token, owner.shopId, owner.userId);
      const results = await Promise.all(
        Array.from({ length: 100 }, (_, i) => (i % 2 === 0 ? owner : onB).request('POST', '/api/bills', sellOne(productIds[0]!))),
      );
      expectExactlyTen(results);
      const stock = await onB.request<InventoryList>('GET', `/api/inventory?productId=${productIds[0]}`);
      expect(stock.body.items[0]!.quantity).toBe('0.000');
      expect((await owner.request<InventoryVerification>('GET', '/api/inventory/verify')).body.drift).toEqual([]);
    } finally {
      await Promise.all([a.stop(), b.stop()]);
    }
  });
});
