import { shopDay } from '@xiaocang/domain';
import type { Locator } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { callApi, describeInBrowser, Phone, see, startStack, type Stack } from './harness';

/** Taps a report's 导出 and waits for the format to choose, CSV or Excel. */
async function chooseFormat(phone: Phone, exportLink: Locator, format: 'CSV' | 'Excel'): Promise<Locator> {
  await exportLink.click();
  const choice = phone.page.locator('.taro-actionsheet__cell').filter({ visible: true, hasText: new RegExp(`^${format}`) });
  await choice.waitFor({ state: 'visible' });
  return choice;
}

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

    // 导出 asks Excel or CSV and sends the report as the screen groups it, with 合计.
    await see(report.locator('.export-stock-summary'), '导出');
    const summaryCsv = (await phone.download(await chooseFormat(phone, report.locator('.export-stock-summary'), 'CSV'), 'sr06-stock-summary.csv')).toString('utf8');
    expect(summaryCsv.startsWith('\uFEFF库存汇总（共 2 条）')).toBe(true);
    expect(summaryCsv).toContain('汇总方式：按商品');
    expect(summaryCsv).toContain('补水面膜,BS-01,盒,70.000,875.00');
    expect(summaryCsv).toContain('合计,,,92.000,1865.00');

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
    const inOutCsv = (await phone.download(await chooseFormat(phone, report.locator('.export-in-out'), 'CSV'), 'sr07-in-out.csv')).toString('utf8');
    expect(inOutCsv).toContain('按：往来单位');
    expect(inOutCsv).toContain('代理阿珍,客户,0,0.000,0.00,4,78.000,2734.00,1235.00');

    await report.locator('.tab-summary').click();
    await report.locator('.summary-group-product').click();
    await report.locator('.summary-row').filter({ hasText: '补水面膜' }).click();
    await see(report.locator('.trend-last'), '70 盒');
    expect(await report.locator('.trend__bar').count()).toBe(30);
    await phone.shot('sr04-stock-trend');
    // The trend's file: the product by name and one row per day of the 30 shown.
    const trendCsv = (await phone.download(await chooseFormat(phone, report.locator('.export-stock-trend'), 'CSV'), 'sr08-stock-trend.csv')).toString('utf8');
    expect(trendCsv).toContain('商品：补水面膜');
    expect(trendCsv.split('\r\n').filter((line) => /^\d{4}-\d\d-\d\d,/.test(line))).toHaveLength(30);
    expect(trendCsv).toContain(`${shopDay(new Date())},70.000,875.00`);
    const workbook = await phone.download(await chooseFormat(phone, report.locator('.export-stock-trend'), 'Excel'), 'sr09-stock-trend.xlsx');
    expect(workbook.subarray(0, 4)).toEqual(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
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
    // Their file leaves the quantities out as the screen does.
    const staffCsv = (await phone.download(await chooseFormat(phone, report.locator('.export-in-out'), 'CSV'), 'sr10-in-out-staff.csv')).toString('utf8');
    expect(staffCsv).toContain('\r\n日期,入库单数,入库金额,出库单数,出库金额,出库成本\r\n');
    expect(staffCsv).not.toContain('数量');
    await phone.close();
  });
});
