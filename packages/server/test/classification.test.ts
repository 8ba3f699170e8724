import { addDays } from '@xiaocang/analytics';
import { shopDay } from '@xiaocang/domain';
import { beforeAll, expect, it } from 'vitest';
import { createTestApp, describeOnDatabase, describeOnPostgres, type Client, type TestApp } from './support/harness.ts';
import { createProduct, postBill } from './support/stock.ts';
import { keepShopForecasts, runNightlyForecasts } from '../src/jobs/nightly-forecasts.ts';
import { refreshStaleForecasts } from '../src/jobs/refresh-stale-forecasts.ts';
import { keptForecasts, staleForecastProducts } from '../src/use-cases/analytics/kept-forecasts.ts';
import { loadPostingBills, postBills } from '../src/use-cases/stock/post-bills.ts';
import type { Database } from '../src/db/database.ts';

const today = shopDay(new Date());
/** The 40 days before today. */
const from = addDays(today, -40);
const to = addDays(today, -1);

/** Whether every ledger row of the bill was created before its product's forecast was kept. */
async function createdBeforeKept(db: Database, shopId: string, billId: string): Promise<boolean> {
  const [created] = await db.query<{ before_kept: boolean }>(
    `SELECT bool_and(l.created_at < f.made_at) AS before_kept FROM stock_ledger l JOIN product_forecasts f ON f.shop_id = l.shop_id AND f.product_id = l.product_id
      WHERE l.shop_id = $1 AND l.bill_id = $2`,
    [shopId, billId],
  );
  return created!.before_kept;
}

/**
 * A small shop, worked out by hand. Every product is bought 45 days ago (so it is in stock all through the window)
 * and sold at its cost:
 *   茶叶 cost 10: 1 and 3 on alternate days, 40 days → 80 sold, 800.00; ADI 1, CV² 0.25: smooth.
 *   瓜子 cost 2: 1 and 9 on alternate days → 200 sold, 400.00; ADI 1, CV² 0.64: erratic.
 *   茶具 cost 50: 1 every fourth day → 10 sold, 500.00; ADI 4, CV² 0: intermittent.
 *   礼盒 cost 20: 1, 1, 1, 1, 6 every eighth day → 10 sold, 200.00; ADI 8, CV² 1: lumpy.
 *   杯子 cost 5: 2 on two days → 20.00; two days with a sale: short-history.
 *   新品: never moved → 0.00, short-history (no day observed).
 * Total 1920.00. Ranked: 茶叶 800 (41.67 %), 茶具 500 (cum. 67.71 %), 瓜子 400 (88.54 %), 礼盒 200 (98.96 %), 杯子 20 (100 %), 新品 0.
 * 80/15/5: the products above 瓜子 hold 67.71 % < 80 % → A; above 礼盒 88.54 % → B; 杯子 and 新品 → C.
 */
