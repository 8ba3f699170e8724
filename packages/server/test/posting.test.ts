import { beforeAll, expect, it } from 'vitest';
import { createTestApp, describeOnDatabase, type Json, type TestApp } from './support/harness.ts';
import { createProduct, postBill } from './support/stock.ts';

describeOnDatabase('posting', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });

  it('seed example: stock 50 and 100, sell 10 and 20 → 40 and 80', async () => {
    const owner = await t.registerShop();
    const a = await createProduct(owner);
    const b = await createProduct(owner);
    const inbound = await postBill(owner, 'in', [
      { productId: a, quantity: 50, unitPrice: '2.5' },
      { productId: b, quantity: '100', unitPrice: '1.2' },
    ]);
    expect(inbound.status).toBe(201);
    expect(inbound.body.status).toBe('confirmed');
    expect(inbound.body.billNo).toMatch(/^IN\d{8}0001$/);
    const outbound = await postBill(owner, 'out', [
      { productId: a, quantity: 10, unitPrice: 5 },
      { productId: b, quantity: 20, unitPrice: 3 },
    ]);
    expect(outbound.status).toBe(201);
    expect(outbound.body.lines.map((l: Json) => [l.stockBefore, l.stockAfter, l.costAmount])).toEqual([
      ['50.000', '40.000', '25.00'],
      ['100.000', '80.000', '24.00'],
    ]);
    expect(outbound.body.totalCost).toBe('49.00');
  });

  it('refuses to oversell and writes nothing', async () => {
    const owner = await t.registerShop();
    const a = await createProduct(owner);
    await postBill(owner, 'in', [{ productId: a, quantity: 5, unitPrice: 1 }]);
    const refused = await postBill(owner, 'out', [{ productId: a, quantity: 6, unitPrice: 2 }]);
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('INSUFFICIENT_STOCK');
    expect(refused.body.error.details).toEqual([expect.objectContaining({ productId: a, requested: '6.000', available: '5.000' })]);
    const bills = await owner.get('/api/bills?direction=out');
    expect(bills.body.total).toBe(0);
  });

  it('a backdated inbound recomputes later issue costs', async () => {
    const owner = await t.registerShop();
    const a = await createProduct(owner);
    await postBill(owner, 'in', [{ productId: a, quantity: 10, unitPrice: 10 }], { billDate: '2026-11-01' });
    const sale = await postBill(owner, 'out', [{ productId: a, quantity: 10, unitPrice: 20 }], { billDate: '2026-11-10' });
    expect(sale.body.lines[0].costAmount).toBe('100.00');
    // 10 more at 4 on the 5th: the sale on the 10th now takes from 20 units averaging 7.
    const backdated = await postBill(owner, 'in', [{ productId: a, quantity: 10, unitPrice: 4 }], { billDate: '2026-11-05' });
    expect(backdated.status).toBe(201);
    const saleAfter = await owner.get(`/api/bills/${sale.body.id}`);
    expect(saleAfter.body.lines[0].costAmount).toBe('70.00');
    expect(saleAfter.body.lines[0].stockBefore).toBe('20.000');
  });
});
