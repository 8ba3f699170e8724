import ExcelJS from 'exceljs';
import { beforeAll, expect, it } from 'vitest';
import { setSwitches } from './support/rich-shop.ts';
import { createTestApp, describeOnDatabase, type Client, type TestApp } from './support/harness.ts';

/** The CSV's rows as cells (the files here hold no quoted line breaks). */
function csvRows(body: Buffer): string[][] {
  const lines = body.toString('utf8').replace(/^\uFEFF/, '').trimEnd().split('\r\n');
  return lines.map((line) => {
    const cells: string[] = [];
    let cell = '';
    let quoted = false;
    for (let i = 0; i < line.length; i++) {
      const c = line[i]!;
      if (quoted && c === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') {
        quoted = !quoted;
      } else if (c === ',' && !quoted) {
        cells.push(cell);
        cell = '';
      } else {
        cell += c;
      }
    }
    return [...cells, cell];
  });
}

describeOnDatabase('exporting lists to Excel and CSV', () => {
  let t: TestApp;
  let owner: Client;
  beforeAll(async () => {
    t = await createTestApp();
    owner = await t.registerShop('导出小店');
    await owner.post('/api/products', { name: '红茶', code: 'T-1', unit: '罐', inboundPrice: '12.34', outboundPrice: '30', openingStock: { quantity: '10' } });
    const formula = await owner.post('/api/products', { name: '=HYPERLINK("http://evil.example","点我")', unit: '个', inboundPrice: '1', outboundPrice: '2' });
    expect(formula.status).toBe(201);
    await owner.post('/api/customers', { name: '张三, "老客"', phone: '13800000000' });
  });

  it('writes a CSV with the title, the filters and one row per item, that Excel opens as UTF-8', async () => {
    const answer = await owner.get('/api/exports/products?format=csv&q=茶');
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toMatch(/^text\/csv/);
    expect(answer.headers['content-disposition']).toMatch(/^attachment; .*filename\*=UTF-8''%E5%95%86%E5%93%81-\d{4}-\d\d-\d\d\.csv$/);
    const body = answer.body as Buffer;
    expect(body.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const rows = csvRows(body);
    expect(rows[0]).toEqual(['商品（共 1 条）']);
    expect(rows[1]![0]).toMatch(/^导出时间：\d{4}-\d\d-\d\d \d\d:\d\d$/);
    expect(rows[2]).toEqual(['搜索：茶']);
    const header = rows[4]!;
    expect(header).toEqual(['名称', '编码/条码', '分类', '单位', '规格', '供应商', '进货价', '销售价', '预警库存', '库存', '平均成本', '备注']);
    expect(rows.slice(5)).toEqual([['红茶', 'T-1', '', '罐', '', '', '12.34', '30.00', '0.000', '10.000', '12.3400', '']]);
  });

  it('keeps a cell that looks like a formula as text, and quotes commas and quotes', async () => {
    // No filters: the header is the fourth row.
    const products = csvRows((await owner.get('/api/exports/products?format=csv')).body);
    expect(products[3]![0]).toBe('名称');
    expect(products.slice(4).map((row) => row[0])).toContain(`'=HYPERLINK("http://evil.example","点我")`);
    const customers = csvRows((await owner.get('/api/exports/customers?format=csv')).body);
    expect(customers.slice(4).map((row) => row[0])).toEqual(['张三, "老客"']);
  });

  it('writes an Excel workbook with numbers as numbers and bill statuses in words', async () => {
    await owner.post('/api/bills', { direction: 'in', billType: '采购入库', billDate: '2026-11-02', lines: [{ productId: (await owner.get('/api/products?q=红茶')).body.items[0].id, quantity: '2', unitPrice: '11' }] });
    const answer = await owner.get('/api/exports/bills?direction=in');
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(answer.body as never);
    const sheet = workbook.getWorksheet('单据')!;
    expect(sheet.getRow(1).getCell(1).value).toBe('单据（共 2 条）');
    expect(sheet.getRow(3).getCell(1).value).toBe('方向：in');
    const header = (sheet.getRow(5).values as unknown[]).slice(1);
    const byHeader = (row: number) => Object.fromEntries(header.map((name, i) => [name, sheet.getRow(row).getCell(i + 1).value]));
    const drafts = [byHeader(6), byHeader(7)].find((row) => row['状态'] === '草稿')!;
    expect(drafts).toMatchObject({ 单据类型: '采购入库', 数量: 2, 金额: 22 });
    expect(sheet.getRow(6).getCell(header.indexOf('金额') + 1).numFmt).toBe('#,##0.00');
  });

  it('leaves out what a staff member may not see, and refuses lists they may not open', async () => {
    const staff = await t.addStaff(owner);
    await setSwitches(owner, { hideInboundPrice: true });
    const rows = csvRows((await staff.get('/api/exports/products?format=csv')).body);
    expect(rows[3]).toContain('销售价');
    expect(rows[3]).not.toContain('进货价');
    expect(rows[3]).not.toContain('平均成本');
    expect(rows.flat()).not.toContain('12.34');
    expect((await staff.get('/api/exports/payables?format=csv')).status).toBe(403);
    await setSwitches(owner, { hideInboundPrice: false, hideInventory: true });
    expect((await staff.get('/api/exports/inventory')).status).toBe(403);
    const hidden = csvRows((await staff.get('/api/exports/products?format=csv')).body);
    expect(hidden[3]).toContain('销售价');
    expect(hidden[3]).not.toContain('库存');
    await setSwitches(owner, { hideInventory: false });
  });

  it('exports only the caller shop, and names a bad list or filter', async () => {
    const other = await t.registerShop('别家');
    const rows = csvRows((await other.get('/api/exports/products?format=csv')).body);
    expect(rows[0]).toEqual(['商品（共 0 条）']);
    expect(rows).toHaveLength(4);
    const unknown = await owner.get('/api/exports/passwords');
    expect(unknown.status).toBe(400);
    const badDate = await owner.get('/api/exports/bills?dateFrom=yesterday');
    expect(badDate.status).toBe(400);
    expect(badDate.body.error.details[0].field).toBe('dateFrom');
    expect((await owner.get('/api/exports/bills?format=pdf')).status).toBe(400);
  });
});