describeOnDatabase('ABC × demand class of a shop’s products', () => {
  let t: TestApp;
  let owner: Client;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestApp();
    owner = await t.registerShop('分类小店');
    const costs: Record<string, string> = { 茶叶: '10', 瓜子: '2', 茶具: '50', 礼盒: '20', 杯子: '5', 新品: '8' };
    for (const [name, cost] of Object.entries(costs)) {
      ids[name] = (await owner.post('/api/products', { name, unit: '个', inboundPrice: cost, outboundPrice: '99' })).body.id;
    }
    const bought = ['茶叶', '瓜子', '茶具', '礼盒', '杯子'].map((name) => ({ productId: ids[name]!, quantity: '1000', unitPrice: costs[name]! }));
    expect((await postBill(owner, 'in', bought, { billDate: addDays(today, -45) })).status).toBe(201);
    for (let i = 0; i < 40; i++) {
      const lines = [
        { productId: ids['茶叶']!, quantity: i % 2 === 0 ? '1' : '3' },
        { productId: ids['瓜子']!, quantity: i % 2 === 0 ? '1' : '9' },
        ...(i % 4 === 0 ? [{ productId: ids['茶具']!, quantity: '1' }] : []),
        ...(i % 8 === 0 ? [{ productId: ids['礼盒']!, quantity: i === 32 ? '6' : '1' }] : []),
        ...(i === 5 || i === 20 ? [{ productId: ids['杯子']!, quantity: '2' }] : []),
      ];
      expect((await postBill(owner, 'out', lines, { billDate: addDays(from, i) })).status).toBe(201);
    }
  });

  it('ranks by cost of goods sold into A, B and C and names each demand class, with the figures behind them', async () => {
    const answer = await owner.get(`/api/analytics/classification?from=${from}&to=${to}`);
    expect(answer.status).toBe(200);
    const found = answer.body;
    expect(found).toMatchObject({ from, to, a: 80, b: 15, costAmount: '1920.00', minObservedDays: 28, minDemandDays: 3 });
    expect(found.classes).toEqual([
      { abc: 'A', productCount: 3, costAmount: '1700.00', sharePercent: '88.54' },
      { abc: 'B', productCount: 1, costAmount: '200.00', sharePercent: '10.42' },
      { abc: 'C', productCount: 2, costAmount: '20.00', sharePercent: '1.04' },
    ]);
    const rows = found.items.map((item: Record<string, unknown>) => [
      item.productName,
      item.rank,
      item.costAmount,
      item.sharePercent,
      item.cumulativePercent,
      item.abc,
      item.demandClass,
      item.adi,
      item.cv2,
      item.demandDays,
      item.observedDays,
    ]);
    expect(rows).toEqual([
      ['茶叶', 1, '800.00', '41.67', '41.67', 'A', 'smooth', '1.00', '0.25', 40, 40],
      ['茶具', 2, '500.00', '26.04', '67.71', 'A', 'intermittent', '4.00', '0.00', 10, 40],
      ['瓜子', 3, '400.00', '20.83', '88.54', 'A', 'erratic', '1.00', '0.64', 40, 40],
      ['礼盒', 4, '200.00', '10.42', '98.96', 'B', 'lumpy', '8.00', '1.00', 5, 40],
      ['杯子', 5, '20.00', '1.04', '100.00', 'C', 'short-history', null, null, 2, 40],
      ['新品', 6, '0.00', '0.00', '100.00', 'C', 'short-history', null, null, 0, 0],
    ]);
    expect(JSON.stringify(found)).not.toMatch(/NaN|Infinity/);
  });

  it('takes other cut-offs', async () => {
    const found = (await owner.get(`/api/analytics/classification?from=${from}&to=${to}&a=50&b=30`)).body;
    // Above 茶具 41.67 % < 50 → A; above 瓜子 67.71 % < 80 → B; above 礼盒 88.54 % ≥ 80 → C.
    expect(found.items.map((item: { abc: string }) => item.abc)).toEqual(['A', 'A', 'B', 'C', 'C', 'C']);
    expect(found.classes.map((c: { productCount: number }) => c.productCount)).toEqual([2, 1, 3]);
  });

  it('leaves out a reversed sale, and counts only the days of the window', async () => {
    const bill = await postBill(owner, 'out', [{ productId: ids['杯子']!, quantity: '1' }], { billDate: addDays(today, -2) });
    expect(bill.status).toBe(201);
    expect((await owner.post(`/api/bills/${bill.body.id}/reverse`)).status).toBe(201);
    // Counted, it would make 25.00 and a third day with a sale.
    const found = (await owner.get(`/api/analytics/classification?from=${from}&to=${to}`)).body;
    expect(found.items.find((item: { productName: string }) => item.productName === '杯子')).toMatchObject({ costAmount: '20.00', demandDays: 2, demandClass: 'short-history' });
    // The last ten days only: 茶叶 sold 1, 3, … on days 30–39 → 20 sold, 200.00.
    const late = (await owner.get(`/api/analytics/classification?from=${addDays(from, 30)}&to=${to}`)).body;
    expect(late.items.find((item: { productName: string }) => item.productName === '茶叶')).toMatchObject({ costAmount: '200.00', demandClass: 'short-history', observedDays: 10 });
  });

  it('is the owner’s, for the caller’s shop only, and refuses a bad window by its field', async () => {
    const staff = await t.addStaff(owner);
    expect((await staff.get('/api/analytics/classification')).status).toBe(403);
    const other = await t.registerShop('别家');
    const theirs = (await other.get('/api/analytics/classification')).body;
    expect(theirs).toMatchObject({ costAmount: '0.00', items: [] });
    const bad = async (query: string) => {
      const answer = await owner.get(`/api/analytics/classification?${query}`);
      expect(answer.status, query).toBe(400);
      return answer.body.error.details[0].field as string;
    };
    expect(await bad(`from=${addDays(to, -1096)}&to=${to}`)).toBe('from');
    expect(await bad(`from=${to}&to=${from}`)).toBe('to');
    expect(await bad(`to=${addDays(today, 1)}`)).toBe('to');
    expect(await bad('from=2026-02-30')).toBe('from');
    expect(await bad('a=90&b=20')).toBe('b');
    expect(await bad('a=0')).toBe('a');
    // Three years exactly is fine; so is the default window.
    expect((await owner.get(`/api/analytics/classification?from=${addDays(to, -1095)}&to=${to}`)).status).toBe(200);
    expect((await owner.get('/api/analytics/classification')).body.to).toBe(addDays(today, -1));
  });

  it('answers the default window from the nightly pass exactly as from the ledger, until a late bill changes a product’s history', async () => {
    const learnt = (await owner.get('/api/analytics/classification')).body;
    expect(await runNightlyForecasts(t.db)).toBeGreaterThanOrEqual(5);
    expect((await owner.get('/api/analytics/classification')).body).toEqual(learnt);

    // What is kept is what is read: 茶具's kept cost of goods sold shows, and ranks it first.
    await t.db.query(`UPDATE product_forecasts SET sold_cost = 9999 WHERE shop_id = $1 AND product_id = $2`, [owner.shopId, ids['茶具']]);
    expect((await owner.get('/api/analytics/classification')).body.items[0]).toMatchObject({ productName: '茶具', costAmount: '9999.00' });
    // A sale entered late for yesterday changes the year it was kept from: 茶具 is read from the ledger again.
    expect((await postBill(owner, 'out', [{ productId: ids['茶具']!, quantity: '1' }], { billDate: to })).status).toBe(201);
    const after = (await owner.get('/api/analytics/classification')).body;
    const teaSet = (body: typeof learnt) => body.items.find((item: { productName: string }) => item.productName === '茶具');
    expect(teaSet(after).costAmount).toBe((Number(teaSet(learnt).costAmount) + 50).toFixed(2));

    // The frequent pass learns 茶具 again, and only it: its kept figures are read once more, and true.
    // (Other shops of the test database may have stale forecasts of their own: this one's are counted.)
    expect(await staleForecastProducts(t.db, owner.shopId, today)).toEqual([ids['茶具']]);
    expect(await refreshStaleForecasts(t.db)).toBeGreaterThanOrEqual(1);
    expect(await staleForecastProducts(t.db, owner.shopId, today)).toEqual([]);
    const [kept] = await t.db.query<{ sold_cost: string }>('SELECT sold_cost::text FROM product_forecasts WHERE shop_id = $1 AND product_id = $2', [owner.shopId, ids['茶具']]);
    expect(kept!.sold_cost).toBe(teaSet(after).costAmount);
    await t.db.query(`UPDATE product_forecasts SET sold_cost = 8888 WHERE shop_id = $1 AND product_id = $2`, [owner.shopId, ids['茶具']]);
    expect(teaSet((await owner.get('/api/analytics/classification')).body).costAmount).toBe('8888.00');
  });

  it('keeps each forecast with the postings it read, and a later posting changes it even when its transaction began before it was kept', async () => {
    const [posted] = await t.db.query<{ seq: string }>('SELECT max(posting_seq)::text AS seq FROM stock_ledger WHERE shop_id = $1', [owner.shopId]);
    expect(await keepShopForecasts(t.db, owner.shopId, today)).toBe(5);
    const stamps = await t.db.query<{ posting_seq: string; stamped_first: boolean }>(
      'SELECT posting_seq::text, postings_from <= made_at AS stamped_first FROM product_forecasts WHERE shop_id = $1',
      [owner.shopId],
    );
    expect(stamps).toHaveLength(5);
    for (const stamp of stamps) {
      expect(BigInt(stamp.posting_seq)).toBeGreaterThanOrEqual(BigInt(posted!.seq));
      expect(stamp.stamped_first).toBe(true);
    }
    expect(await staleForecastProducts(t.db, owner.shopId, today)).toEqual([]);

    // A sale of 瓜子 for yesterday, posted by a transaction that began as the stamp was taken (it drew its posting_seq
    // later): its ledger rows were created before the forecast was kept, and it changes the history all the same.
    const bill = await postBill(owner, 'out', [{ productId: ids['瓜子']!, quantity: '1' }], { billDate: to });
    expect(bill.status).toBe(201);
    await t.db.query(
      `UPDATE stock_ledger_live l SET created_at = f.postings_from FROM product_forecasts f
        WHERE l.shop_id = $1 AND l.bill_id = $2 AND f.shop_id = l.shop_id AND f.product_id = l.product_id`,
      [owner.shopId, bill.body.id],
    );
    expect(await createdBeforeKept(t.db, owner.shopId, bill.body.id)).toBe(true);
    expect(await staleForecastProducts(t.db, owner.shopId, today)).toEqual([ids['瓜子']]);
    expect([...(await keptForecasts(t.db, owner.shopId, [ids['瓜子']!, ids['茶叶']!], today)).keys()]).toEqual([ids['茶叶']]);
    expect(await refreshStaleForecasts(t.db)).toBeGreaterThanOrEqual(1);
    expect(await staleForecastProducts(t.db, owner.shopId, today)).toEqual([]);
  });
});

