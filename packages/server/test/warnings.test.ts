import { addDays } from '@xiaocang/analytics';
import { shopDay } from '@xiaocang/domain';
import { beforeAll, expect, it } from 'vitest';
import { checkDailyWarnings } from '../src/use-cases/warnings/check-daily-warnings.ts';
import { runDailyWarnings } from '../src/jobs/daily-warnings.ts';
import { createTestApp, describeOnDatabase, type Client, type TestApp } from './support/harness.ts';
import { createProduct, postBill } from './support/stock.ts';

const today = shopDay(new Date());
const sell = (client: Client, productId: string, quantity: number, billDate = today) => postBill(client, 'out', [{ productId, quantity }], { billDate });
const buy = (client: Client, productId: string, quantity: number, billDate = today) => postBill(client, 'in', [{ productId, quantity, unitPrice: '2' }], { billDate });
const warningsOf = async (client: Client, query = 'status=all') => (await client.get(`/api/warnings?${query}`)).body;
const notificationsOf = async (client: Client) => (await client.get('/api/notifications?pageSize=50')).body;

describeOnDatabase('stock warnings', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });

  it('raises a low-stock warning once as stock falls through the threshold, resolves it as stock comes back, and raises it again', async () => {
    const owner = await t.registerShop('预警小店');
    const cola = await createProduct(owner, { name: '可乐', unit: '瓶', warningStock: '5' });
    expect((await buy(owner, cola, 10)).status).toBe(201);
    expect((await warningsOf(owner)).total).toBe(0);
    await sell(owner, cola, 6); // 4 left: low
    await sell(owner, cola, 1); // 3 left: still low, not raised again
    await buy(owner, cola, 10); // 13: resolved
    await sell(owner, cola, 9); // 4: raised again
    const list = await warningsOf(owner);
    expect(list.items.map((w: { kind: string; resolvedAt: string | null }) => [w.kind, w.resolvedAt === null])).toEqual([
      ['lowStock', true],
      ['lowStock', false],
    ]);
    expect(list.openByKind).toEqual({ lowStock: 1, lowCover: 0, spike: 0, stale: 0 });
    const [open, resolved] = list.items;
    expect(resolved.raised).toEqual({ stockQuantity: '4.000', threshold: '5.000' });
    expect(resolved.resolved).toEqual({ stockQuantity: '13.000' });
    expect(open).toMatchObject({ title: '库存不足：可乐', detail: '库存 4 瓶，不高于预警库存 5 瓶', productName: '可乐' });
    const notices = await notificationsOf(owner);
    expect(notices.items.map((n: { title: string; body: string }) => `${n.title}｜${n.body}`)).toEqual([
      '库存不足：可乐｜库存 4 瓶，不高于预警库存 5 瓶',
      '库存不足：可乐｜库存 4 瓶，不高于预警库存 5 瓶',
    ]);
    expect(notices.unreadCount).toBe(2);
    expect((await owner.get('/api/notifications/badges')).body).toEqual({ unreadCount: 2, openWarningCount: 1 });
  });

  it('judges a product without its own warning stock by its category, else the shop, as the stock list does', async () => {
    const owner = await t.registerShop('规则小店');
    const drinks = (await owner.post('/api/categories', { name: '饮料' })).body.id;
    const water = await createProduct(owner, { name: '矿泉水', categoryId: drinks });
    const soap = await createProduct(owner, { name: '香皂' });
    await postBill(owner, 'in', [{ productId: water, quantity: 30, unitPrice: '1' }, { productId: soap, quantity: 30, unitPrice: '1' }], { billDate: today });
    const rules = await owner.put('/api/warnings/rules', { lowStockThreshold: '10', coverDays: 7, rateWindowDays: 28, spikeFactor: '2', staleDays: 90 });
    expect(rules.status).toBe(200);
    expect((await owner.put(`/api/warnings/rules/category/${drinks}`, { lowStockThreshold: '25' })).body.overrides).toEqual([
      expect.objectContaining({ scope: 'category', id: drinks, name: '饮料', lowStockThreshold: '25.000', coverDays: null }),
    ]);
    await postBill(owner, 'out', [{ productId: water, quantity: 6 }, { productId: soap, quantity: 6 }], { billDate: today });
    // 24 of each left: water is low by its category's 25; soap is not by the shop's 10.
    const open = await warningsOf(owner, 'status=open');
    expect(open.items.map((w: { productId: string; raised: object }) => [w.productId, w.raised])).toEqual([[water, { stockQuantity: '24.000', threshold: '25.000' }]]);
    const lows = (await owner.get('/api/inventory?lowStock=true')).body;
    expect(lows.items.map((row: { productId: string; warningStock: string }) => [row.productId, row.warningStock])).toEqual([[water, '25.000']]);
    // Removing the override leaves the shop's threshold: the next posting of water resolves its warning.
    await owner.delete(`/api/warnings/rules/category/${drinks}`);
    await sell(owner, water, 1);
    expect((await warningsOf(owner, 'status=open')).total).toBe(0);
  });

  it('refuses nonsense rules by field, and a threshold on a product (that is its own warning stock)', async () => {
    const owner = await t.registerShop('乱填小店');
    const bad = await owner.put('/api/warnings/rules', { lowStockThreshold: 'lots', coverDays: -3, rateWindowDays: 2, spikeFactor: '0.5', staleDays: 1.5 });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((detail: { field: string }) => detail.field).sort()).toEqual(['coverDays', 'lowStockThreshold', 'rateWindowDays', 'spikeFactor', 'staleDays']);
    const product = await createProduct(owner);
    const onProduct = await owner.put(`/api/warnings/rules/product/${product}`, { lowStockThreshold: '3' });
    expect(onProduct.status).toBe(400);
    expect(onProduct.body.error.details).toEqual([{ field: 'lowStockThreshold', message: expect.stringContaining('warning stock') }]);
    expect((await owner.put('/api/warnings/rules/product/999999999', { staleDays: 3 })).status).toBe(404);
    expect((await owner.get('/api/warnings/rules')).body.shop).toEqual({ lowStockThreshold: '0.000', coverDays: 7, rateWindowDays: 28, spikeFactor: '2', staleDays: 90 });
  });

  it('tells staff only what their switches let them see, and only when the owner chose them', async () => {
    const owner = await t.registerShop('员工小店');
    const chosen = await t.addStaff(owner);
    const other = await t.addStaff(owner);
    const blind = await t.addStaff(owner);
    await owner.put(`/api/staff/${blind.userId}`, { permissionOverrides: { hideInventory: true } });
    const refused = await owner.put('/api/warnings/recipients', { userIds: [chosen.userId, blind.userId] });
    expect(refused.status).toBe(400);
    expect(refused.body.error.details).toEqual([{ field: 'userIds.1', message: expect.stringContaining('may not see stock') }]);
    const set = await owner.put('/api/warnings/recipients', { userIds: [chosen.userId] });
    expect(set.body.recipients.filter((r: { receivesWarnings: boolean }) => r.receivesWarnings).map((r: { userId: string }) => r.userId)).toEqual([owner.userId, chosen.userId]);
    const product = await createProduct(owner, { warningStock: '2' });
    await buy(owner, product, 3);
    await sell(owner, product, 2);
    expect((await notificationsOf(chosen)).total).toBe(1);
    expect((await notificationsOf(other)).total).toBe(0);
    expect((await notificationsOf(blind)).total).toBe(0);
    expect((await blind.get('/api/warnings')).status).toBe(403);
    expect((await blind.get('/api/notifications/badges')).body).toEqual({ unreadCount: 0 });
    expect((await chosen.get('/api/warnings/rules')).status).toBe(403);
  });

  it('judges rate and age once a day: low cover, a spike and idle stock, each raised once and resolved when it stops', async () => {
    const owner = await t.registerShop('日检小店');
    const fast = await createProduct(owner, { name: '面膜', unit: '盒' });
    const idle = await createProduct(owner, { name: '围巾', unit: '条' });
    const day = (n: number) => addDays(today, -n);
    await buy(owner, fast, 100, day(40));
    await buy(owner, idle, 8, day(120));
    await sell(owner, idle, 1, day(100));
    // Seven a week for the four weeks before this one, then eight a day this week.
    for (let n = 34; n >= 8; n -= 7) await sell(owner, fast, 7, day(n));
    for (let n = 6; n >= 1; n--) await sell(owner, fast, 8, day(n));
    // Outbound: 28 over the 4 weeks before (7 a week: days 35 to 8 ago), 48 this week; 24 left.
    const shopId = owner.shopId;
    const first = await t.db.transaction((tx) => checkDailyWarnings(tx, shopId, today));
    const open = (await warningsOf(owner, 'status=open')).items;
    expect(first).toEqual({ raised: 2, resolved: 0 });
    const byKind = Object.fromEntries(open.map((w: { kind: string; productId: string; detail: string; raised: object }) => [w.kind, w]));
    expect(byKind.spike).toMatchObject({ productId: fast, raised: { stockQuantity: '24.000', weekOutbound: '48.000', weeklyAverage: '7.000' } });
    // 69 out over the last 28 days (3×7 + 48): 2.464 a day; 24 left lasts 9.7 days, more than 7: no low cover.
    expect(byKind.lowCover).toBeUndefined();
    expect(byKind.stale).toMatchObject({ productId: idle, raised: { stockQuantity: '7.000', daysIdle: 100 }, detail: '库存 7 条，已 100 天没有出库' });
    // A week of cover is wanted from 10 days on: now the mask is short too.
    await owner.put('/api/warnings/rules', { lowStockThreshold: '0', coverDays: 10, rateWindowDays: 28, spikeFactor: '2', staleDays: 90 });
    expect(await t.db.transaction((tx) => checkDailyWarnings(tx, shopId, today))).toEqual({ raised: 1, resolved: 0 });
    const cover = (await warningsOf(owner, 'status=open&kind=lowCover')).items[0];
    expect(cover).toMatchObject({ productId: fast, raised: { stockQuantity: '24.000', dailyOutbound: '2.464', daysOfCover: '9.7' } });
    // Selling the scarf ends its idleness at once, in the posting.
    await sell(owner, idle, 1);
    expect((await warningsOf(owner, 'status=open&kind=stale')).total).toBe(0);
    // A month later nothing has moved: the spike is over, the cover rule no longer holds (no recent outbound), the mask's stock is idle only 30 days.
    expect(await t.db.transaction((tx) => checkDailyWarnings(tx, shopId, addDays(today, 30)))).toEqual({ raised: 0, resolved: 2 });
    expect((await warningsOf(owner, 'status=open')).total).toBe(0);
    expect((await notificationsOf(owner)).items.map((n: { title: string }) => n.title)).toEqual(['即将售罄：面膜', '滞销积压：围巾', '出库激增：面膜']);
  });

  it('runs the daily check once per shop and day, however often it is asked', async () => {
    const owner = await t.registerShop('一天一次');
    const product = await createProduct(owner);
    await buy(owner, product, 5, addDays(today, -200));
    const now = new Date();
    await Promise.all([runDailyWarnings(t.db, now), runDailyWarnings(t.db, now)]);
    await runDailyWarnings(t.db, now);
    const [runs] = await t.db.query<{ count: number }>(`SELECT count(*)::int AS count FROM daily_runs WHERE shop_id = $1`, [owner.shopId]);
    expect(runs!.count).toBe(1);
    expect((await warningsOf(owner, 'status=open&kind=stale')).total).toBe(1);
  });

  it('reports warnings by kind and period, with time to resolution and the products warned of most', async () => {
    const owner = await t.registerShop('报表小店');
    const often = await createProduct(owner, { name: '常缺', warningStock: '5' });
    const once = await createProduct(owner, { name: '偶缺', warningStock: '5' });
    await buy(owner, often, 10);
    await buy(owner, once, 10);
    for (let i = 0; i < 3; i++) {
      await sell(owner, often, 6);
      await buy(owner, often, 6);
    }
    await sell(owner, once, 6);
    const report = (await owner.get(`/api/warnings/report?from=${addDays(today, -7)}&to=${today}&period=day`)).body;
    expect(report.byKind[0]).toMatchObject({ kind: 'lowStock', raisedCount: 4, resolvedCount: 3, openCount: 1 });
    expect(report.byKind[0].medianHoursToResolve).toBeGreaterThanOrEqual(0);
    expect(report.periods).toEqual([{ period: today, counts: { lowStock: 4, lowCover: 0, spike: 0, stale: 0 } }]);
    expect(report.topProducts).toEqual([
      { productId: often, productName: '常缺', warningCount: 3 },
      { productId: once, productName: '偶缺', warningCount: 1 },
    ]);
  });
});

