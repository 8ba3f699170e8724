import { beforeAll, expect, it } from 'vitest';
import { createTestApp, describeOnDatabase, type TestApp } from '../support/harness.ts';
import { balanceOf, createProduct, postBill } from '../support/stock.ts';

describeOnDatabase('retries with one Idempotency-Key post once', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });

  it('20 racing retries of one sale: one bill, stock taken once, every retry gets the first response', async () => {
    const owner = await t.registerShop();
    const product = await createProduct(owner);
    await postBill(owner, 'in', [{ productId: product, quantity: 10, unitPrice: 3 }]);
    const sale = { direction: 'out', billType: '销售出库', billDate: '2026-11-20', lines: [{ productId: product, quantity: 4, unitPrice: 5 }], confirm: true };
    const key = { 'idempotency-key': 'sale-2026-11-20-001' };
    const racing = await Promise.all(Array.from({ length: 20 }, () => owner.post('/api/bills', sale, key)));
    expect(racing.map((r) => r.status)).toEqual(Array(20).fill(201));
    expect(new Set(racing.map((r) => r.body.id)).size).toBe(1);
    expect(racing.filter((r) => r.headers['idempotent-replayed'] === 'true')).toHaveLength(19);
    const later = await owner.post('/api/bills', sale, key);
    expect(later.body).toEqual(racing[0]!.body);

    expect((await owner.get('/api/bills?direction=out')).body.total).toBe(1);
    expect(await balanceOf(owner, product)).toMatchObject({ quantity: '6.000', totalCost: '18.00' });
    const reused = await owner.post('/api/bills', { ...sale, lines: [{ productId: product, quantity: 1, unitPrice: 5 }] }, key);
    expect(reused.status).toBe(409);
    expect(reused.body.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(await balanceOf(owner, product)).toMatchObject({ quantity: '6.000' });
  });

  it('a retry of a refused request is not stuck: once stock arrives the same key posts, once', async () => {
    const owner = await t.registerShop();
    const product = await createProduct(owner);
    const sale = { direction: 'out', billType: '销售出库', billDate: '2026-11-20', lines: [{ productId: product, quantity: 2, unitPrice: 5 }], confirm: true };
    const key = { 'idempotency-key': 'refused-first' };
    expect((await owner.post('/api/bills', sale, key)).status).toBe(409);
    await postBill(owner, 'in', [{ productId: product, quantity: 5, unitPrice: 3 }]);
    const retries = await Promise.all(Array.from({ length: 5 }, () => owner.post('/api/bills', sale, key)));
    expect(new Set(retries.map((r) => `${r.status} ${r.body.id}`)).size).toBe(1);
    expect(await balanceOf(owner, product)).toMatchObject({ quantity: '3.000' });
  });
});
