import { addDays, pooledMethods, type DemandClass, type PooledParams } from '@xiaocang/analytics';
import { shopDay } from '@xiaocang/domain';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { keepShopForecasts } from '../src/jobs/nightly-forecasts.ts';
import { demandHistory, saleTypesOf } from '../src/use-cases/analytics/demand-history.ts';
import { forecastFrom } from '../src/use-cases/analytics/kept-forecasts.ts';
import { createTestApp, describeOnDatabase, type Client, type TestApp } from './support/harness.ts';
import { seedShopHistory } from './support/seeded-history.ts';

const today = shopDay(new Date());

describeOnDatabase('forecast parameters pooled over the shop', () => {
  let t: TestApp;
  let owner: Client;
  let hot: string;
  beforeAll(async () => {
    t = await createTestApp();
    owner = await t.registerShop('参数小店');
    hot = await seedShopHistory(t, owner, { others: 7, ledgerRows: 4_000, hotRows: 40, firstDay: addDays(today, -120), days: 119 });
  }, 120_000);
  afterAll(() => t.close());

  it('are kept by the nightly pass per demand class, and a forecast learnt in a request uses the kept ones', async () => {
    expect(await keepShopForecasts(t.db, owner.shopId, today)).toBe(8);
    const [kept] = await t.db.query<{ params: PooledParams }>('SELECT params FROM shop_weekday_profiles WHERE shop_id = $1', [owner.shopId]);
    const classes = await t.db.query<{ demand_class: DemandClass }>('SELECT DISTINCT demand_class FROM product_forecasts WHERE shop_id = $1', [owner.shopId]);
    // Eight products of one class: enough to pool its combination's members.
    expect(classes).toHaveLength(1);
    const demandClass = classes[0]!.demand_class;
    expect(Object.keys(kept!.params[demandClass]!).sort()).toEqual([...pooledMethods(demandClass)].sort());

    // One stock point: the forecast learnt for it in the request is the kept one of all stock points.
    const [point] = await t.db.query<{ id: string }>('SELECT id::text FROM stock_points WHERE shop_id = $1 AND is_default', [owner.shopId]);
    const forecast = async (query = '') => (await owner.get(`/api/analytics/forecast?productId=${hot}${query}`)).body.daily;
    const fromKept = await forecast();
    expect(await forecast(`&stockPointId=${point!.id}`)).toEqual(fromKept);

    // Other kept parameters make the learnt forecast the one the library gives with them.
    const other: PooledParams = { [demandClass]: Object.fromEntries(pooledMethods(demandClass).map((method) => [method, method.startsWith('tsb') ? [0.3, 0.2] : [0.7]])) };
    await t.db.query('UPDATE shop_weekday_profiles SET params = $2 WHERE shop_id = $1', [owner.shopId, JSON.stringify(other)]);
    const learnt = await forecast(`&stockPointId=${point!.id}`);
    expect(learnt).not.toEqual(fromKept);
    const history = (await demandHistory(t.db, owner.shopId, { productId: hot, saleTypes: await saleTypesOf(t.db, owner.shopId), today }))!;
    const [profile] = await t.db.query<{ profile: number[] | null }>('SELECT profile FROM shop_weekday_profiles WHERE shop_id = $1', [owner.shopId]);
    const expected = forecastFrom(history, { weekdayProfile: profile!.profile, pooledParams: other }).daily;
    expect(learnt.map((day: { mean: string }) => Number(day.mean))).toEqual(expected.map((day) => Number(day.mean.toFixed(3))));
  });
});
