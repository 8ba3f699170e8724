import ExcelJS from 'exceljs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Locator } from 'playwright-core';
import { callApi, describeInBrowser, Phone, see, startStack, type Stack } from './harness';

// Moving in from a spreadsheet: the template, a check that names the wrong cell, the fixed file imported.
describeInBrowser('importing products and customers from Excel in the app', () => {
  let stack: Stack;
  const owner = { username: `mover${Date.now().toString(36)}`, password: 'mover-secret-1' };

  beforeAll(async () => {
    stack = await startStack();
    await callApi(stack, 'POST', '/auth/register', { shopName: '搬家的茶铺', realName: '阿梅', ...owner });
  });
  afterAll(async () => {
    await stack?.stop();
  });

  const PRODUCT_HEADER = ['名称*', '编码/条码', '分类', '单位*', '规格', '供应商', '进货价', '销售价', '预警库存', '期初数量', '期初成本单价', '备注'];
  const sheet = async (rows: unknown[][], header = PRODUCT_HEADER) => {
    const workbook = new ExcelJS.Workbook();
    const filled = workbook.addWorksheet('资料');
    filled.addRow(header);
    for (const row of rows) filled.addRow(row);
    return { name: '我的资料.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: Buffer.from(await workbook.xlsx.writeBuffer()) };
  };
  const choose = async (phone: Phone, page: Locator, file: Awaited<ReturnType<typeof sheet>>) => {
    const [chooser] = await Promise.all([phone.page.waitForEvent('filechooser'), page.locator('.choose-file').click()]);
    await chooser.setFiles(file);
  };

  it('checks the file, shows the wrong cell, and imports the fixed file with its opening stock', async () => {
    const phone = await Phone.open(stack);
    await phone.signIn(owner);
    await phone.tab('商品');
    await (await phone.waitFor('page-products')).locator('.import-products').click();
    const page = await phone.waitFor('page-import--products');

    const template = await phone.download(page.locator('.download-template'), 'i00-template.xlsx');
    expect(template.subarray(0, 2).toString()).toBe('PK');

    await choose(phone, page, await sheet([
      ['滇红', 'DH-1', '红茶', '罐', '250g', '勐海茶厂', 45, 88, 5, 20, '', ''],
      ['白毫银针', 'BH-1', '白茶', '', '100g', '', 120, 260, '', 6, '', ''],
    ]));
    await see(page.locator('.import-problem'), '第 3 行「单位」：必填');
    await expect(page.locator('.run-import').getAttribute('class')).resolves.toMatch(/disabled/);
    await phone.shot('i01-import-check-problem');

    await choose(phone, page, await sheet([
      ['滇红', 'DH-1', '红茶', '罐', '250g', '勐海茶厂', 45, 88, 5, 20, '', ''],
      ['白毫银针', 'BH-1', '白茶', '饼', '100g', '', 120, 260, '', 6, '', ''],
    ]));
    await see(page.locator('.import-created'), '2（2 个带期初库存）');
    await phone.shot('i02-import-check-ready');
    await page.locator('.run-import').click();

    const list = await phone.waitFor('page-products');
    await see(list.locator('.product-row').filter({ hasText: '滇红' }), /20/);
    await see(list.locator('.product-row').filter({ hasText: '白毫银针' }), /6/);
    await phone.close();
  });

  it('imports customers from the customer list: the template, a preview naming the wrong cell, then the fixed file', async () => {
    const phone = await Phone.open(stack);
    await phone.signIn(owner);
    await phone.tab('我的');
    await (await phone.waitFor('page-mine')).locator('.menu-masterList-customers').click();
    const customers = await phone.waitFor('page-master--customers');
    await see(customers.locator('.import-master'), '从 Excel 导入');
    await phone.shot('i10-customers-import-link');
    await customers.locator('.import-master').click();
    const page = await phone.waitFor('page-import--customers');
    await see(page.locator('.download-template'), '下载模板');
    const template = await phone.download(page.locator('.download-template'), 'i10-customer-template.xlsx');
    expect(template.subarray(0, 2).toString()).toBe('PK');

    const header = ['名称*', '编码', '联系人', '电话', '地址', '备注', '微信号', '价格等级', '代理时长（月）'];
    await choose(phone, page, await sheet([
      ['老街茶馆', 'K-01', '周老板', '13900001111', '老街 12 号', '', 'laojie', '', 24],
      ['山顶民宿', 'K-02', '', '', '', '', '', '批发价', ''],
      ['老街茶馆', 'K-01', '', '', '', '', '', '', ''],
      ['湖边小铺', 'K-03', '', '', '', '', '', '', '两年'],
    ], header));
    await see(page.locator('.import-problem').first(), '第 3 行「价格等级」：店铺没有价格等级“批发价”');
    await see(page.locator('.import-problem').nth(1), '第 4 行「编码」：与第 2 行重复');
    await see(page.locator('.import-problem').nth(2), '第 5 行「代理时长（月）」：须为整数');
    await see(page.locator('.run-import'), '导入');
    await expect(page.locator('.run-import').getAttribute('class')).resolves.toMatch(/disabled/);
    await phone.shot('i11-customer-import-problems');

    await choose(phone, page, await sheet([
      ['老街茶馆', 'K-01', '周老板', '13900001111', '老街 12 号', '', 'laojie', '', 24],
      ['山顶民宿', 'K-02', '', '', '', '', '', '', 6],
    ], header));
    await see(page.locator('.import-created'), '2');
    await see(page.locator('.run-import'), '导入 2 个客户');
    await page.locator('.run-import').click();
    const list = await phone.waitFor('page-master--customers');
    await list.locator('.master-row').filter({ hasText: '老街茶馆' }).waitFor();
    await list.locator('.master-row').filter({ hasText: '山顶民宿' }).waitFor();
    await phone.close();
  });
});
