import { beforeAll, expect, it } from 'vitest';
import { createTestApp, describeOnDatabase, type Client, type TestApp } from './support/harness.ts';
import { shopDay } from '@xiaocang/domain';
import { postBill, postDaysAgo } from './support/stock.ts';
import { runNightlyForecasts } from '../src/jobs/nightly-forecasts.ts';

describeOnDatabase('purchase suggestions and their draft bills', () => {
  let t: TestApp;
  let owner: Client;
  let mask = '';
  let supplierId = '';

  beforeAll(async () => {
    t = await createTestApp();
    owner = await t.registerShop('补货小店');
    supplierId = (await owner.post('/api/suppliers', { name: '广州面膜厂' })).body.id;
    const product = async (name: string, supplier: string | null) =>
      (await owner.post('/api/products', { name, unit: '盒', inboundPrice: '12.5', outboundPrice: '30', supplierId: supplier })).body.id as string;
    mask = await product('面膜', supplierId);
    const towel = await product('毛巾', null);
    const bill = (direction: 'in' | 'out', productId: string, quantity: number, daysAgo: number) => postDaysAgo(owner, direction, productId, quantity, daysAgo);
    await bill('in', mask, 220, 41);
    await bill('in', towel, 1000, 41);
    // Five masks a day for 40 days: 20 left, four days' worth.
    for (let daysAgo = 40; daysAgo >= 1; daysAgo--) {
      expect((await bill('out', mask, 5, daysAgo)).status).toBe(201);
      await bill('out', towel, 1, daysAgo);
    }
  }, 120_000);

  it('suggests reordering what will run out within the lead time, grouped by supplier, in whole units', async () => {
    const answer = await owner.get('/api/analytics/purchase-suggestions?leadTimeDays=3&coverDays=7');
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ leadTimeDays: 3, serviceLevel: 0.95, coverDays: 7, productsChecked: 2 });
    expect(answer.body.groups).toHaveLength(1);
    const [group] = answer.body.groups;
    expect(group).toMatchObject({ supplierId, supplierName: '广州面膜厂' });
    const [line] = group.lines;
    expect(line).toMatchObject({ productId: mask, productName: '面膜', onHand: '20.000', onOrder: '0.000', unitPrice: '12.50' });
    expect(Number(line.dailyDemand)).toBeCloseTo(5, 0);
    expect(Number(line.reorderPoint)).toBeGreaterThanOrEqual(20);
    // Up to about eleven days of demand (3 + 1 + 7) and the safety stock, less the 20 there are.
    const quantity = Number(line.orderQuantity);
    expect(Number.isInteger(quantity)).toBe(true);
    expect(quantity).toBeGreaterThan(30);
    expect(quantity).toBeLessThan(80);
    expect(line.stockoutDate).toMatch(/^\d{4}-\d\d-\d\d$/);
  });

  it('makes one draft purchase bill per supplier in one request, once per key, and counts it as on order', async () => {
    const suggested = (await owner.get('/api/analytics/purchase-suggestions')).body.groups[0].lines[0];
    const first = await owner.post('/api/analytics/purchase-suggestions/drafts', {}, { 'idempotency-key': 'restock-1' });
    expect(first.status).toBe(201);
    expect(first.body.billIds).toHaveLength(1);
    const draft = (await owner.get(`/api/bills/${first.body.billIds[0]}`)).body;
    expect(draft).toMatchObject({ status: 'draft', direction: 'in', billType: '采购入库', supplierId });
    expect(draft.lines).toMatchObject([{ productId: mask, quantity: suggested.orderQuantity, unitPrice: '12.5000' }]);

    const retried = await owner.post('/api/analytics/purchase-suggestions/drafts', {}, { 'idempotency-key': 'restock-1' });
    expect(retried.body.billIds).toEqual(first.body.billIds);
    expect((await owner.get('/api/analytics/purchase-suggestions')).body.groups).toEqual([]);
    const again = await owner.post('/api/analytics/purchase-suggestions/drafts', {}, { 'idempotency-key': 'restock-2' });
    expect(again.body.billIds).toEqual([]);
    expect((await owner.get('/api/bills?direction=in&status=draft')).body.total).toBe(1);
  });

  it('obeys the supplier’s lead time and the product’s minimum order and pack', async () => {
    const shop = await t.registerShop('整箱小店');
    const slow = (await shop.post('/api/suppliers', { name: '远方工厂', leadTimeDays: 14 })).body.id;
    const soap = (await shop.post('/api/products', { name: '香皂', unit: '块', inboundPrice: '3', outboundPrice: '8', supplierId: slow, moq: '50', packSize: '24' })).body.id;
    await postDaysAgo(shop, 'in', soap, 200, 31);
    for (let daysAgo = 30; daysAgo >= 1; daysAgo--) await postDaysAgo(shop, 'out', soap, 5, daysAgo);
    // 50 left: plenty for 3 days, not for the supplier's 14.
    expect((await shop.get('/api/analytics/purchase-suggestions?leadTimeDays=3')).body.groups).toHaveLength(1);
    const [line] = (await shop.get('/api/analytics/purchase-suggestions?leadTimeDays=3')).body.groups[0].lines;
    expect(line).toMatchObject({ productId: soap, leadTimeDays: 14, onHand: '50.000' });
    const quantity = Number(line.orderQuantity);
    expect(quantity % 24).toBe(0);
    expect(quantity).toBeGreaterThanOrEqual(50);
    expect(Number(line.reorderPoint)).toBeGreaterThan(70);
  });

  it('measures a supplier’s lead time on its orders, from draft to confirmed, when it keeps none', async () => {
    const shop = await t.registerShop('实测到货小店');
    const supplier = (await shop.post('/api/suppliers', { name: '义乌小商品' })).body.id;
    const comb = (await shop.post('/api/products', { name: '梳子', unit: '把', inboundPrice: '2', outboundPrice: '6', supplierId: supplier })).body.id;
    await postDaysAgo(shop, 'in', comb, 150, 31);
    for (let daysAgo = 30; daysAgo >= 1; daysAgo--) await postDaysAgo(shop, 'out', comb, 5, daysAgo);
    const asked = (await shop.get('/api/analytics/purchase-suggestions?leadTimeDays=3')).body.groups[0].lines[0];
    expect(asked).toMatchObject({ leadTimeDays: 3, leadTimeSource: 'asked', measuredLeadTime: null });

    // Three orders that waited 4, 6 and 8 days for their goods, and one entered the day it came (not an order).
    for (const waited of [4, 6, 8, 0]) {
      const draft = (await postBill(shop, 'in', [{ productId: comb, quantity: '1', unitPrice: '2' }], { supplierId: supplier, billDate: shopDay(new Date()), confirm: false })).body;
      await t.db.query(`UPDATE stock_bills SET created_at = now() - make_interval(days => $3) WHERE shop_id = $1 AND id = $2`, [shop.shopId, draft.id, waited]);
      expect((await shop.post(`/api/bills/${draft.id}/confirm`)).status).toBe(200);
    }
    const lived = (await shop.get('/api/analytics/purchase-suggestions?leadTimeDays=3')).body.groups[0].lines[0];
    expect(lived).toMatchObject({ leadTimeDays: 6, leadTimeSource: 'measured', measuredLeadTime: { meanDays: '6.0', sdDays: '2.0', orders: 3 } });
    expect(Number(lived.reorderPoint)).toBeGreaterThan(Number(asked.reorderPoint));

    // The owner's own figure wins; the measured one stays beside it.
    await shop.put(`/api/suppliers/${supplier}`, { leadTimeDays: 2 });
    expect((await shop.get('/api/analytics/purchase-suggestions?leadTimeDays=3')).body.groups[0]?.lines[0]).toMatchObject({ leadTimeDays: 2, leadTimeSource: 'supplier', measuredLeadTime: { orders: 3 } });
  });

  it('answers from the nightly forecasts exactly as from learning each product at once, until a late bill changes its history', async () => {
    const shop = await t.registerShop('夜间预测小店');
    const candle = (await shop.post('/api/products', { name: '香薰蜡烛', unit: '个', inboundPrice: '8', outboundPrice: '25' })).body.id;
    await postDaysAgo(shop, 'in', candle, 170, 31);
    for (let daysAgo = 30; daysAgo >= 1; daysAgo--) await postDaysAgo(shop, 'out', candle, daysAgo % 7 === 0 ? 9 : 5, daysAgo);
    const url = '/api/analytics/purchase-suggestions?leadTimeDays=5';
    const forecastUrl = `/api/analytics/forecast?productId=${candle}`;
    const [learnt, learntForecast] = [(await shop.get(url)).body, (await shop.get(forecastUrl)).body];
    expect(learnt.groups[0].lines[0]).toMatchObject({ productId: candle });

    expect(await runNightlyForecasts(t.db)).toBeGreaterThanOrEqual(1);
    expect(await runNightlyForecasts(t.db)).toBe(0);
    expect((await shop.get(url)).body).toEqual(learnt);
    expect((await shop.get(forecastUrl)).body).toEqual(learntForecast);

    // What is kept is what is read: a kept forecast of 100 a day shows.
    await t.db.query(`UPDATE product_forecasts SET daily = (SELECT jsonb_agg(100) FROM generate_series(1, 28)) WHERE shop_id = $1`, [shop.shopId]);
    expect((await shop.get(url)).body.groups[0].lines[0].dailyDemand).toBe('100.000');
    // A sale entered late for yesterday changes the history it was learnt from: the product is learnt again.
    await postDaysAgo(shop, 'out', candle, 1, 1);
    expect(Number((await shop.get(url)).body.groups[0].lines[0].dailyDemand)).toBeLessThan(10);
  });

  it('is the owner’s alone and checks its figures', async () => {
    const staff = await t.addStaff(owner);
    expect((await staff.get('/api/analytics/purchase-suggestions')).status).toBe(403);
    expect((await staff.post('/api/analytics/purchase-suggestions/drafts', {})).status).toBe(403);
    const bad = await owner.get('/api/analytics/purchase-suggestions?serviceLevel=1.5');
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].field).toBe('serviceLevel');
    const other = await t.registerShop('别家');
    expect((await other.get('/api/analytics/purchase-suggestions')).body).toMatchObject({ productsChecked: 0, groups: [] });
  });
});