describeOnPostgres('a kept forecast and a backdated bill in flight', () => {
  it('is stale once a bill whose transaction began before the forecast was kept commits after it', async () => {
    const t = await createTestApp();
    const owner = await t.registerShop('在途小店');
    const tea = await createProduct(owner, { inboundPrice: '10' });
    expect((await postBill(owner, 'in', [{ productId: tea, quantity: '100', unitPrice: '10' }], { billDate: addDays(today, -30) })).status).toBe(201);
    for (let day = 29; day >= 1; day--) {
      expect((await postBill(owner, 'out', [{ productId: tea, quantity: String(1 + (day % 3)) }], { billDate: addDays(today, -day) })).status).toBe(201);
    }
    const draft = await owner.post('/api/bills', { direction: 'out', billType: '销售出库', billDate: to, lines: [{ productId: tea, quantity: '5', unitPrice: '20' }] });
    expect(draft.status).toBe(201);

    // The bill's transaction begins (its ledger rows take this start as their creation time) and waits while the pass
    // keeps the shop's forecasts; then it posts the bill and commits.
    let begun!: () => void;
    let go!: () => void;
    const started = new Promise<void>((resolve) => (begun = resolve));
    const gate = new Promise<void>((resolve) => (go = resolve));
    const posting = t.db.transaction(async (tx) => {
      await tx.query('SELECT 1');
      begun();
      await gate;
      await postBills(tx, { shopId: owner.shopId, userId: owner.userId }, await loadPostingBills(tx, owner.shopId, [draft.body.id]));
    });
    await started;
    expect(await keepShopForecasts(t.db, owner.shopId, today)).toBe(1);
    expect((await keptForecasts(t.db, owner.shopId, [tea], today)).has(tea)).toBe(true);
    go();
    await posting;
    expect(await createdBeforeKept(t.db, owner.shopId, draft.body.id)).toBe(true);

    // The forecast did not read the bill: it is no longer used, and the frequent pass learns it again.
    expect(await staleForecastProducts(t.db, owner.shopId, today)).toEqual([tea]);
    expect((await keptForecasts(t.db, owner.shopId, [tea], today)).has(tea)).toBe(false);
    expect(await refreshStaleForecasts(t.db)).toBeGreaterThanOrEqual(1);
    expect((await keptForecasts(t.db, owner.shopId, [tea], today)).has(tea)).toBe(true);
  });
});
