import ExcelJS from 'exceljs';
import { zipSync } from 'fflate';
import { beforeAll, expect, it } from 'vitest';
import { setSwitches } from './support/rich-shop.ts';
import { createTestApp, describeOnDatabase, type Client, type TestApp } from './support/harness.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const HEADER = ['名称*', '编码/条码', '分类', '单位*', '规格', '供应商', '进货价', '销售价', '预警库存', '期初数量', '期初成本单价', '备注'];

/** A sheet as an owner would fill the template in: the header row, then one row per product. */
async function sheetOf(rows: unknown[][], header = HEADER): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('商品');
  sheet.addRow(header);
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

describeOnDatabase('importing products from a spreadsheet', () => {
  let t: TestApp;
  let owner: Client;
  const send = (client: Client, file: Buffer, dryRun: boolean) =>
    client.request('POST', `/api/imports/products?dryRun=${dryRun}`, file, { 'content-type': XLSX });

  beforeAll(async () => {
    t = await createTestApp();
    owner = await t.registerShop('搬家小店');
  });

  it('offers a template whose columns the import reads back', async () => {
    const answer = await owner.get('/api/imports/products/template');
    expect(answer.status).toBe(200);
    expect(answer.headers['content-disposition']).toMatch(/^attachment; /);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(answer.body as never);
    expect((workbook.getWorksheet('商品')!.getRow(1).values as unknown[]).slice(1)).toEqual(HEADER);
    const empty = await send(owner, answer.body as Buffer, true);
    expect(empty.body).toMatchObject({ rows: 0, created: 0, problems: [] });
  });

  it('checks first and writes nothing, then imports every row with new categories, suppliers, units and opening stock', async () => {
    const file = await sheetOf([
      ['红茶', 'T-001', '茶叶', '罐', '250g', '云南茶厂', 30, 58, 5, 12, 28.5, '冷藏'],
      ['绿茶', 'T-002', '茶叶', '罐', '', '云南茶厂', '20', '39.9', '', '', '', ''],
      ['茶杯', '', '器具', '只', '', '', 6, 15, '', 40, '', ''],
    ]);
    const preview = await send(owner, file, true);
    expect(preview.status).toBe(200);
    expect(preview.body).toEqual({ dryRun: true, rows: 3, created: 3, withOpeningStock: 2, skipped: [], problems: [], openingBillIds: [] });
    expect((await owner.get('/api/products')).body.total).toBe(0);

    const done = await send(owner, file, false);
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ dryRun: false, created: 3, withOpeningStock: 2 });
    expect(done.body.openingBillIds).toHaveLength(1);
    const items = (await owner.get('/api/products?pageSize=50')).body.items;
    const byName = Object.fromEntries(items.map((p: { name: string }) => [p.name, p]));
    expect(byName['红茶']).toMatchObject({ code: 'T-001', categoryName: '茶叶', supplierName: '云南茶厂', unit: '罐', specification: '250g', inboundPrice: '30.00', outboundPrice: '58.00', warningStock: '5.000', stockQuantity: '12.000', avgCost: '28.5000', remarks: '冷藏' });
    expect(byName['绿茶']).toMatchObject({ outboundPrice: '39.90', stockQuantity: '0.000' });
    expect(byName['茶杯']).toMatchObject({ code: null, unit: '只', stockQuantity: '40.000', avgCost: '6.0000' });
    expect((await owner.get('/api/categories')).body.total).toBe(2);
    expect((await owner.get('/api/config')).body.units).toContain('只');
    const bill = (await owner.get(`/api/bills/${done.body.openingBillIds[0]}`)).body;
    expect(bill).toMatchObject({ billType: '期初入库', status: 'confirmed', totalAmount: '582.00' });
    expect((await owner.get('/api/inventory/verify')).body.drift).toEqual([]);

    // The same file again adds nothing: every row is already there.
    const again = await send(owner, file, false);
    expect(again.body).toMatchObject({ created: 0, openingBillIds: [] });
    expect(again.body.skipped.map((s: { row: number }) => s.row)).toEqual([2, 3, 4]);
    expect((await owner.get('/api/products')).body.total).toBe(3);
  });

  it('names the row and column of every problem, and imports nothing while any remains', async () => {
    const shop = await t.registerShop('问题小店');
    const file = await sheetOf([
      ['好商品', 'A-1', '', '个', '', '', 1, 2, '', '', '', ''],
      ['', 'A-2', '', '个', '', '', '', '', '', '', '', ''],
      ['没单位', 'A-3', '', '', '', '', '', '', '', '', '', ''],
      ['价格错', 'A-4', '', '个', '', '', 'abc', '1.234', '', '', '', ''],
      ['重复', 'A-1', '', '个', '', '', '', '', '', '', '', ''],
      ['负库存', 'A-5', '', '个', '', '', '', '', '', -3, '', ''],
      ['名'.repeat(81), 'A-6', '', '个', '', '', '', '', '', '', '', ''],
    ]);
    const preview = await send(shop, file, true);
    expect(preview.body.problems).toEqual([
      { row: 3, column: '名称', message: '必填' },
      { row: 4, column: '单位', message: '必填' },
      { row: 5, column: '进货价', message: '须为数字，最多 2 位小数' },
      { row: 5, column: '销售价', message: '须为数字，最多 2 位小数' },
      { row: 6, column: '编码/条码', message: '与第 2 行重复' },
      { row: 7, column: '期初数量', message: expect.stringMatching(/^须在 0 到/) },
      { row: 8, column: '名称', message: '最多 80 个字' },
    ]);
    const refused = await send(shop, file, false);
    expect(refused.status).toBe(400);
    expect(refused.body.error.details[0]).toEqual({ field: 'rows.3.name', message: '第 3 行「名称」：必填' });
    expect((await shop.get('/api/products')).body.total).toBe(0);
    expect((await shop.get('/api/bills')).body.total).toBe(0);
  });

  it('refuses what is not a product sheet: other bytes, a zip bomb, missing columns, too many rows', async () => {
    const expectFileRefused = async (file: Buffer) => {
      const answer = await send(owner, file, true);
      expect(answer.status).toBe(400);
      expect(answer.body.error.details[0].field).toBe('file');
    };
    await expectFileRefused(Buffer.from('名称,单位\n红茶,罐\n'));
    await expectFileRefused(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]));
    await expectFileRefused(Buffer.from(zipSync({ 'xl/worksheets/sheet1.xml': new Uint8Array(80 * 1024 * 1024) })));
    await expectFileRefused(Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(100)]));
    await expectFileRefused(await sheetOf([['红茶', '罐']], ['商品名', '单位']));
    await expectFileRefused(await sheetOf(Array.from({ length: 10_001 }, (_, i) => [`商品${i}`, '', '', '个'])));
  });

  it('keeps staff within their switches', async () => {
    const staff = await t.addStaff(owner);
    const file = await sheetOf([['咖啡', 'C-1', '', '袋', '', '', 10, 20, '', 5, '', '']]);
    await setSwitches(owner, { disableProductEdit: true });
    expect((await send(staff, file, true)).status).toBe(403);
    await setSwitches(owner, { disableProductEdit: false, disableInbound: true });
    const preview = await send(staff, file, true);
    expect(preview.body.problems).toEqual([{ row: 2, column: '期初数量', message: '你的账号不能入库，不能导入期初库存' }]);
    const newUnit = await send(staff, await sheetOf([['咖啡', 'C-1', '', '吨']]), true);
    expect(newUnit.body.problems).toEqual([{ row: 2, column: '单位', message: '店铺没有单位“吨”，请店主先添加' }]);
    await setSwitches(owner, { disableInbound: false });
  });
});
