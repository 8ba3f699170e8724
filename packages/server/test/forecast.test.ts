import { addDays } from '@xiaocang/analytics';
import { shopDay } from '@xiaocang/domain';
import { beforeAll, expect, it } from 'vitest';
import { createTestApp, describeOnDatabase, type Client, type TestApp } from './support/harness.ts';
import { postDaysAgo } from './support/stock.ts';

const today = shopDay(new Date());

describeOnDatabase('a product forecast from its own sales', () => {
  let t: TestApp;
  let owner: Client;
  const product = async (name: string) => (await owner.post('/api/products', { name, unit: '盒', inboundPrice: '10', outboundPrice: '20' })).body.id as string;
  const post = (direction: 'in' | 'out', productId: string, quantity: number, daysAgo: number) => postDaysAgo(owner, direction, productId, quantity, daysAgo);

  beforeAll(async () => {
    t = await createTestApp();
    owner = await t.registerShop('预测小店');
  });

  it('learns a steady seller: a method chosen by its backtest, 28 days ahead, accuracy figures', async () => {
    const mask = await product('面膜');
    await post('in', mask, 1000, 70);
    // 2 on weekdays, 6 at the weekend, every day for ten weeks.
    for (let daysAgo = 69; daysAgo >= 0; daysAgo--) {
      const weekday = new Date(`${addDays(today, -daysAgo)}T00:00:00Z`).getUTCDay();
      const answer = await post('out', mask, weekday === 0 || weekday === 6 ? 6 : 2, daysAgo);
      expect(answer.status).toBe(201);
    }
    const forecast = (await owner.get(`/api/analytics/forecast?productId=${mask}`)).body;
    // The history ends yesterday: today is not over.
    expect(forecast).toMatchObject({ productId: mask, stockPointId: null, status: 'ok', demandClass: 'smooth', historyDays: 70, censoredDays: 0 });
    expect(forecast.daily).toHaveLength(28);
    expect(forecast.daily[0].date).toBe(today);
    const means = forecast.daily.map((day: { mean: string }) => Number(day.mean));
    const weekOne = means.slice(0, 7).reduce((a: number, b: number) => a + b, 0);
    // Two weekend days at 6 and five weekdays at 2: 22 a week.
    expect(weekOne).toBeGreaterThan(17);
    expect(weekOne).toBeLessThan(27);
    for (const figure of Object.values(forecast.backtest)) expect(Number.isFinite(figure)).toBe(true);
  });

  it('does not read the days a product was out of stock as days nobody wanted it', async () => {
    const serum = await product('精华');
    await post('in', serum, 120, 60);
    for (let daysAgo = 59; daysAgo >= 30; daysAgo--) await post('out', serum, 4, daysAgo);
    // Sold out 30 days ago and never restocked.
    const forecast = (await owner.get(`/api/analytics/forecast?productId=${serum}`)).body;
    expect(forecast.censoredDays).toBeGreaterThanOrEqual(29);
    expect(Number(forecast.daily[0].mean)).toBeGreaterThan(2);
  });

  it('says so when there is no history, and never gives a number that is not one', async () => {
    const fresh = await product('新品');
    const forecast = (await owner.get(`/api/analytics/forecast?productId=${fresh}&horizon=7`)).body;
    expect(forecast).toMatchObject({ status: 'no-history', historyDays: 0, backtest: null });
    expect(forecast.daily.map((day: { mean: string }) => day.mean)).toEqual(Array(7).fill('0.000'));
    const once = await product('一次');
    await post('in', once, 5, 3);
    await post('out', once, 5, 2);
    const single = (await owner.get(`/api/analytics/forecast?productId=${once}`)).body;
    expect(single.daily.every((day: { mean: string }) => /^\d+\.\d{3}$/.test(day.mean))).toBe(true);
  });

  it('is the owner’s, for the caller’s shop only, and checks its query', async () => {
    const any = await product('杯子');
    const staff = await t.addStaff(owner);
    expect((await staff.get(`/api/analytics/forecast?productId=${any}`)).status).toBe(403);
    const other = await t.registerShop('别家');
    expect((await other.get(`/api/analytics/forecast?productId=${any}`)).status).toBe(404);
    const bad = await owner.get(`/api/analytics/forecast?productId=${any}&horizon=0`);
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].field).toBe('horizon');
  });
});