describeOnDatabase('notifications', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });

  it('tells the owner a bill waits for approval and the staff member how it was decided', async () => {
    const owner = await t.registerShop('审核小店');
    const staff = await t.addStaff(owner);
    await owner.put(`/api/staff/${staff.userId}`, { permissionOverrides: { adminApproval: true } });
    const product = await createProduct(owner, { name: '纸巾' });
    await buy(owner, product, 10);
    const first = await sell(staff, product, 2);
    expect(first.body.status).toBe('pending');
    const [request] = (await notificationsOf(owner)).items;
    expect(request).toMatchObject({ kind: 'approvalRequest', title: `待审核：销售出库 ${first.body.billNo}`, body: `员工 提交了销售出库 ${first.body.billNo}，等待审核`, page: `/sub/bill/detail/index?id=${first.body.id}` });
    await owner.post(`/api/bills/${first.body.id}/approve`);
    const second = await sell(staff, product, 1);
    await owner.post(`/api/bills/${second.body.id}/reject`, { reason: '数量不对' });
    const results = (await notificationsOf(staff)).items.map((n: { kind: string; body: string }) => [n.kind, n.body]);
    expect(results).toEqual([
      ['approvalResult', `销售出库 ${second.body.billNo} 被退回：数量不对`],
      ['approvalResult', `销售出库 ${first.body.billNo} 已审核通过并入账`],
    ]);
  });

  it('lists the caller’s own notifications, marks them read one by one or all, and never touches another user’s', async () => {
    const owner = await t.registerShop('已读小店');
    const staff = await t.addStaff(owner);
    await owner.put('/api/warnings/recipients', { userIds: [staff.userId] });
    const product = await createProduct(owner, { warningStock: '1' });
    const other = await createProduct(owner, { warningStock: '1' });
    await postBill(owner, 'in', [{ productId: product, quantity: 2, unitPrice: '1' }, { productId: other, quantity: 2, unitPrice: '1' }], { billDate: today });
    await postBill(owner, 'out', [{ productId: product, quantity: 1 }, { productId: other, quantity: 1 }], { billDate: today });
    const mine = await notificationsOf(owner);
    expect(mine.total).toBe(2);
    const staffs = await notificationsOf(staff);
    expect((await staff.post(`/api/notifications/${mine.items[0].id}/read`)).status).toBe(404);
    expect((await owner.post(`/api/notifications/${mine.items[0].id}/read`)).status).toBe(200);
    expect((await owner.get('/api/notifications?unreadOnly=true')).body.items.map((n: { id: string }) => n.id)).toEqual([mine.items[1].id]);
    expect((await owner.get('/api/notifications?unreadOnly=false')).body.total).toBe(2);
    expect((await owner.post('/api/notifications/read-all')).body).toEqual({ updated: 1 });
    expect((await owner.get('/api/notifications/badges')).body.unreadCount).toBe(0);
    expect((await notificationsOf(staff)).unreadCount).toBe(staffs.total);
    expect((await owner.post('/api/notifications/abc/read')).status).toBe(404);
  });

  it('keeps each user’s addresses and switches, refuses bad ones by field, and says what each channel lacks', async () => {
    const owner = await t.registerShop('设置小店');
    const start = (await owner.get('/api/notifications/preferences')).body;
    expect(start.channels.find((c: { channel: string }) => c.channel === 'inApp')).toEqual({ channel: 'inApp', ready: true, missing: null });
    expect(start.channels.find((c: { channel: string }) => c.channel === 'email')).toEqual({ channel: 'email', ready: false, missing: expect.stringContaining('SMTP_URL') });
    expect(start.kinds.find((k: { kind: string }) => k.kind === 'warning')).toEqual({
      kind: 'warning',
      label: '库存预警',
      allowed: true,
      channels: { inApp: true, wechat: true, email: true, sms: false },
    });
    // Without WeChat configured, binding and signing in with it are refused in words, not attempted.
    expect((await owner.post('/api/auth/wechat/bind', { code: 'any' })).body.error.message).toContain('not configured');
    expect((await t.request('POST', '/api/auth/wechat/login', { code: 'any' })).status).toBe(409);
    const bad = await owner.put('/api/notifications/preferences', { email: 'not-an-address', phone: '12345' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((d: { field: string }) => d.field).sort()).toEqual(['email', 'phone']);
    const saved = await owner.put('/api/notifications/preferences', { email: 'boss@example.com', phone: '13800138000', kinds: { warning: { sms: true, inApp: false } } });
    expect(saved.body).toMatchObject({ email: 'boss@example.com', phone: '13800138000' });
    expect(saved.body.kinds.find((k: { kind: string }) => k.kind === 'warning').channels).toEqual({ inApp: false, wechat: true, email: true, sms: true });
    // In-app off for warnings: the warning still goes out by email and SMS, but not into the centre.
    const product = await createProduct(owner, { warningStock: '1' });
    await buy(owner, product, 1);
    expect((await notificationsOf(owner)).total).toBe(0);
    const [deliveries] = await t.db.query<{ channels: string[] }>(
      `SELECT array_agg(channel ORDER BY channel) AS channels FROM notification_deliveries WHERE shop_id = $1`,
      [owner.shopId],
    );
    expect(deliveries!.channels).toEqual(['email', 'sms']);
  });
});


