import ExcelJS from 'exceljs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { callApi, describeInBrowser, Phone, see, startStack, type Stack } from './harness';

// Moving in from a spreadsheet: the template, a check that names the wrong cell, the fixed file imported.
describeInBrowser('importing products from Excel in the app', () => {
  let stack: Stack;
  const owner = { username: `mover${Date.now().toString(36)}`, password: 'mover-secret-1' };

  beforeAll(async () => {
    stack = await startStack();
    await callApi(stack, 'POST', '/auth/register', { shopName: '搬家的茶铺', realName: '阿梅', ...owner });
  });
  afterAll(async () => {
    await stack?.stop();
  });

  const sheet = async (rows: unknown[][]) => {
    const workbook = new ExcelJS.Workbook();
    const products = workbook.addWorksheet('商品');
    products.addRow(['名称*', '编码/条码', '分类', '单位*', '规格', '供应商', '进货价', '销售价', '预警库存', '期初数量', '期初成本单价', '备注']);
    for (const row of rows) products.addRow(row);
    return { name: '我的商品.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: Buffer.from(await workbook.xlsx.writeBuffer()) };
  };

  it('checks the file, shows the wrong cell, and imports the fixed file with its opening stock', async () => {
    const phone = await Phone.open(stack);
    await phone.signIn(owner);
    await phone.tab('商品');
    await (await phone.waitFor('page-products')).locator('.import-products').click();
    const page = await phone.waitFor('page-product-import');

    const template = await phone.download(page.locator('.download-template'), 'i00-template.xlsx');
    expect(template.subarray(0, 2).toString()).toBe('PK');

    const choose = async (file: Awaited<ReturnType<typeof sheet>>) => {
      const [chooser] = await Promise.all([phone.page.waitForEvent('filechooser'), page.locator('.choose-file').click()]);
      await chooser.setFiles(file);
    };
    await choose(await sheet([
      ['滇红', 'DH-1', '红茶', '罐', '250g', '勐海茶厂', 45, 88, 5, 20, '', ''],
      ['白毫银针', 'BH-1', '白茶', '', '100g', '', 120, 260, '', 6, '', ''],
    ]));
    await see(page.locator('.import-problem'), '第 3 行「单位」：必填');
    await expect(page.locator('.run-import').getAttribute('class')).resolves.toMatch(/disabled/);
    await phone.shot('i01-import-check-problem');

    await choose(await sheet([
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
});
