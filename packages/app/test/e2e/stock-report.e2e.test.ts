import { shopDay } from '@xiaocang/domain';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { callApi, describeInBrowser, Phone, see, startStack, type Stack } from './harness';

// The owner's look at stock: what is held and worth, what went in and out, and how one product's stock moved.
describeInBrowser('stock and in/out report in the app', () => {
  let stack: Stack;
  const owner = { username: `stockrep${Date.now().toString(36)}`, password: 'stock-report-1' };
  const staff = { username: `stockstaff${Date.now().toString(36)}`, password: 'stock-staff-1' };

  beforeAll(async () => {
    stack = await startStack();
    const { token } = await callApi<{ token: string }>(stack, 'POST', '/auth/register', { shopName: '阿玲的面膜铺', realName: '阿玲', ...owner });
    const category = (await callApi<{ id: string }>(stack, 'POST', '/categories', { name: '面膜' }, token)).id;
    const customer = (await callApi<{ id: string }>(stack, 'POST', '/customers', { name: '代理阿珍' }, token)).id;
    const supplier = (await callApi<{ id: string }>(stack, 'POST', '/suppliers', { name: '广州面膜厂' }, token)).id;
    const mask = (await callApi<{ id: string }>(stack, 'POST', '/products', { name: '补水面膜', code: 'BS-01', unit: '盒', categoryId: category }, token)).id;
    const cream = (await callApi<{ id: string }>(stack, 'POST', '/products', { name: '保湿面霜', unit: '瓶' }, token)).id;
    const dayAgo = (n: number) => shopDay(new Date(Date.now() - n * 86_400_000));
    const bill = (key: string, direction: 'in' | 'out', daysAgo: number, productId: string, quantity: string, unitPrice: string) =>
      callApi(
        stack,
        'POST',
        '/bills',
        {
          direction,
          billType: direction === 'in' ? '采购入库' : '销售出库',
          billDate: dayAgo(daysAgo),
          ...(direction === 'in' ? { supplierId: supplier } : { customerId: customer }),
          lines: [{ productId, quantity, unitPrice }],
          confirm: true,
        },
        token,
        key,
      );
    await bill('in-1', 'in', 12, mask, '100', '12.5');
    await bill('in-2', 'in', 12, cream, '30', '45');
    await bill('out-1', 'out', 9, mask, '30', '29');
    await bill('out-2', 'out', 6, mask, '25', '29');
    await bill('out-3', 'out', 3, cream, '8', '88');
    await bill('in-3', 'in', 2, mask, '40', '12.5');
    await bill('out-4', 'out', 1, mask, '15', '29');
    await callApi(stack, 'POST', '/staff', { username: staff.username, password: staff.password, realName: '小林' }, token);
    await callApi(stack, 'PUT', '/shop', { staffPermissions: { hideInventory: true } }, token);
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('shows stock held and its value, in and out by day with a chart, and a product’s daily stock', async () => {
    const phone = await Phone.open(stack);
    await phone.signIn(owner);
    await phone.tab('我的');
    await (await phone.waitFor('page-mine')).getByText('库存与出入库').click();
    const report = await phone.waitFor('page-stock-report');
    // Mask: 140 in, 70 out → 70 boxes at 12.50 = 875.00; cream: 22 bottles at 45 = 990.00.
    await see(report.locator('.summary-totals'), /¥1,865\.00/);
    await see(report.locator('.summary-row').filter({ hasText: '补水面膜' }), /70 盒.*¥875\.00/);
    await see(report.locator('.summary-row').filter({ hasText: '保湿面霜' }), /22 瓶.*¥990\.00/);
    await phone.shot('sr01-stock-summary');

    await report.locator('.summary-group-category').click();
    await see(report.locator('.summary-row').filter({ hasText: '未分类' }), /¥990\.00/);

    await report.locator('.tab-inOut').click();
    await see(report.locator('.in-out-totals'), /3 单 · 170 · ¥3,100\.00/);
    await see(report.locator('.in-out-totals'), /4 单 · 78 · ¥2,734\.00 · 成本 ¥1,235\.00/);
    expect(await report.locator('.chart__col').count()).toBe(14);
    await phone.shot('sr02-in-out-by-day');
    await report.locator('.in-out-group-counterparty').click();
    await see(report.locator('.in-out-row').filter({ hasText: '代理阿珍' }), /4 单 · 78/);
    await phone.shot('sr03-in-out-by-counterparty');

    await report.locator('.tab-summary').click();
    await report.locator('.summary-group-product').click();
    await report.locator('.summary-row').filter({ hasText: '补水面膜' }).click();
    await see(report.locator('.trend-last'), '70 盒');
    expect(await report.locator('.trend__bar').count()).toBe(30);
    await phone.shot('sr04-stock-trend');
    await phone.close();
  });

  it('shows a staff member who may not see stock only what went in and out, without quantities', async () => {
    const phone = await Phone.open(stack);
    await phone.signIn(staff);
    await phone.tab('我的');
    await (await phone.waitFor('page-mine')).getByText('库存与出入库').click();
    const report = await phone.waitFor('page-stock-report');
    await see(report.locator('.in-out-totals'), /4 单 · ¥2,734\.00 · 成本 ¥1,235\.00/);
    expect(await report.locator('.seg').count()).toBe(0);
    await see(report.locator('.chart-card .card__title'), /入库与出库单数/);
    await phone.shot('sr05-in-out-staff');
    await phone.close();
  });
});