describeOnDatabase('warnings and notifications between shops', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });

  it("answers 404 to another shop's notifications, deliveries, categories and products, and changes nothing of theirs", async () => {
    const a = await t.registerShop('甲店');
    const b = await t.registerShop('乙店');
    await a.put('/api/notifications/preferences', { email: 'a@example.com' });
    const category = (await a.post('/api/categories', { name: '甲的分类' })).body.id;
    const product = await createProduct(a, { warningStock: '1', categoryId: category });
    await buy(a, product, 1);
    const [notice] = (await notificationsOf(a)).items;
    const [delivery] = (await a.get('/api/notifications/deliveries')).body.items;
    expect(delivery.status).toBe('pending');
    expect((await b.post(`/api/notifications/${notice.id}/read`)).status).toBe(404);
    expect((await b.post(`/api/notifications/deliveries/${delivery.id}/retry`)).status).toBe(404);
    expect((await b.put(`/api/warnings/rules/category/${category}`, { staleDays: 1 })).status).toBe(404);
    expect((await b.put(`/api/warnings/rules/product/${product}`, { staleDays: 1 })).status).toBe(404);
    expect((await b.put('/api/warnings/recipients', { userIds: [a.userId] })).status).toBe(400);
    expect((await b.get('/api/warnings')).body.total).toBe(0);
    expect((await b.get('/api/notifications')).body.total).toBe(0);
    expect((await a.get('/api/notifications')).body.items[0].readAt).toBeNull();
    expect((await a.get('/api/warnings/rules')).body.overrides).toEqual([]);
  });
});
