import ExcelJS from 'exceljs';
import { zipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { setSwitches } from './support/rich-shop.ts';
import { createTestApp, describeOnDatabase, type Client, type TestApp } from './support/harness.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const PARTY = ['名称*', '编码', '联系人', '电话', '地址', '备注'];
const HEADERS = {
  categories: ['名称*'],
  suppliers: [...PARTY, '到货天数'],
  customers: [...PARTY, '微信号', '价格等级', '代理时长（月）'],
};
type Kind = keyof typeof HEADERS;

async function sheetOf(rows: unknown[][], header: string[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('资料');
  sheet.addRow(header);
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

describeOnDatabase('importing categories, suppliers and customers from a spreadsheet', () => {
  let t: TestApp;
  const send = (client: Client, kind: Kind, file: Buffer, dryRun: boolean) => client.request('POST', `/api/imports/${kind}?dryRun=${dryRun}`, file, { 'content-type': XLSX });
  const total = async (client: Client, kind: Kind) => (await client.get(`/api/${kind}?pageSize=200`)).body.total as number;
  const audited = async (client: Client, entity: string) =>
    ((await client.get(`/api/audit?entity=${entity}`)).body.items as Array<{ action: string; changes: Array<{ field: string; after: string }> }>).filter((entry) => entry.action === 'import');

  beforeAll(async () => {
    t = await createTestApp();
  });

  describe.each(Object.keys(HEADERS) as Kind[])('%s', (kind) => {
    it('offers a template whose columns the import reads back', async () => {
      const owner = await t.registerShop('模板小店');
      const answer = await owner.get(`/api/imports/${kind}/template`);
      expect(answer.status).toBe(200);
      expect(answer.headers['content-disposition']).toMatch(/^attachment; .*filename\*=UTF-8''.*%E5%AF%BC%E5%85%A5%E6%A8%A1%E6%9D%BF\.xlsx/);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(answer.body as never);
      expect((workbook.worksheets[0]!.getRow(1).values as unknown[]).slice(1)).toEqual(HEADERS[kind]);
      expect((await send(owner, kind, answer.body as Buffer, true)).body).toMatchObject({ rows: 0, created: 0, problems: [] });
    });

    it('refuses a file that is not its sheet: other bytes, a zip bomb, a formula without a result, missing columns, too many rows', async () => {
      const owner = await t.registerShop('拒收小店');
      const expectFileRefused = async (file: Buffer) => {
        const answer = await send(owner, kind, file, true);
        expect(answer.status).toBe(400);
        expect(answer.body.error.details[0].field).toBe('file');
      };
      await expectFileRefused(Buffer.from('名称\n张三\n'));
      await expectFileRefused(Buffer.from(zipSync({ 'xl/worksheets/sheet1.xml': new Uint8Array(80 * 1024 * 1024) })));
      await expectFileRefused(await sheetOf([['张三']], ['姓名']));
      await expectFileRefused(await sheetOf(Array.from({ length: 10_001 }, (_, i) => [`第${i}个`]), HEADERS[kind]));
      // A formula counts by its computed result; without one it is a problem in its cell.
      const formula = await sheetOf([[{ formula: 'A1&"x"' }]], HEADERS[kind]);
      expect((await send(owner, kind, formula, true)).body.problems).toEqual([{ row: 2, column: '名称', message: '公式没有计算结果，请改成数值' }]);
      expect(await total(owner, kind)).toBe(0);
    });
  });

  it('imports categories once, names repeated and too long rows, and keeps staff without product editing out', async () => {
    const owner = await t.registerShop('分类小店');
    await owner.post('/api/categories', { name: '茶叶' });
    const file = await sheetOf([['茶叶'], ['器具'], ['零食'], ['器具'], ['类'.repeat(41)]], HEADERS.categories);
    const preview = await send(owner, 'categories', file, true);
    expect(preview.body).toMatchObject({
      rows: 5,
      created: 2,
      skipped: [{ row: 2, name: '茶叶', reason: '已有这个分类' }],
      problems: [
        { row: 5, column: '名称', message: '与第 3 行重复' },
        { row: 6, column: '名称', message: '最多 40 个字' },
      ],
    });
    const refused = await send(owner, 'categories', file, false);
    expect(refused.status).toBe(400);
    expect(refused.body.error.details[0]).toEqual({ field: 'rows.5.name', message: '第 5 行「名称」：与第 3 行重复' });
    expect(await total(owner, 'categories')).toBe(1);

    const fixed = await sheetOf([['茶叶'], ['器具'], ['零食']], HEADERS.categories);
    expect((await send(owner, 'categories', fixed, false)).body).toMatchObject({ dryRun: false, created: 2 });
    expect((await send(owner, 'categories', fixed, false)).body).toMatchObject({ created: 0, skipped: [{ row: 2 }, { row: 3 }, { row: 4 }] });
    expect((await owner.get('/api/categories?pageSize=50')).body.items.map((c: { name: string }) => c.name).sort()).toEqual(['器具', '茶叶', '零食'].sort());
    expect(await audited(owner, 'category')).toHaveLength(1);

    const staff = await t.addStaff(owner);
    await setSwitches(owner, { disableProductEdit: true });
    expect((await send(staff, 'categories', fixed, true)).status).toBe(403);
    expect((await staff.get('/api/imports/categories/template')).status).toBe(200);
  });

  it('imports suppliers with their 到货天数: a dry run writes nothing, problems by row and column, the same file twice adds nothing', async () => {
    const owner = await t.registerShop('供应商小店');
    await owner.post('/api/suppliers', { name: '老供应商', code: 'S-OLD' });
    const rows = [
      ['云南茶厂', 'S-1', '王经理', '013800001111', '昆明', '月结', 7],
      ['福建茶厂', '', '林先生', '', '', '', ''],
      ['旧名字', 'S-OLD', '', '', '', '', ''],
      ['老供应商', '', '', '', '', '', ''],
    ];
    const wrong = await sheetOf([...rows, ['', 'S-2', '', '', '', '', 3], ['天数错', 'S-3', '', '', '', '', 91], ['天数不是数', 'S-4', '', '', '', '', '一周'], ['重码', 'S-1', '', '', '', '', '']], HEADERS.suppliers);
    const preview = await send(owner, 'suppliers', wrong, true);
    expect(preview.body.problems).toEqual([
      { row: 6, column: '名称', message: '必填' },
      { row: 7, column: '到货天数', message: '不能大于 90' },
      { row: 8, column: '到货天数', message: '须为整数' },
      { row: 9, column: '编码', message: '与第 2 行重复' },
    ]);
    expect((await send(owner, 'suppliers', wrong, false)).status).toBe(400);
    expect(await total(owner, 'suppliers')).toBe(1);

    const file = await sheetOf(rows, HEADERS.suppliers);
    const check = await send(owner, 'suppliers', file, true);
    expect(check.body).toMatchObject({ dryRun: true, rows: 4, created: 2, problems: [], skipped: [{ row: 4, reason: '已有这个供应商' }, { row: 5 }] });
    expect(await total(owner, 'suppliers')).toBe(1);
    expect((await send(owner, 'suppliers', file, false)).body).toMatchObject({ dryRun: false, created: 2 });
    const items = (await owner.get('/api/suppliers?pageSize=50')).body.items as Array<Record<string, unknown>>;
    expect(items.find((s) => s.name === '云南茶厂')).toMatchObject({ code: 'S-1', contactPerson: '王经理', phone: '013800001111', address: '昆明', remarks: '月结', leadTimeDays: 7, status: 'active', createdBy: owner.userId });
    expect(items.find((s) => s.name === '福建茶厂')).toMatchObject({ code: null, leadTimeDays: null });

    const again = await send(owner, 'suppliers', file, false);
    expect(again.body).toMatchObject({ created: 0 });
    expect(again.body.skipped).toHaveLength(4);
    expect(await total(owner, 'suppliers')).toBe(3);
    const [entry] = await audited(owner, 'supplier');
    expect(entry!.changes).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'created', after: '2' })]));
  });

  it('imports customers at a price level of the shop, and names a level the shop lacks', async () => {
    const owner = await t.registerShop('客户小店');
    const level = (await owner.post('/api/price-levels', { name: '代理价' })).body;
    const levels = (await owner.get('/api/price-levels')).body.items as Array<{ name: string; isDefault: boolean }>;
    const defaultLevel = levels.find((l) => l.isDefault)!.name;
    const rows = [
      ['张三', 'C-1', '', '13900001111', '上海', '', 'zhangsan', '代理价', 12],
      ['李四', '', '', '', '', '', '', defaultLevel, ''],
    ];
    const wrong = await sheetOf([...rows, ['王五', 'C-3', '', '', '', '', '', '批发价', -1]], HEADERS.customers);
    expect((await send(owner, 'customers', wrong, true)).body.problems).toEqual([{ row: 4, column: '代理时长（月）', message: '不能小于 0' }]);
    const unknownLevel = await sheetOf([...rows, ['王五', 'C-3', '', '', '', '', '', '批发价', '']], HEADERS.customers);
    expect((await send(owner, 'customers', unknownLevel, true)).body.problems).toEqual([{ row: 4, column: '价格等级', message: '店铺没有价格等级“批发价”' }]);
    expect(await total(owner, 'customers')).toBe(0);

    const file = await sheetOf(rows, HEADERS.customers);
    expect((await send(owner, 'customers', file, false)).body).toMatchObject({ created: 2, problems: [] });
    const items = (await owner.get('/api/customers?pageSize=50')).body.items as Array<Record<string, unknown>>;
    expect(items.find((c) => c.name === '张三')).toMatchObject({ code: 'C-1', phone: '13900001111', wechatId: 'zhangsan', priceLevelId: level.id, priceLevelName: '代理价', serviceMonths: 12, receivable: '0.00' });
    expect(items.find((c) => c.name === '李四')).toMatchObject({ priceLevelId: null, serviceMonths: 0 });
    expect((await send(owner, 'customers', file, false)).body).toMatchObject({ created: 0, skipped: [{ row: 2 }, { row: 3 }] });
    expect(await total(owner, 'customers')).toBe(2);
    expect(await audited(owner, 'customer')).toHaveLength(1);

    // Counterparties are written by whoever may edit them, and only in their own shop.
    const staff = await t.addStaff(owner);
    await setSwitches(owner, { disableProductEdit: true });
    expect((await send(staff, 'customers', file, true)).status).toBe(403);
    const other = await t.registerShop('别的店');
    expect((await send(other, 'customers', await sheetOf([['赵六', 'C-9']], HEADERS.customers), false)).body).toMatchObject({ created: 1, skipped: [] });
    expect((await send(other, 'customers', unknownLevel, true)).body.problems).toEqual([
      { row: 2, column: '价格等级', message: '店铺没有价格等级“代理价”' },
      { row: 4, column: '价格等级', message: '店铺没有价格等级“批发价”' },
    ]);
  });

  it('answers 400 for a kind it does not import', async () => {
    const owner = await t.registerShop('未知小店');
    expect((await owner.get('/api/imports/stock-points/template')).status).toBe(400);
    expect((await send(owner, 'bills' as Kind, await sheetOf([], ['名称*']), true)).status).toBe(400);
  });
});
