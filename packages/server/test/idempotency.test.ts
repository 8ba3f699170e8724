import { beforeAll, expect, it } from 'vitest';
import { createTestApp, describeOnDatabase, type Client, type TestApp } from './support/harness.ts';
import { balanceOf, createProduct } from './support/stock.ts';

describeOnDatabase('retries with Idempotency-Key', () => {
  let t: TestApp;
  let shop: Client;
  let p: string;
  beforeAll(async () => {
    t = await createTestApp();
    shop = await t.registerShop();
    p = await createProduct(shop);
  });
  const bill = (quantity: number) => ({ direction: 'in', billType: '采购入库', billDate: '2026-11-20', lines: [{ productId: p, quantity, unitPrice: 1 }], confirm: true });

  it('a retried create returns the first response and posts nothing twice', async () => {
    const first = await shop.post('/api/bills', bill(5), { 'idempotency-key': 'k-create' });
    const retry = await shop.post('/api/bills', bill(5), { 'idempotency-key': 'k-create' });
    expect(retry.status).toBe(201);
    expect(retry.body).toEqual(first.body);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(await balanceOf(shop, p)).toMatchObject({ quantity: '5.000' });
  });

  it('the same key with another body is refused', async () => {
    await shop.post('/api/bills', bill(1), { 'idempotency-key': 'k-other' });
    const reused = await shop.post('/api/bills', bill(2), { 'idempotency-key': 'k-other' });
    expect(reused.status).toBe(409);
    expect(reused.body.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('bill actions are idempotent too', async () => {
    const draft = await shop.post('/api/bills', { ...bill(4), confirm: false });
    const before = (await balanceOf(shop, p))!.quantity;
    const confirm = await shop.post(`/api/bills/${draft.body.id}/confirm`, {}, { 'idempotency-key': 'k-confirm' });
    const again = await shop.post(`/api/bills/${draft.body.id}/confirm`, {}, { 'idempotency-key': 'k-confirm' });
    expect(confirm.status).toBe(200);
    expect(again.status).toBe(200);
    expect(again.body.status).toBe('confirmed');
    expect(Number((await balanceOf(shop, p))!.quantity) - Number(before)).toBe(4);
    const reverse = await shop.post(`/api/bills/${draft.body.id}/reverse`, {}, { 'idempotency-key': 'k-reverse' });
    const reverseAgain = await shop.post(`/api/bills/${draft.body.id}/reverse`, {}, { 'idempotency-key': 'k-reverse' });
    expect(reverseAgain.body.id).toBe(reverse.body.id);
    expect((await balanceOf(shop, p))!.quantity).toBe(before);
  });

  it('a failed request leaves the key free, and keys belong to their user', async () => {
    const failing = await shop.post('/api/bills', { ...bill(1), direction: 'out', billType: '销售出库', lines: [{ productId: p, quantity: 999, unitPrice: 1 }] }, { 'idempotency-key': 'k-fail' });
    expect(failing.status).toBe(409);
    const retried = await shop.post('/api/bills', bill(1), { 'idempotency-key': 'k-fail' });
    expect(retried.status).toBe(201);
    const other = await t.registerShop();
    const q = await createProduct(other);
    const sameKey = await other.post('/api/bills', { ...bill(1), lines: [{ productId: q, quantity: 1, unitPrice: 1 }] }, { 'idempotency-key': 'k-create' });
    expect(sameKey.status).toBe(201);
    expect(sameKey.headers['idempotent-replayed']).toBeUndefined();
  });
});
