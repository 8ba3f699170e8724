import { beforeAll, expect, it } from 'vitest';
import { createTestApp, describeOnPostgres, type Client, type TestApp } from './support/harness.ts';
import { balanceOf, createProduct, postBill } from './support/stock.ts';

// Real parallel requests: app.inject calls run concurrently on a pool of PostgreSQL connections.
describeOnPostgres('concurrent posting', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });

  it('never oversells: 60 parallel sales of 1 against a stock of 25', async () => {
    const shop = await t.registerShop();
    const p = await createProduct(shop);
    await postBill(shop, 'in', [{ productId: p, quantity: 25, unitPrice: 2 }]);
    const results = await Promise.all(Array.from({ length: 60 }, () => postBill(shop, 'out', [{ productId: p, quantity: 1, unitPrice: 5 }])));
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(25);
    expect(statuses.filter((s) => s === 409)).toHaveLength(35);
    expect(await balanceOf(shop, p)).toMatchObject({ quantity: '0.000', totalCost: '0.00' });
    const numbers = results.filter((r) => r.status === 201).map((r) => Number(r.body.billNo.slice(-4)));
    // Gapless: the refused bills gave their numbers back.
    expect(numbers.sort((a, b) => a - b)).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
    expect((await shop.get('/api/inventory/verify')).body.drift).toEqual([]);
  });

  it('loses no update and never deadlocks when bills touch the same products in opposite orders', async () => {
    const shop = await t.registerShop();
    const products = [await createProduct(shop), await createProduct(shop), await createProduct(shop)];
    await postBill(shop, 'in', products.map((productId) => ({ productId, quantity: 1000, unitPrice: 1 })));
    const work = Array.from({ length: 40 }, (_, i) => {
      const lines = (i % 2 === 0 ? products : [...products].reverse()).map((productId) => ({ productId, quantity: 1, unitPrice: 2 }));
      return i % 3 === 0 ? postBill(shop, 'in', lines.map((l) => ({ ...l, unitPrice: 1 }))) : postBill(shop, 'out', lines);
    });
    const results = await Promise.all(work);
    expect(results.every((r) => r.status === 201)).toBe(true);
    const ins = Math.ceil(40 / 3);
    for (const productId of products) {
      expect((await balanceOf(shop, productId))!.quantity).toBe(`${1000 + ins - (40 - ins)}.000`);
    }
    const stats = (await shop.get('/api/stats/monthly?year=2026')).body.months[10];
    expect(stats).toMatchObject({ inboundCount: ins + 1, outboundCount: 40 - ins, salesAmount: `${(40 - ins) * 6}.00` });
    expect((await shop.get('/api/inventory/verify')).body.drift).toEqual([]);
  });

  it('backdated and current postings racing keep the books consistent', async () => {
    const shop = await t.registerShop();
    const p = await createProduct(shop);
    await postBill(shop, 'in', [{ productId: p, quantity: 100, unitPrice: 10 }], { billDate: '2026-11-01' });
    const work = Array.from({ length: 30 }, (_, i) =>
      i % 2 === 0
        ? postBill(shop, 'out', [{ productId: p, quantity: 2, unitPrice: 20 }], { billDate: `2026-11-${String(10 + (i % 10)).padStart(2, '0')}` })
        : postBill(shop, 'in', [{ productId: p, quantity: 1, unitPrice: 4 }], { billDate: `2026-11-${String(2 + (i % 7)).padStart(2, '0')}` }),
    );
    const results = await Promise.all(work);
    expect(results.every((r) => r.status === 201)).toBe(true);
    expect(await balanceOf(shop, p)).toMatchObject({ quantity: '85.000' });
    expect((await shop.get('/api/inventory/verify')).body.drift).toEqual([]);
  });
});

describeOnPostgres('racing retries', () => {
  let t: TestApp;
  let shop: Client;
  beforeAll(async () => {
    t = await createTestApp();
    shop = await t.registerShop();
  });

  it('the same Idempotency-Key sent 10 times at once posts once and answers the same', async () => {
    const p = await createProduct(shop);
    const body = { direction: 'in', billType: '采购入库', billDate: '2026-11-20', lines: [{ productId: p, quantity: 3, unitPrice: 2 }], confirm: true };
    const results = await Promise.all(Array.from({ length: 10 }, () => shop.post('/api/bills', body, { 'idempotency-key': 'race-1' })));
    expect(results.map((r) => r.status)).toEqual(Array(10).fill(201));
    expect(new Set(results.map((r) => r.body.id)).size).toBe(1);
    expect(await balanceOf(shop, p)).toMatchObject({ quantity: '3.000' });
  });
});
