import { afterAll, beforeAll, expect, it } from 'vitest';
import { keepStatistics, plannerShopEstimates } from '../src/jobs/keep-statistics.ts';
import { createTestApp, describeOnDatabase, type Client, type TestApp } from './support/harness.ts';
import { seedShopHistory } from './support/seeded-history.ts';

const plannedRows = async (t: TestApp, shopId: string) => {
  const [plan] = await t.db.query<{ 'QUERY PLAN': [{ Plan: { 'Plan Rows': number } }] | string }>(`EXPLAIN (FORMAT JSON) SELECT * FROM stock_ledger_live WHERE shop_id = ${Number(shopId)}`);
  const json = plan!['QUERY PLAN'];
  return (typeof json === 'string' ? (JSON.parse(json) as [{ Plan: { 'Plan Rows': number } }]) : json)[0].Plan['Plan Rows'];
};

describeOnDatabase('planner statistics of a shop that grew after the last ANALYZE', () => {
  let t: TestApp;
  let large: Client;
  let grown: Client;
  beforeAll(async () => {
    t = await createTestApp();
    large = await t.registerShop('大店');
    grown = await t.registerShop('新店');
    // A shop's ledger written in one go, as an import or a busy day would.
    await seedShopHistory(t, large, { others: 4, ledgerRows: 40_000, hotRows: 10, firstDay: '2025-01-01', days: 300 });
    await t.db.query('ANALYZE stock_ledger_live, stock_bills, stock_bill_lines_live');
    // 3,000 rows: well under the tenth of the ledger that would make the whole table stale.
    await seedShopHistory(t, grown, { others: 4, ledgerRows: 3_000, hotRows: 10, firstDay: '2025-01-01', days: 300 });
  }, 180_000);
  afterAll(() => t.close());

  it('analyses the shop tables once a shop has outgrown its estimate, and then plans for its rows', async () => {
    expect(await plannedRows(t, grown.shopId)).toBeLessThan(500);
    const job = keepStatistics(t.db, { warn: () => undefined, info: () => undefined } as never, 50, 0);
    try {
      const deadline = Date.now() + 60_000;
      while ((await plannedRows(t, grown.shopId)) < 1500 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    } finally {
      await job.stop();
    }
    expect(await plannedRows(t, grown.shopId)).toBeGreaterThan(1500);
  });

  it('estimates a shop as PostgreSQL does, from the statistics of the ledger', async () => {
    const expected = (await plannerShopEstimates(t.db))!;
    // The planner scales the analysed size to the table's pages now, which other writers may have added to.
    for (const shop of [large, grown]) expect(Math.abs(expected(shop.shopId) / (await plannedRows(t, shop.shopId)) - 1)).toBeLessThan(0.05);
  });
});
