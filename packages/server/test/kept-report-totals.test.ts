import { monthStart, shiftDay, shopDay } from '@xiaocang/domain';
import { beforeAll, expect, it } from 'vitest';
import { keepShopReportTotals, runReportTotals } from '../src/jobs/keep-report-totals.ts';
import { createTestApp, describeOnDatabase, type Client, type Json, type TestApp } from './support/harness.ts';
import { expectStatus, setMemberSwitches } from './support/rich-shop.ts';
import { createProduct, postBill } from './support/stock.ts';

const today = shopDay(new Date());
const ago = (days: number) => shiftDay(today, -days);

/**
 * A shop with 80 days of bills of several types up to today: purchases from two suppliers, sales to two customers
 * and to none, a return, an internal use, a write-off, a reversal, a transfer and a staff member's own bills.
 * Its reports must answer the same from the kept totals as from the bills, and stay right when bills are posted
 * into kept days.
 */
describeOnDatabase('kept report totals', () => {
  let t: TestApp;
  let owner: Client;
  let staff: Client;
  let tea: string;
  let cup: string;
  let pot: string;
  let main: string;
  let branch: string;
  let customers: string[];
  let teaware: string;
  let leaves: string;
  let suppliers: string[];
  const sales: string[] = [];

  /** Every report the kept totals serve, over ranges with whole months, partial months, kept days only and today. */
  const urls = () => {
    const ranges = [
      [ago(75), today],
      [ago(29), today],
      [ago(70), ago(8)],
      [monthStart(ago(40)), ago(1)],
    ];
    return [
      ...ranges.flatMap(([from, to]) => ['day', 'week', 'month', 'billType', 'counterparty'].map((groupBy) => `/api/reports/in-out?from=${from}&to=${to}&groupBy=${groupBy}`)),
      `/api/reports/in-out?from=${ago(75)}&to=${today}&groupBy=month&direction=out`,
      `/api/reports/in-out?from=${ago(75)}&to=${today}&groupBy=counterparty&direction=in`,
      ...ranges.flatMap(([from, to]) => [`/api/reports/sales-by-product?dateFrom=${from}&dateTo=${to}`, `/api/reports/sales-by-customer?dateFrom=${from}&dateTo=${to}`]),
      ...ranges.flatMap(([from, to]) => [
        ...[teaware, leaves].map((category) => `/api/reports/stock-trend?categoryId=${category}&from=${from}&to=${to}`),
        `/api/reports/stock-trend?categoryId=${teaware}&stockPointId=${branch}&from=${from}&to=${to}`,
        `/api/reports/stock-trend?productId=${tea}&from=${from}&to=${to}`,
      ]),
    ];
  };
  const ownUrls = [`/api/reports/in-out?from=${ago(75)}&to=${today}&groupBy=month`, `/api/reports/in-out?from=${ago(75)}&to=${today}&groupBy=billType`];

  const answers = async () => {
    const answered: Record<string, Json> = {};
    for (const url of urls()) answered[url] = expectStatus(await owner.get(url), 200, url);
    for (const url of ownUrls) answered[`own ${url}`] = expectStatus(await staff.get(url), 200, url);
    return answered;
  };
  /** The answers from the bills and the ledger alone: the kept rows set aside for the moment. */
  const fromBills = async () => {
    const [state] = await t.db.query<{ kept_through: string | null; trend_through: string | null }>(
      'SELECT kept_through::text, trend_through::text FROM kept_report_state WHERE shop_id = $1',
      [owner.shopId],
    );
    await t.db.query('UPDATE kept_report_state SET kept_through = NULL, trend_through = NULL WHERE shop_id = $1', [owner.shopId]);
    try {
      return await answers();
    } finally {
      await t.db.query('UPDATE kept_report_state SET kept_through = $2, trend_through = $3 WHERE shop_id = $1', [
        owner.shopId,
        state?.kept_through ?? null,
        state?.trend_through ?? null,
      ]);
    }
  };
  const state = async () =>
    (
      await t.db.query<{ kept_through: string; trend_through: string | null; posting_seq: string }>(
        'SELECT kept_through::text, trend_through::text, posting_seq::text FROM kept_report_state WHERE shop_id = $1',
        [owner.shopId],
      )
    )[0];
  /** The days of this shop the frequent pass kept again. */
  const keptAgain = async () => (await runReportTotals(t.db)).get(owner.shopId) ?? 0;
  const post = async (...args: Parameters<typeof postBill>) => expectStatus(await postBill(...args), 201, 'bill');

  beforeAll(async () => {
    t = await createTestApp();
    owner = await t.registerShop('汇总小店');
    staff = await t.addStaff(owner);
    await setMemberSwitches(owner, staff.userId, { ownRecordsOnly: true });
    main = (await owner.get('/api/stock-points')).body.items[0].id;
    branch = expectStatus(await owner.post('/api/stock-points', { name: '门店仓' }), 201, 'stock point').id;
    customers = [];
    for (const name of ['张三', '李四']) customers.push(expectStatus(await owner.post('/api/customers', { name }), 201, 'customer').id);
    suppliers = [];
    for (const name of ['甲供应商', '乙供应商']) suppliers.push(expectStatus(await owner.post('/api/suppliers', { name }), 201, 'supplier').id);
    teaware = expectStatus(await owner.post('/api/categories', { name: '茶具' }), 201, 'category').id;
    leaves = expectStatus(await owner.post('/api/categories', { name: '茶叶' }), 201, 'category').id;
    tea = await createProduct(owner, { name: '茶叶', categoryId: leaves });
    cup = await createProduct(owner, { name: '茶杯', categoryId: teaware });
    pot = await createProduct(owner, { name: '茶壶', categoryId: teaware });
    await post(owner, 'in', [{ productId: tea, quantity: 500, unitPrice: 2 }, { productId: cup, quantity: 300, unitPrice: '1.5' }, { productId: pot, quantity: 100, unitPrice: 30 }], {
      billDate: ago(80),
      stockPointId: main,
      supplierId: suppliers[0],
    });
    for (let day = 78; day >= 0; day -= 3) {
      const customerId = day % 9 === 0 ? undefined : customers[day % 2];
      const sale = await post(owner, 'out', [{ productId: tea, quantity: 3 + (day % 4), unitPrice: '4.1' }, ...(day % 2 ? [{ productId: cup, quantity: 2, unitPrice: 3 }] : [])], {
        billDate: ago(day),
        stockPointId: main,
        ...(customerId ? { customerId } : {}),
      });
      sales.push(sale.id);
      if (day % 10 === 0) await post(owner, 'in', [{ productId: tea, quantity: 20, unitPrice: 2 + day / 100 }], { billDate: ago(day), stockPointId: main, supplierId: suppliers[1] });
      if (day % 12 === 0) await post(staff, 'out', [{ productId: pot, quantity: 1, unitPrice: 60 }], { billDate: ago(day), stockPointId: main, customerId: customers[0] });
    }
    await post(owner, 'in', [{ productId: tea, quantity: 2, unitPrice: '4.1' }], { billType: '退货入库', billDate: ago(50), stockPointId: main });
    await post(owner, 'out', [{ productId: cup, quantity: 1 }], { billType: '领用出库', billDate: ago(44), stockPointId: main });
    await post(owner, 'out', [{ productId: pot, quantity: 2 }], { billType: '报损出库', billDate: ago(31), stockPointId: main });
    expectStatus(await owner.post(`/api/bills/${sales[3]}/reverse`), 201, 'reversal');
    expectStatus(
      await owner.post('/api/transfers', { fromStockPointId: main, toStockPointId: branch, billDate: ago(20), lines: [{ productId: tea, quantity: 10 }] }),
      201,
      'transfer',
    );
  });

  it('answers the same from the kept totals as from the bills, and reads them', async () => {
    const before = await answers();
    expect(await keepShopReportTotals(t.db, owner.shopId, today)).toBe(81);
    expect(await state()).toMatchObject({ kept_through: today, trend_through: today });
    const kept = await t.db.query<{ rows: number }>(
      `SELECT (SELECT count(*) FROM kept_in_out_totals WHERE shop_id = $1 AND whole_month) + (SELECT count(*) FROM kept_sales_by_product WHERE shop_id = $1 AND whole_month)
              + (SELECT count(*) FROM kept_sales_by_customer WHERE shop_id = $1 AND whole_month) AS rows`,
      [owner.shopId],
    );
    expect(Number(kept[0]!.rows)).toBeGreaterThan(0);
    expect(await answers()).toEqual(before);
    expect(await keptAgain()).toBe(0);

    // A changed kept row shows in the answers: month rows, day rows and the staff member's own rows are read.
    await t.db.query(`UPDATE kept_in_out_totals SET amount = amount + 1000 WHERE shop_id = $1 AND whole_month AND direction = 'out' AND created_by = $2`, [owner.shopId, staff.userId]);
    await t.db.query(`UPDATE kept_sales_by_product SET amount = amount + 1000 WHERE shop_id = $1 AND NOT whole_month AND period_start = $2`, [owner.shopId, ago(3)]);
    const url = `/api/reports/in-out?from=${ago(75)}&to=${today}&groupBy=month`;
    const changed = await answers();
    expect(changed[url].totals.outboundAmount).not.toBe(before[url].totals.outboundAmount);
    expect(changed[`own ${url}`].totals.outboundAmount).not.toBe(before[`own ${url}`].totals.outboundAmount);
    const month = `/api/reports/sales-by-product?dateFrom=${ago(29)}&dateTo=${today}`;
    expect(changed[month].totals.amount).not.toBe(before[month].totals.amount);
    // And the kept stock days: a change before the range moves its opening, one inside it the days from it.
    await t.db.query(`UPDATE kept_stock_days SET quantity = quantity + 7 WHERE shop_id = $1 AND category_id = $2 AND day = $3`, [owner.shopId, teaware, ago(80)]);
    const trend = `/api/reports/stock-trend?categoryId=${teaware}&from=${ago(29)}&to=${today}`;
    expect(changed[trend]).toEqual(before[trend]);
    const moved = expectStatus(await owner.get(trend), 200, 'trend');
    expect(moved.days.map((day: Json) => Number(day.balanceQuantity) - 7)).toEqual(before[trend].days.map((day: Json) => Number(day.balanceQuantity)));
    await t.db.query(`UPDATE kept_stock_days SET quantity = quantity - 7 WHERE shop_id = $1 AND category_id = $2 AND day = $3`, [owner.shopId, teaware, ago(80)]);
    await t.db.query(`UPDATE kept_in_out_totals SET amount = amount - 1000 WHERE shop_id = $1 AND whole_month AND direction = 'out' AND created_by = $2`, [owner.shopId, staff.userId]);
    await t.db.query(`UPDATE kept_sales_by_product SET amount = amount - 1000 WHERE shop_id = $1 AND NOT whole_month AND period_start = $2`, [owner.shopId, ago(3)]);
    expect(await answers()).toEqual(before);
  });

  it('is right at once after a bill dated in a kept day rewrites later costs, and the next pass keeps the days from it again', async () => {
    const kept = await state();
    const before = await answers();
    // Tea bought cheaply 40 days ago: every later sale of tea costs less.
    await post(owner, 'in', [{ productId: tea, quantity: 400, unitPrice: '0.5' }], { billDate: ago(40), stockPointId: main, supplierId: suppliers[0] });
    const now = await answers();
    expect(now).toEqual(await fromBills());
    const month = `/api/reports/sales-by-product?dateFrom=${ago(29)}&dateTo=${today}`;
    expect(now[month].totals.costAmount).not.toBe(before[month].totals.costAmount);
    // The kept rows before the changed day are still read.
    const earlier = `/api/reports/in-out?from=${ago(80)}&to=${today}&groupBy=billType`;
    const unchanged = expectStatus(await owner.get(earlier), 200, 'earlier');
    await t.db.query(`UPDATE kept_in_out_totals SET amount = amount + 1000 WHERE shop_id = $1 AND NOT whole_month AND period_start = $2`, [owner.shopId, ago(78)]);
    expect(expectStatus(await owner.get(earlier), 200, 'earlier').totals.outboundAmount).not.toBe(unchanged.totals.outboundAmount);
    await t.db.query(`UPDATE kept_in_out_totals SET amount = amount - 1000 WHERE shop_id = $1 AND NOT whole_month AND period_start = $2`, [owner.shopId, ago(78)]);

    expect(await keptAgain()).toBe(41);
    const rebuilt = await state();
    expect(rebuilt!.kept_through).toBe(today);
    expect(BigInt(rebuilt!.posting_seq)).toBeGreaterThan(BigInt(kept!.posting_seq));
    expect(await answers()).toEqual(now);
    expect(await keptAgain()).toBe(0);
  });

  it('is right at once after a kept day’s bill is reversed, and after a bill posted today', async () => {
    expectStatus(await owner.post(`/api/bills/${sales[5]}/reverse`), 201, 'reversal');
    await post(staff, 'out', [{ productId: cup, quantity: 1, unitPrice: 3 }], { billDate: today, stockPointId: main, customerId: customers[1] });
    const now = await answers();
    expect(now).toEqual(await fromBills());
    // The reversed sale is dated 63 days ago: the days from it are kept again.
    expect(await keptAgain()).toBe(64);
    expect(await answers()).toEqual(now);
    // Today is kept too: a bill posted today adds itself to the kept rows, read from the bills until the pass takes it in.
    await post(owner, 'out', [{ productId: tea, quantity: 1, unitPrice: 5 }], { billDate: today, stockPointId: main, customerId: customers[0] });
    const withToday = await answers();
    expect(withToday).toEqual(await fromBills());
    expect(withToday).not.toEqual(now);
    expect(await keptAgain()).toBe(1);
    expect(await answers()).toEqual(withToday);
    expect(await keptAgain()).toBe(0);
  });

  it('reads the ledger for a category’s trend once a product changes category, until the next pass groups them again', async () => {
    expect(await keptAgain()).toBe(0);
    const before = await answers();
    expectStatus(await owner.put(`/api/products/${cup}`, { categoryId: leaves }), 200, 'move the cups');
    expect(await state()).toMatchObject({ trend_through: null });
    const now = await answers();
    expect(now).toEqual(await fromBills());
    const trend = `/api/reports/stock-trend?categoryId=${leaves}&from=${ago(29)}&to=${today}`;
    expect(now[trend]).not.toEqual(before[trend]);
    // Only the stock days are kept again, from the shop's first day.
    const totals = await t.db.query<{ rows: string }>('SELECT count(*)::text AS rows FROM kept_in_out_totals WHERE shop_id = $1', [owner.shopId]);
    expect(await keptAgain()).toBe(81);
    expect(await state()).toMatchObject({ kept_through: today, trend_through: today });
    expect(await t.db.query('SELECT count(*)::text AS rows FROM kept_in_out_totals WHERE shop_id = $1', [owner.shopId])).toEqual(totals);
    expect(await answers()).toEqual(now);
    // A product saved with its category unchanged leaves them alone.
    expectStatus(await owner.put(`/api/products/${cup}`, { name: '茶杯 (大)' }), 200, 'rename');
    expect(await state()).toMatchObject({ trend_through: today });
  });
});
