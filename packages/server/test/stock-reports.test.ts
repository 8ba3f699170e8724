import { beforeAll, expect, it } from 'vitest';
import { createTestApp, describeOnDatabase, type Client, type Json, type TestApp } from './support/harness.ts';
import { expectStatus, setMemberSwitches } from './support/rich-shop.ts';
import { createProduct, postBill } from './support/stock.ts';

/**
 * A small shop worked out by hand: cream (护肤) bought 10 @ 3 at the main store on 10-03 and 4 @ 4.5 at the
 * branch on 11-02, 6 sold @ 9 to 张三 on 10-05 (cost 6 × 3 = 18.00); the mask (no category) bought 20 @ 1.5 on
 * 10-04, 5 sold on 10-12 and that sale reversed (dated today).
 * Now: cream 4 at the main store (12.00) and 4 at the branch (18.00), mask 20 at the main store (30.00).
 */
describeOnDatabase('stock summary, in/out summary and stock trend', () => {
  let t: TestApp;
  let shop: Client;
  let cream: string;
  let mask: string;
  let category: string;
  let main: string;
  let branch: string;
  let customer: string;
  let supplier: string;
  beforeAll(async () => {
    t = await createTestApp();
    shop = await t.registerShop();
    main = (await shop.get('/api/stock-points')).body.items[0].id;
    branch = expectStatus(await shop.post('/api/stock-points', { name: '门店仓' }), 201, 'stock point').id;
    category = expectStatus(await shop.post('/api/categories', { name: '护肤' }), 201, 'category').id;
    customer = expectStatus(await shop.post('/api/customers', { name: '张三' }), 201, 'customer').id;
    supplier = expectStatus(await shop.post('/api/suppliers', { name: '甲供应商' }), 201, 'supplier').id;
    cream = await createProduct(shop, { name: '面霜', code: 'C-1', categoryId: category });
    mask = await createProduct(shop, { name: '面膜', code: 'M-1' });
    const post = async (...args: Parameters<typeof postBill>) => expectStatus(await postBill(...args), 201, 'bill');
    await post(shop, 'in', [{ productId: cream, quantity: 10, unitPrice: 3 }], { billDate: '2026-10-03', stockPointId: main, supplierId: supplier });
    await post(shop, 'in', [{ productId: mask, quantity: 20, unitPrice: 1.5 }], { billDate: '2026-10-04', stockPointId: main });
    await post(shop, 'out', [{ productId: cream, quantity: 6, unitPrice: 9 }], { billDate: '2026-10-05', stockPointId: main, customerId: customer });
    const sale = await post(shop, 'out', [{ productId: mask, quantity: 5, unitPrice: 4 }], { billDate: '2026-10-12', stockPointId: main, customerId: customer });
    expectStatus(await shop.post(`/api/bills/${sale.id}/reverse`), 201, 'reversal');
    await post(shop, 'in', [{ productId: cream, quantity: 4, unitPrice: 4.5 }], { billDate: '2026-11-02', stockPointId: branch });
  });

  it('sums the balances per product, category and stock point, with totals over every row', async () => {
    const rows = (body: Json) => body.items.map((row: Json) => [row.name, row.stockQuantity, row.stockValue]);
    const byProduct = expectStatus(await shop.get('/api/reports/stock-summary'), 200, 'by product');
    expect(rows(byProduct)).toEqual([
      ['面膜', '20.000', '30.00'],
      ['面霜', '8.000', '30.00'],
    ]);
    expect(byProduct.items[1]).toMatchObject({ id: cream, code: 'C-1', unit: '个' });
    expect(byProduct).toMatchObject({ groupBy: 'product', total: 2, totals: { stockQuantity: '28.000', stockValue: '60.00' } });
    const byCategory = expectStatus(await shop.get('/api/reports/stock-summary?groupBy=category'), 200, 'by category');
    expect(rows(byCategory)).toEqual([
      ['护肤', '8.000', '30.00'],
      [null, '20.000', '30.00'],
    ]);
    expect(byCategory.total).toBe(2);
    const byPoint = expectStatus(await shop.get('/api/reports/stock-summary?groupBy=stockPoint'), 200, 'by stock point');
    expect(rows(byPoint)).toEqual([
      ['门店仓', '4.000', '18.00'],
      ['默认仓库', '24.000', '42.00'],
    ]);
    // Filters narrow rows and totals alike; a page holds pageSize rows of the same total.
    const branchOnly = expectStatus(await shop.get(`/api/reports/stock-summary?stockPointId=${branch}`), 200, 'branch');
    expect(rows(branchOnly)).toEqual([['面霜', '4.000', '18.00']]);
    expect(branchOnly.totals).toEqual({ stockQuantity: '4.000', stockValue: '18.00' });
    const inCategory = expectStatus(await shop.get(`/api/reports/stock-summary?groupBy=stockPoint&categoryId=${category}`), 200, 'category');
    expect(rows(inCategory)).toEqual([
      ['门店仓', '4.000', '18.00'],
      ['默认仓库', '4.000', '12.00'],
    ]);
    const page = expectStatus(await shop.get('/api/reports/stock-summary?pageSize=1&page=2'), 200, 'page');
    expect(page).toMatchObject({ total: 2, items: [{ name: '面霜' }], totals: { stockQuantity: '28.000' } });
  });

  it('sums standing bills per month, week, day, bill type and counterparty', async () => {
    const month = expectStatus(await shop.get('/api/reports/in-out?from=2026-10-01&to=2026-11-30&groupBy=month'), 200, 'by month');
    // The reversed mask sale and its reversal are left out; the sale's cost is what posting charged.
    expect(month.items).toEqual([
      { key: '2026-10-01', name: null, partyKind: null, inboundCount: 2, inboundQuantity: '30.000', inboundAmount: '60.00', outboundCount: 1, outboundQuantity: '6.000', outboundAmount: '54.00', outboundCost: '18.00' },
      { key: '2026-11-01', name: null, partyKind: null, inboundCount: 1, inboundQuantity: '4.000', inboundAmount: '18.00', outboundCount: 0, outboundQuantity: '0.000', outboundAmount: '0.00', outboundCost: '0.00' },
    ]);
    expect(month).toMatchObject({ scope: 'shop', totals: { inboundCount: 3, inboundQuantity: '34.000', inboundAmount: '78.00', outboundCount: 1, outboundAmount: '54.00', outboundCost: '18.00' } });

    // Weeks start on Monday: 2026-10-01 is a Thursday, so the first week is 09-28's; quiet weeks are zeros.
    const week = expectStatus(await shop.get('/api/reports/in-out?from=2026-10-01&to=2026-11-30&groupBy=week'), 200, 'by week');
    expect(week.items.map((row: Json) => [row.key, row.inboundCount, row.outboundCount])).toEqual([
      ['2026-09-28', 2, 0],
      ['2026-10-05', 0, 1],
      ['2026-10-12', 0, 0],
      ['2026-10-19', 0, 0],
      ['2026-10-26', 0, 0],
      ['2026-11-02', 1, 0],
      ['2026-11-09', 0, 0],
      ['2026-11-16', 0, 0],
      ['2026-11-23', 0, 0],
      ['2026-11-30', 0, 0],
    ]);
    const day = expectStatus(await shop.get('/api/reports/in-out?from=2026-10-03&to=2026-10-05&groupBy=day&direction=in'), 200, 'by day');
    expect(day.items.map((row: Json) => [row.key, row.inboundQuantity, row.outboundCount])).toEqual([
      ['2026-10-03', '10.000', 0],
      ['2026-10-04', '20.000', 0],
      ['2026-10-05', '0.000', 0],
    ]);

    const byType = expectStatus(await shop.get('/api/reports/in-out?from=2026-10-01&to=2026-11-30&groupBy=billType'), 200, 'by type');
    expect(byType.items.map((row: Json) => [row.key, row.inboundCount, row.inboundAmount, row.outboundCount, row.outboundAmount])).toEqual([
      ['采购入库', 3, '78.00', 0, '0.00'],
      ['销售出库', 0, '0.00', 1, '54.00'],
    ]);
    const byParty = expectStatus(await shop.get('/api/reports/in-out?from=2026-10-01&to=2026-11-30&groupBy=counterparty'), 200, 'by party');
    expect(byParty.items.map((row: Json) => [row.partyKind, row.key, row.name, row.inboundQuantity, row.outboundQuantity])).toEqual([
      ['customer', customer, '张三', '0.000', '6.000'],
      ['supplier', supplier, '甲供应商', '10.000', '0.000'],
      [null, null, null, '24.000', '0.000'],
    ]);
    // A period with nothing in it is all zeros, not an error.
    const quiet = expectStatus(await shop.get('/api/reports/in-out?from=2025-01-01&to=2025-01-31&groupBy=billType'), 200, 'quiet');
    expect(quiet).toMatchObject({ items: [], totals: { inboundCount: 0, inboundAmount: '0.00', outboundCost: '0.00' } });
  });

  it('rebuilds each day’s closing stock from the ledger, carrying quiet days forward', async () => {
    const trend = expectStatus(await shop.get(`/api/reports/stock-trend?productId=${cream}&from=2026-10-02&to=2026-10-06`), 200, 'cream');
    expect(trend).toMatchObject({ name: '面霜', unit: '个', productId: cream, categoryId: null });
    expect(trend.days.map((d: Json) => [d.date, d.balanceQuantity, d.balanceAmount])).toEqual([
      ['2026-10-02', '0.000', '0.00'],
      ['2026-10-03', '10.000', '30.00'],
      ['2026-10-04', '10.000', '30.00'],
      ['2026-10-05', '4.000', '12.00'],
      ['2026-10-06', '4.000', '12.00'],
    ]);
    // Opening from the rows before the period; both stock points add up; a category is its products.
    const later = expectStatus(await shop.get(`/api/reports/stock-trend?categoryId=${category}&from=2026-11-01&to=2026-11-03`), 200, 'category');
    expect(later).toMatchObject({ name: '护肤', unit: null });
    expect(later.days.map((d: Json) => [d.date, d.balanceQuantity, d.balanceAmount])).toEqual([
      ['2026-11-01', '4.000', '12.00'],
      ['2026-11-02', '8.000', '30.00'],
      ['2026-11-03', '8.000', '30.00'],
    ]);
    const atMain = expectStatus(await shop.get(`/api/reports/stock-trend?productId=${cream}&stockPointId=${main}&from=2026-11-02&to=2026-11-02`), 200, 'main');
    expect(atMain.days).toEqual([{ date: '2026-11-02', balanceQuantity: '4.000', balanceAmount: '12.00' }]);
    // The reversed sale took 5 masks out on 10-12; its reversal puts them back on the day it was made.
    const masks = expectStatus(await shop.get(`/api/reports/stock-trend?productId=${mask}&from=2026-10-11&to=2026-10-13`), 200, 'mask');
    expect(masks.days.map((d: Json) => d.balanceQuantity)).toEqual(['20.000', '15.000', '15.000']);
  });

  it('hides values from a staff member with hideInboundPrice, and the reports of stock from one with hideInventory', async () => {
    const staff = await t.addStaff(shop);
    await setMemberSwitches(shop, staff.userId, { hideInboundPrice: true });
    const summary = expectStatus(await staff.get('/api/reports/stock-summary'), 200, 'summary');
    expect(summary.items[0]).toEqual({ id: mask, name: '面膜', code: 'M-1', unit: '个', stockQuantity: '20.000' });
    expect(summary.totals).toEqual({ stockQuantity: '28.000' });
    const inOut = expectStatus(await staff.get('/api/reports/in-out?from=2026-10-01&to=2026-10-31&groupBy=month'), 200, 'in-out');
    expect(inOut.items[0]).toEqual({ key: '2026-10-01', name: null, partyKind: null, inboundCount: 2, inboundQuantity: '30.000', outboundCount: 1, outboundQuantity: '6.000', outboundAmount: '54.00' });
    expect(Object.keys(inOut.totals).sort()).toEqual(['inboundCount', 'inboundQuantity', 'outboundAmount', 'outboundCount', 'outboundQuantity']);
    const trend = expectStatus(await staff.get(`/api/reports/stock-trend?productId=${cream}&from=2026-10-03&to=2026-10-03`), 200, 'trend');
    expect(trend.days).toEqual([{ date: '2026-10-03', balanceQuantity: '10.000' }]);

    await setMemberSwitches(shop, staff.userId, { hideInboundPrice: false, hideInventory: true });
    expect((await staff.get('/api/reports/stock-summary')).status).toBe(403);
    expect((await staff.get(`/api/reports/stock-trend?productId=${cream}&from=2026-10-03&to=2026-10-03`)).status).toBe(403);
    const flows = expectStatus(await staff.get('/api/reports/in-out?from=2026-10-01&to=2026-10-31&groupBy=month'), 200, 'flows');
    expect(Object.keys(flows.items[0]).filter((key) => key.endsWith('Quantity'))).toEqual([]);
    expect(flows.items[0]).toMatchObject({ inboundAmount: '60.00', outboundCost: '18.00' });

    // ownRecordsOnly: the staff member's own bills only.
    await setMemberSwitches(shop, staff.userId, { hideInventory: false, ownRecordsOnly: true });
    const own = async () => expectStatus(await staff.get('/api/reports/in-out?from=2026-10-01&to=2026-10-31&groupBy=billType'), 200, 'own');
    expect(await own()).toMatchObject({ scope: 'own', items: [], totals: { inboundCount: 0, outboundCount: 0 } });
    expectStatus(await postBill(staff, 'out', [{ productId: cream, quantity: 1, unitPrice: 9.5 }], { billDate: '2026-10-20', stockPointId: main }), 201, 'staff sale');
    expect((await own()).items).toEqual([
      { key: '销售出库', name: '销售出库', partyKind: null, inboundCount: 0, inboundQuantity: '0.000', inboundAmount: '0.00', outboundCount: 1, outboundQuantity: '1.000', outboundAmount: '9.50', outboundCost: '3.00' },
    ]);
    const ownerOut = expectStatus(await shop.get('/api/reports/in-out?from=2026-10-01&to=2026-10-31&groupBy=month&direction=out'), 200, 'owner');
    expect(ownerOut).toMatchObject({ scope: 'shop', totals: { inboundCount: 0, outboundCount: 2, outboundQuantity: '7.000', outboundAmount: '63.50', outboundCost: '21.00' } });
  });

  it('does not find another shop’s records, and refuses bad periods naming the field', async () => {
    const other = await t.registerShop();
    const theirs = await createProduct(other);
    const theirCategory = expectStatus(await other.post('/api/categories', { name: '别家' }), 201, 'category').id;
    const theirPoint = (await other.get('/api/stock-points')).body.items[0].id;
    const notFound = async (url: string, field: string) => {
      const response = await shop.get(url);
      expect(response.status, url).toBe(404);
      expect(response.body.error.details[0].field).toBe(field);
    };
    await notFound(`/api/reports/stock-trend?productId=${theirs}&from=2026-10-01&to=2026-10-02`, 'productId');
    await notFound(`/api/reports/stock-trend?categoryId=${theirCategory}&from=2026-10-01&to=2026-10-02`, 'categoryId');
    await notFound(`/api/reports/stock-trend?productId=${cream}&stockPointId=${theirPoint}&from=2026-10-01&to=2026-10-02`, 'stockPointId');
    await notFound(`/api/reports/stock-summary?stockPointId=${theirPoint}`, 'stockPointId');
    await notFound(`/api/reports/stock-summary?categoryId=${theirCategory}`, 'categoryId');

    const refused = async (url: string, field: string) => {
      const response = await shop.get(url);
      expect(response.status, url).toBe(400);
      expect(response.body.error.details.map((d: Json) => d.field)).toContain(field);
    };
    // Three years at most: from 2023-10-01 the last day is 2026-09-30.
    expect((await shop.get('/api/reports/in-out?from=2023-10-01&to=2026-09-30&groupBy=month')).status).toBe(200);
    await refused('/api/reports/in-out?from=2023-10-01&to=2026-10-01&groupBy=month', 'to');
    await refused(`/api/reports/stock-trend?productId=${cream}&from=2023-10-01&to=2026-10-01`, 'to');
    await refused('/api/reports/in-out?from=2026-10-05&to=2026-10-01', 'to');
    await refused('/api/reports/in-out?from=2026-13-01&to=2026-10-01', 'from');
    await refused('/api/reports/in-out?to=2026-10-01', 'from');
    await refused('/api/reports/in-out?from=2026-10-01&to=2026-10-02&groupBy=year', 'groupBy');
    await refused('/api/reports/stock-summary?groupBy=supplier', 'groupBy');
    await refused('/api/reports/stock-trend?from=2026-10-01&to=2026-10-02', 'productId');
    await refused(`/api/reports/stock-trend?productId=${cream}&categoryId=${category}&from=2026-10-01&to=2026-10-02`, 'productId');
  });
});
