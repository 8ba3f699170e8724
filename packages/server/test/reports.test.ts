import { beforeAll, expect, it } from 'vitest';
import { createTestApp, describeOnDatabase, type Client, type Json, type TestApp } from './support/harness.ts';
import { createProduct, postBill } from './support/stock.ts';

describeOnDatabase('inventory, ledger, monthly stats and dashboard', () => {
  let t: TestApp;
  let shop: Client;
  let cream: string;
  let mask: string;
  let category: string;
  beforeAll(async () => {
    t = await createTestApp();
    shop = await t.registerShop();
    category = (await shop.post('/api/categories', { name: '护肤' })).body.id;
    cream = await createProduct(shop, { name: '面霜', code: 'C-1', categoryId: category, warningStock: 5 });
    mask = await createProduct(shop, { name: '面膜', code: 'M-1', warningStock: 2 });
    await postBill(shop, 'in', [{ productId: cream, quantity: 10, unitPrice: '3.333' }], { billDate: '2026-10-03' });
    await postBill(shop, 'in', [{ productId: mask, quantity: 20, unitPrice: 1.5 }], { billDate: '2026-10-04' });
    await postBill(shop, 'out', [{ productId: cream, quantity: 6, unitPrice: 9 }], { billDate: '2026-10-05' });
    await postBill(shop, 'out', [{ productId: mask, quantity: 5, unitPrice: 4 }], { billDate: '2026-11-02' });
  });

  it('lists stock with value, totals and low-stock flags, with filters', async () => {
    const all = await shop.get('/api/inventory');
    expect(all.body.totals).toEqual({ quantity: '19.000', stockValue: '35.83', lowStockCount: 1 });
    const byName = Object.fromEntries(all.body.items.map((item: Json) => [item.productName, item]));
    // 10 @ 3.333 is worth 33.33; 6 sold cost 20.00; the 4 left are worth 13.33, so 3.3325 each.
    expect(byName['面霜']).toMatchObject({ quantity: '4.000', avgCost: '3.3325', totalCost: '13.33', isLow: true, categoryName: '护肤' });
    expect(byName['面膜']).toMatchObject({ quantity: '15.000', avgCost: '1.5000', totalCost: '22.50', isLow: false });
    expect((await shop.get('/api/inventory?lowStock=true')).body.items.map((i: Json) => i.productId)).toEqual([cream]);
    expect((await shop.get(`/api/inventory?categoryId=${category}`)).body.total).toBe(1);
    expect((await shop.get('/api/inventory?q=M-1')).body.items[0].productId).toBe(mask);
  });

  it('shows a product ledger newest first with the running balance', async () => {
    const ledger = await shop.get(`/api/products/${cream}/ledger`);
    expect(ledger.body.total).toBe(2);
    expect(ledger.body.items.map((e: Json) => [e.direction, e.quantity, e.balanceQuantity, e.balanceAmount])).toEqual([
      ['out', '-6.000', '4.000', '13.33'],
      ['in', '10.000', '10.000', '33.33'],
    ]);
    const paged = await shop.get(`/api/products/${cream}/ledger?pageSize=1&page=2`);
    expect(paged.body.items[0].direction).toBe('in');
    expect((await shop.get('/api/products/999999/ledger')).status).toBe(404);
  });

  it('filters a product ledger by stock point, each row carrying the running balance of its own stock point', async () => {
    const other = await t.registerShop();
    const main = (await other.get('/api/stock-points')).body.items[0].id;
    const branch = (await other.post('/api/stock-points', { name: '门店仓' })).body.id;
    const tea = await createProduct(other);
    await postBill(other, 'in', [{ productId: tea, quantity: 10, unitPrice: 3 }], { billDate: '2026-11-01', stockPointId: main });
    const transfer = await other.post('/api/transfers', { fromStockPointId: main, toStockPointId: branch, billDate: '2026-11-05', lines: [{ productId: tea, quantity: 4 }] });
    expect(transfer.status).toBe(201);
    await postBill(other, 'out', [{ productId: tea, quantity: 2, unitPrice: 5 }], { billDate: '2026-11-06', stockPointId: branch });
    await postBill(other, 'out', [{ productId: tea, quantity: 1, unitPrice: 5 }], { billDate: '2026-11-07', stockPointId: main });
    // Backdated before the transfer: the branch's later balances move, the main store's do not.
    await postBill(other, 'in', [{ productId: tea, quantity: 5, unitPrice: 3 }], { billDate: '2026-11-03', stockPointId: branch });

    const rows = (query: string) =>
      other.get(`/api/products/${tea}/ledger${query}`).then((r) => ({
        total: r.body.total,
        rows: r.body.items.map((e: Json) => [e.billDate, e.stockPointName, e.quantity, e.balanceQuantity]),
      }));
    expect(await rows(`?stockPointId=${branch}`)).toEqual({
      total: 3,
      rows: [
        ['2026-11-06', '门店仓', '-2.000', '7.000'],
        ['2026-11-05', '门店仓', '4.000', '9.000'],
        ['2026-11-03', '门店仓', '5.000', '5.000'],
      ],
    });
    expect(await rows(`?stockPointId=${main}`)).toEqual({
      total: 3,
      rows: [
        ['2026-11-07', '默认仓库', '-1.000', '5.000'],
        ['2026-11-05', '默认仓库', '-4.000', '6.000'],
        ['2026-11-01', '默认仓库', '10.000', '10.000'],
      ],
    });
    // Unfiltered, the same rows interleave by date and keep their own stock point's balance.
    const all = await rows('');
    expect(all.total).toBe(6);
    expect(all.rows.map((row: string[]) => row[0])).toEqual(['2026-11-07', '2026-11-06', '2026-11-05', '2026-11-05', '2026-11-03', '2026-11-01']);
    expect(all.rows.filter((row: string[]) => row[1] === '门店仓').map((row: string[]) => row[3])).toEqual(['7.000', '9.000', '5.000']);
    expect(all.rows.filter((row: string[]) => row[1] === '默认仓库').map((row: string[]) => row[3])).toEqual(['5.000', '6.000', '10.000']);
    // Pages and date ranges within one stock point.
    expect(await rows(`?stockPointId=${branch}&pageSize=1&page=2`)).toEqual({ total: 3, rows: [['2026-11-05', '门店仓', '4.000', '9.000']] });
    expect(await rows(`?stockPointId=${branch}&dateFrom=2026-11-04`)).toMatchObject({ total: 2 });
    // Another shop's stock point holds none of this product; a malformed id names the field.
    expect(await rows(`?stockPointId=${(await shop.get('/api/stock-points')).body.items[0].id}`)).toEqual({ total: 0, rows: [] });
    const malformed = await other.get(`/api/products/${tea}/ledger?stockPointId=abc`);
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.details[0].field).toBe('stockPointId');
  });

  it('keeps monthly stats incrementally, with gross margin = sales − cost of goods', async () => {
    const stats = await shop.get('/api/stats/monthly?year=2026');
    expect(stats.body.months).toHaveLength(12);
    expect(stats.body.scope).toBe('shop');
    expect(stats.body.months[9]).toMatchObject({ month: 10, purchaseAmount: '63.33', purchaseCount: 2, inboundCount: 2, salesAmount: '54.00', salesCount: 1, outboundCount: 1, salesCost: '20.00', grossMargin: '34.00' });
    expect(stats.body.months[10]).toMatchObject({ month: 11, salesAmount: '20.00', salesCost: '7.50', grossMargin: '12.50' });
    expect(stats.body.months[0]).toMatchObject({ salesAmount: '0.00', grossMargin: '0.00', outboundCount: 0 });
    expect((await shop.get('/api/stats/monthly?year=abc')).status).toBe(400);
  });

  it('agrees with its own ledger and an independent sum', async () => {
    const verify = await shop.get('/api/inventory/verify');
    expect(verify.body).toEqual({ checkedBalances: 2, checkedLedgerRows: 4, drift: [] });
    // Drift is found when it exists: corrupt a balance behind the API's back.
    await t.db.query('UPDATE inventory_balances SET quantity = quantity + 1 WHERE shop_id = $1 AND product_id = $2', [shop.shopId, mask]);
    const broken = await shop.get('/api/inventory/verify');
    expect(broken.body.drift).toEqual([expect.objectContaining({ productId: mask, problem: 'balance differs from its ledger' })]);
    await t.db.query('UPDATE inventory_balances SET quantity = quantity - 1 WHERE shop_id = $1 AND product_id = $2', [shop.shopId, mask]);
  });

  it('refuses a backdated sale that would make later history go negative', async () => {
    const other = await t.registerShop();
    const p = await createProduct(other);
    await postBill(other, 'in', [{ productId: p, quantity: 10, unitPrice: 1 }], { billDate: '2026-11-01' });
    await postBill(other, 'out', [{ productId: p, quantity: 8, unitPrice: 2 }], { billDate: '2026-11-10' });
    // Today there are 2 left, but on the 5th taking 5 leaves the sale on the 10th short.
    const refused = await postBill(other, 'out', [{ productId: p, quantity: 5, unitPrice: 2 }], { billDate: '2026-11-05' });
    expect(refused.status).toBe(409);
    expect(refused.body.error.details[0]).toMatchObject({ productId: p, requested: '5.000', available: '2.000' });
    const allowed = await postBill(other, 'out', [{ productId: p, quantity: 2, unitPrice: 2 }], { billDate: '2026-11-05' });
    expect(allowed.status).toBe(201);
    expect((await other.get('/api/inventory/verify')).body.drift).toEqual([]);
  });

  it('allows negative stock when the shop says so', async () => {
    const other = await t.registerShop();
    const p = await createProduct(other);
    expect((await other.put('/api/shop', { allowNegativeStock: true })).body.allowNegativeStock).toBe(true);
    const sale = await postBill(other, 'out', [{ productId: p, quantity: 3, unitPrice: 2 }]);
    expect(sale.status).toBe(201);
    expect(sale.body.lines[0]).toMatchObject({ stockBefore: '0.000', stockAfter: '-3.000' });
    const receipt = await postBill(other, 'in', [{ productId: p, quantity: 5, unitPrice: 4 }]);
    expect(receipt.body.lines[0]).toMatchObject({ stockAfter: '2.000' });
    expect((await other.get('/api/inventory')).body.items[0]).toMatchObject({ quantity: '2.000', avgCost: '4.0000', totalCost: '8.00' });
  });

  it('fills the home screen', async () => {
    const other = await t.registerShop();
    const p = await createProduct(other, { warningStock: 3 });
    const today = (await other.get('/api/dashboard')).body.today;
    await postBill(other, 'in', [{ productId: p, quantity: 4, unitPrice: 2 }], { billDate: today });
    await postBill(other, 'out', [{ productId: p, quantity: 2, unitPrice: 5 }], { billDate: today });
    await postBill(other, 'out', [{ productId: p, quantity: 1, unitPrice: 5 }], { billDate: today, confirm: false });
    const dashboard = await other.get('/api/dashboard');
    expect(dashboard.body).toMatchObject({
      todayInboundCount: 1,
      todayInboundAmount: '8.00',
      todayOutboundCount: 1,
      todayOutboundAmount: '10.00',
      monthSales: '10.00',
      monthGrossMargin: '6.00',
      monthStockAdjustment: '0.00',
      lowStockCount: 1,
      pendingApprovalCount: 0,
    });
  });
});
