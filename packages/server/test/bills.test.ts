import { shopDay } from '@xiaocang/domain';
import { beforeAll, expect, it } from 'vitest';
import { createTestApp, describeOnDatabase, type Client, type TestApp } from './support/harness.ts';
import { balanceOf, createProduct, postBill } from './support/stock.ts';

describeOnDatabase('bills', () => {
  let t: TestApp;
  let owner: Client;
  let product: string;
  beforeAll(async () => {
    t = await createTestApp();
    owner = await t.registerShop();
    product = await createProduct(owner, { inboundPrice: '3.20', outboundPrice: '9.90' });
  });

  it('keeps a draft until it is confirmed, then posts it once', async () => {
    const draft = await postBill(owner, 'in', [{ productId: product, quantity: '4' }], { confirm: false, remarks: '一月补货' });
    expect(draft.status).toBe(201);
    expect(draft.body).toMatchObject({ status: 'draft', totalQuantity: '4.000', totalAmount: '12.80', remarks: '一月补货' });
    // The price came from the product and the line keeps a snapshot of it.
    expect(draft.body.lines[0]).toMatchObject({ unitPrice: '3.2000', amount: '12.80', stockBefore: null });
    expect(await balanceOf(owner, product)).toBeUndefined();

    const edited = await owner.put(`/api/bills/${draft.body.id}`, {
      billType: '采购入库',
      billDate: '2026-11-20',
      lines: [{ productId: product, quantity: 6, unitPrice: 3 }],
    });
    expect(edited.status).toBe(200);
    expect(edited.body.totalAmount).toBe('18.00');

    const confirmed = await owner.post(`/api/bills/${draft.body.id}/confirm`);
    expect(confirmed.body).toMatchObject({ status: 'confirmed', confirmedBy: owner.userId });
    expect(confirmed.body.lines[0]).toMatchObject({ stockBefore: '0.000', stockAfter: '6.000', unitCost: '3.0000', costAmount: '18.00' });
    expect(await balanceOf(owner, product)).toMatchObject({ quantity: '6.000', avgCost: '3.0000', totalCost: '18.00' });

    const again = await owner.post(`/api/bills/${draft.body.id}/confirm`);
    expect(again.status).toBe(409);
    expect((await owner.put(`/api/bills/${draft.body.id}`, { billType: '采购入库', billDate: '2026-11-20', lines: [{ productId: product, quantity: 1 }] })).status).toBe(409);
    expect((await owner.delete(`/api/bills/${draft.body.id}`)).status).toBe(409);
    expect(await balanceOf(owner, product)).toMatchObject({ quantity: '6.000' });
  });

  it('answers a bill posted at once exactly as it reads back later, backdated or not', async () => {
    const shop = await t.registerShop();
    const [a, b] = [await createProduct(shop), await createProduct(shop)];
    const supplier = (await shop.post('/api/suppliers', { name: '义乌批发' })).body.id;
    const postAndReadBack = async (...args: Parameters<typeof postBill>) => {
      const response = await postBill(...args);
      expect(response.status).toBe(201);
      expect(response.body).toEqual((await shop.get(`/api/bills/${response.body.id}`)).body);
      return response;
    };
    const posted = [
      await postAndReadBack(shop, 'in', [{ productId: a, quantity: 10, unitPrice: '2.5' }, { productId: b, quantity: 3, unitPrice: '1.1' }], { supplierId: supplier }),
      await postAndReadBack(shop, 'out', [{ productId: a, quantity: 4, unitPrice: 9 }]),
      // Dated before both: every later row of product a is recomputed.
      await postAndReadBack(shop, 'in', [{ productId: a, quantity: 5, unitPrice: 4 }], { billDate: '2026-11-01' }),
    ];
    expect(posted[0]!.body).toMatchObject({ supplierName: '义乌批发', totalCost: '28.30', status: 'confirmed' });
    expect(posted[2]!.body.lines[0]).toMatchObject({ stockBefore: '0.000', stockAfter: '5.000', costAmount: '20.00' });
    // The sale read back now carries the cost recomputed after the backdated receipt: 4 × (20 + 25) / 15.
    expect((await shop.get(`/api/bills/${posted[1]!.body.id}`)).body).toMatchObject({ totalCost: '12.00' });
  });

  it('deletes drafts only, and a deleted draft is gone from lists', async () => {
    const draft = await postBill(owner, 'out', [{ productId: product, quantity: 1 }], { confirm: false });
    expect((await owner.delete(`/api/bills/${draft.body.id}`)).body).toEqual({ ok: true });
    expect((await owner.get(`/api/bills/${draft.body.id}`)).status).toBe(404);
    const list = await owner.get('/api/bills?status=draft');
    expect(list.body.items.map((bill: { id: string }) => bill.id)).not.toContain(draft.body.id);
  });

  it('numbers bills per shop, per day and direction, without gaps', async () => {
    const shop = await t.registerShop();
    const p = await createProduct(shop);
    const numbers: string[] = [];
    for (let i = 0; i < 3; i++) numbers.push((await postBill(shop, 'in', [{ productId: p, quantity: 1, unitPrice: 1 }])).body.billNo);
    const refused = await postBill(shop, 'out', [{ productId: p, quantity: 100, unitPrice: 1 }]);
    expect(refused.status).toBe(409);
    const out = await postBill(shop, 'out', [{ productId: p, quantity: 1, unitPrice: 1 }]);
    const day = numbers[0]!.slice(2, 10);
    expect(numbers).toEqual([`IN${day}0001`, `IN${day}0002`, `IN${day}0003`]);
    // The refused bill gave its number back.
    expect(out.body.billNo).toBe(`OUT${day}0001`);
  });

  it('validates bills and names each bad field', async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ direction: 'sideways' }, 'direction'],
      [{ billDate: '2026-02-30' }, 'billDate'],
      [{ billType: '不存在的类型' }, 'billType'],
      [{ lines: [] }, 'lines'],
      [{ lines: [{ productId: product, quantity: -1 }] }, 'lines.0.quantity'],
      [{ lines: [{ productId: product, quantity: 0 }] }, 'lines.0.quantity'],
      [{ lines: [{ productId: product, quantity: '1.0001' }] }, 'lines.0.quantity'],
      [{ lines: [{ productId: product, quantity: 1, unitPrice: 'abc' }] }, 'lines.0.unitPrice'],
      [{ lines: [{ productId: product, quantity: 1e20 }] }, 'lines.0.quantity'],
      [{ customerId: '1' }, 'customerId'],
    ];
    for (const [patch, field] of cases) {
      const response = await owner.post('/api/bills', {
        direction: 'in',
        billType: '采购入库',
        billDate: '2026-11-20',
        lines: [{ productId: product, quantity: 1 }],
        ...patch,
      });
      expect(response.status, JSON.stringify(patch)).toBe(400);
      expect(response.body.error.details.map((d: { field: string }) => d.field), JSON.stringify(patch)).toContain(field);
    }
    const unknownProduct = await postBill(owner, 'in', [{ productId: '999999999', quantity: 1 }]);
    expect(unknownProduct.status).toBe(404);
    expect(unknownProduct.body.error.details[0].field).toBe('lines.0.productId');
  });

  it('reverses a posted bill once, restoring stock, cost and the month', async () => {
    const shop = await t.registerShop();
    const p = await createProduct(shop);
    // A reversal is dated the day it is made, so the sale is dated today for both to fall in one month.
    const today = shopDay(new Date());
    const monthOfToday = async () => (await shop.get(`/api/stats/monthly?year=${today.slice(0, 4)}`)).body.months[Number(today.slice(5, 7)) - 1];
    await postBill(shop, 'in', [{ productId: p, quantity: 10, unitPrice: 2 }], { billDate: today });
    const sale = await postBill(shop, 'out', [{ productId: p, quantity: 4, unitPrice: 5 }], { billDate: today });
    const before = await monthOfToday();
    expect(before).toMatchObject({ salesAmount: '20.00', salesCost: '8.00', grossMargin: '12.00', salesCount: 1, outboundCount: 1 });

    const reversal = await shop.post(`/api/bills/${sale.body.id}/reverse`);
    expect(reversal.status).toBe(201);
    expect(reversal.body).toMatchObject({ kind: 'reversal', direction: 'out', reversalOfId: sale.body.id, totalQuantity: '-4.000', totalAmount: '-20.00' });
    expect(reversal.body.lines[0]).toMatchObject({ stockBefore: '6.000', stockAfter: '10.000', costAmount: '-8.00' });
    expect((await shop.get(`/api/bills/${sale.body.id}`)).body).toMatchObject({ status: 'reversed', reversedById: reversal.body.id });
    expect(await balanceOf(shop, p)).toMatchObject({ quantity: '10.000', avgCost: '2.0000', totalCost: '20.00' });
    const after = await monthOfToday();
    expect(after).toMatchObject({ salesAmount: '0.00', salesCost: '0.00', grossMargin: '0.00', salesCount: 0, outboundCount: 0 });

    expect((await shop.post(`/api/bills/${sale.body.id}/reverse`)).status).toBe(409);
    expect((await shop.post(`/api/bills/${reversal.body.id}/reverse`)).status).toBe(409);
  });

  it('refuses to reverse a receipt whose stock has been sold', async () => {
    const shop = await t.registerShop();
    const p = await createProduct(shop);
    const receipt = await postBill(shop, 'in', [{ productId: p, quantity: 5, unitPrice: 2 }]);
    await postBill(shop, 'out', [{ productId: p, quantity: 3, unitPrice: 5 }]);
    const refused = await shop.post(`/api/bills/${receipt.body.id}/reverse`);
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('INSUFFICIENT_STOCK');
    expect((await shop.get(`/api/bills/${receipt.body.id}`)).body.status).toBe('confirmed');
  });

  it('lists bills with filters and paging', async () => {
    const shop = await t.registerShop();
    const p = await createProduct(shop);
    const q = await createProduct(shop);
    const supplier = (await shop.post('/api/suppliers', { name: '广州供应商' })).body.id;
    await postBill(shop, 'in', [{ productId: p, quantity: 5, unitPrice: 1 }], { supplierId: supplier, billDate: '2026-10-01' });
    await postBill(shop, 'in', [{ productId: q, quantity: 5, unitPrice: 1 }], { billDate: '2026-10-15' });
    await postBill(shop, 'out', [{ productId: p, quantity: 1, unitPrice: 1 }], { billDate: '2026-10-20', confirm: false });
    const ids = async (query: string) => (await shop.get(`/api/bills?${query}`)).body.items.length;
    expect(await ids('direction=in')).toBe(2);
    expect(await ids('status=draft')).toBe(1);
    expect(await ids(`supplierId=${supplier}`)).toBe(1);
    expect(await ids(`productId=${p}`)).toBe(2);
    expect(await ids('dateFrom=2026-10-10&dateTo=2026-10-16')).toBe(1);
    expect(await ids('q=广州')).toBe(1);
    const page = await shop.get('/api/bills?pageSize=2&page=2');
    expect(page.body).toMatchObject({ total: 3, page: 2, pageSize: 2 });
    expect(page.body.items).toHaveLength(1);
  });

  it('records every bill action in the audit log', async () => {
    const shop = await t.registerShop();
    const p = await createProduct(shop);
    const bill = await postBill(shop, 'in', [{ productId: p, quantity: 1, unitPrice: 1 }], { confirm: false });
    await shop.post(`/api/bills/${bill.body.id}/confirm`);
    await shop.post(`/api/bills/${bill.body.id}/reverse`);
    const rows = await t.db.query<{ action: string; user_id: string }>(
      `SELECT action, user_id FROM audit_log WHERE shop_id = $1 AND entity = 'bill' AND entity_id = $2 ORDER BY id`,
      [shop.shopId, bill.body.id],
    );
    expect(rows.map((row) => row.action)).toEqual(['create', 'confirm', 'reverse']);
    expect(new Set(rows.map((row) => row.user_id))).toEqual(new Set([shop.userId]));
  });
});
