import { shopDay } from '@xiaocang/domain';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { callApi, describeInBrowser, Phone, screenshotPath, see, startStack, type Stack } from './harness';

// Which products carry the shop (A, B, C by what their sales cost) and how each one sells (ADI, CV²).
describeInBrowser('ABC analysis and report exports in the app', () => {
  let stack: Stack;
  const owner = { username: `abc${Date.now().toString(36)}`, password: 'abc-secret-12' };

  beforeAll(async () => {
    stack = await startStack();
    const { token } = await callApi<{ token: string }>(stack, 'POST', '/auth/register', { shopName: '小美的茶铺', realName: '小美', ...owner });
    const product = async (name: string, cost: string) =>
      (await callApi<{ id: string }>(stack, 'POST', '/products', { name, unit: '个', inboundPrice: cost, outboundPrice: '99' }, token)).id;
    const tea = await product('西湖龙井', '10');
    const seeds = await product('五香瓜子', '2');
    const set = await product('青瓷茶具', '50');
    const gift = await product('中秋礼盒', '20');
    const cup = await product('玻璃杯', '5');
    const dayAgo = (n: number) => shopDay(new Date(Date.now() - n * 86_400_000));
    const bought = [tea, seeds, set, gift, cup].map((productId) => ({ productId, quantity: '1000' }));
    await callApi(stack, 'POST', '/bills', { direction: 'in', billType: '采购入库', billDate: dayAgo(45), lines: bought, confirm: true }, token, 'stock-in');
    for (let i = 0; i < 40; i++) {
      const lines = [
        { productId: tea, quantity: i % 2 === 0 ? '1' : '3' },
        { productId: seeds, quantity: i % 2 === 0 ? '1' : '9' },
        ...(i % 4 === 0 ? [{ productId: set, quantity: '1' }] : []),
        ...(i % 8 === 0 ? [{ productId: gift, quantity: i === 32 ? '6' : '1' }] : []),
        ...(i === 5 || i === 20 ? [{ productId: cup, quantity: '2' }] : []),
      ];
      await callApi(stack, 'POST', '/bills', { direction: 'out', billType: '销售出库', billDate: dayAgo(40 - i), lines, confirm: true }, token, `sale-${i}`);
    }
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('shows each class with its count and share, each product with its demand class and figures, and exports as CSV or Excel', async () => {
    const phone = await Phone.open(stack);
    await phone.signIn(owner);
    await phone.tab('我的');
    await (await phone.waitFor('page-mine')).getByText('ABC 分析').click();
    const screen = await phone.waitFor('page-classification');
    await see(screen.locator('.abc-chip-A'), 'A类 3 种 · 88.54%');
    await see(screen.locator('.abc-chip-B'), 'B类 1 种 · 10.42%');
    const first = screen.locator('.classified-row').first();
    await see(first, /西湖龙井/);
    // Bought 45 days ago, sold on 40 of the 45 days since: ADI 45 / 40.
    await see(first, /西湖龙井平稳销售成本 ¥800\.00 · 占 41\.67% · 累计 41\.67%/);
    await see(first, /ADI 1\.13 · CV² 0\.25 · 45 天里 40 天有销售/);
    await see(screen.locator('.classified-row').filter({ hasText: '中秋礼盒' }), /块状/);
    await see(screen.locator('.classified-row').filter({ hasText: '玻璃杯' }), /数据不足/);
    await phone.shot('c01-classification');

    // B only: one product.
    await screen.locator('.abc-chip-B').click();
    await see(screen.locator('.classified-list .card__title'), /B 类商品/);
    expect(await screen.locator('.classified-row').count()).toBe(1);
    await screen.locator('.abc-chip-all').click();

    // 导出 asks Excel or CSV; the CSV carries the period and opens in Excel as UTF-8.
    await screen.locator('.export-classification').click();
    const csvChoice = phone.page.locator('.taro-actionsheet__cell').filter({ visible: true, hasText: /^CSV/ });
    await csvChoice.waitFor({ state: 'visible' });
    await phone.page.waitForTimeout(300);
    await phone.page.screenshot({ path: screenshotPath('c02-export-choice') });
    const csv = await phone.download(csvChoice, 'c03-classification.csv');
    expect(csv.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const text = csv.toString('utf8');
    expect(text).toContain('商品 ABC 分析');
    expect(text).toMatch(/开始日期：\d{4}-\d\d-\d\d/);
    expect(text).toContain('西湖龙井');

    // A product row leads to the product.
    await screen.locator('.classified-row').filter({ hasText: '青瓷茶具' }).click();
    await phone.waitFor('page-product-edit');
    await phone.back();
    await phone.waitFor('page-classification');
    await phone.back();

    // The monthly report exports too, here as Excel.
    await (await phone.waitFor('page-mine')).getByText('月度报表').click();
    const monthly = await phone.waitFor('page-monthly');
    await see(monthly.locator('.export-monthly'), '导出');
    await phone.shot('c04-monthly-export');
    await monthly.locator('.export-monthly').click();
    const excelChoice = phone.page.locator('.taro-actionsheet__cell').filter({ visible: true, hasText: /^Excel/ });
    await excelChoice.waitFor({ state: 'visible' });
    const workbook = await phone.download(excelChoice, 'c05-monthly.xlsx');
    expect(workbook.subarray(0, 4)).toEqual(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
    await phone.close();
  });

  it('shows sales by product and by customer for a period, exports them, and exports the receivables ageing', async () => {
    const phone = await Phone.open(stack);
    await phone.signIn(owner);
    await phone.tab('我的');
    await (await phone.waitFor('page-mine')).getByText('销售报表').click();
    const sales = await phone.waitFor('page-sales-report');
    await sales.locator('.period-quarter').click();
    // 40 days of sales, all within the last three months: 1,920.00 at cost.
    await see(sales.locator('.sales-totals .figure').nth(1), /¥1,920\.00/);
    // By sales amount: 200 瓜子 at 99.
    await see(sales.locator('.sales-row').first(), '五香瓜子200 个 · 40 单¥19,800.00毛利 ¥19,400.00');
    await phone.shot('c06-sales-by-product');
    await sales.locator('.by-customer').click();
    await see(sales.locator('.sales-row').first(), /零售（未选客户）40 单/);
    await sales.locator('.export-sales-by-customer').click();
    const excelChoice = phone.page.locator('.taro-actionsheet__cell').filter({ visible: true, hasText: /^Excel/ });
    await excelChoice.waitFor({ state: 'visible' });
    const workbook = await phone.download(excelChoice, 'c07-sales-by-customer.xlsx');
    expect(workbook.subarray(0, 4)).toEqual(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
    await phone.back();

    await (await phone.waitFor('page-mine')).getByText('应收应付').click();
    const parties = await phone.waitFor('page-money-parties');
    await see(parties.locator('.export-receivables-ageing'), '导出账龄');
    await phone.shot('c08-parties-ageing-export');
    await parties.locator('.export-receivables-ageing').click();
    const csvChoice = phone.page.locator('.taro-actionsheet__cell').filter({ visible: true, hasText: /^CSV/ });
    await csvChoice.waitFor({ state: 'visible' });
    const csv = (await phone.download(csvChoice, 'c09-receivables-ageing.csv')).toString('utf8');
    expect(csv).toContain('应收账龄');
    expect(csv).toContain('截至：');
    await phone.close();
  });
});
