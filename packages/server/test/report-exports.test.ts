import { addDays } from '@xiaocang/analytics';
import { shopDay } from '@xiaocang/domain';
import ExcelJS from 'exceljs';
import { beforeAll, expect, it } from 'vitest';
import { setSwitches } from './support/rich-shop.ts';
import { createTestApp, describeOnDatabase, type Client, type TestApp } from './support/harness.ts';
import { postBill } from './support/stock.ts';

/** A CSV as Excel reads it (RFC 4180): quoted cells may hold commas, doubled quotes and line breaks. */
function csvRows(body: Buffer): string[][] {
  const input = body.toString('utf8');
  expect(input.startsWith('\uFEFF')).toBe(true);
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 1; i < input.length; i++) {
    const c = input[i]!;
    if (quoted) {
      if (c === '"' && input[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && input[i + 1] === '\n') {
      rows.push([...row, cell]);
      row = [];
      cell = '';
      i++;
    } else cell += c;
  }
  return rows;
}

const today = shopDay(new Date());
const from = addDays(today, -10);
const to = addDays(today, -1);
const FORMULA = '=HYPERLINK("http://evil.example","点我")';

describeOnDatabase('exporting reports to Excel and CSV', () => {
  let t: TestApp;
  let owner: Client;
  const csv = async (client: Client, path: string) => {
    const answer = await client.get(path);
    expect(answer.status, path).toBe(200);
    expect(answer.headers['content-type']).toMatch(/^text\/csv/);
    return csvRows(answer.body as Buffer);
  };

  beforeAll(async () => {
    t = await createTestApp();
    owner = await t.registerShop('报表小店');
    const names = ['红茶', FORMULA, '@SUM(1+1)', '礼盒, "大号"'];
    const ids: string[] = [];
    for (const name of names) ids.push((await owner.post('/api/products', { name, unit: '个', inboundPrice: '4', outboundPrice: '10' })).body.id);
    const customer = (await owner.post('/api/customers', { name: '-张三' })).body.id;
    await postBill(owner, 'in', ids.map((productId) => ({ productId, quantity: '100', unitPrice: '4' })), { billDate: addDays(today, -20) });
    // 红茶 3 sold, the others 1 each, to one customer on credit: 60.00 of sales at 24.00 of cost.
    await postBill(owner, 'out', [{ productId: ids[0]!, quantity: '3' }, ...ids.slice(1).map((productId) => ({ productId, quantity: '1' }))], { billDate: addDays(today, -5), customerId: customer });
  });

  it('sales by product: the period in the header rows, one row per product, the total after them, text that looks like a formula kept as text', async () => {
    const rows = await csv(owner, `/api/exports/sales-by-product?format=csv&dateFrom=${from}&dateTo=${to}`);
    expect(rows[0]).toEqual(['商品销售（共 4 条）']);
    expect(rows[1]![0]).toMatch(/^导出时间：\d{4}-\d\d-\d\d \d\d:\d\d$/);
    expect(rows.slice(2, 5)).toEqual([[`开始日期：${from}`], [`结束日期：${to}`], ['']]);
    expect(rows[5]).toEqual(['商品', '单位', '单数', '数量', '销售额', '成本', '毛利']);
    expect(rows.slice(6)).toEqual([
      ['红茶', '个', '1', '3.000', '30.00', '12.00', '18.00'],
      // Ties in amount are ranked by product id: the order they were created.
      [`'${FORMULA}`, '个', '1', '1.000', '10.00', '4.00', '6.00'],
      ["'@SUM(1+1)", '个', '1', '1.000', '10.00', '4.00', '6.00'],
      ['礼盒, "大号"', '个', '1', '1.000', '10.00', '4.00', '6.00'],
      ['合计', '', '1', '6.000', '60.00', '24.00', '36.00'],
    ]);
    // Without dates: this month so far, as the screen's default.
    const month = await csv(owner, '/api/exports/sales-by-product?format=csv');
    expect(month[2]).toEqual([`开始日期：${today.slice(0, 8)}01`]);
  });

  it('the same report as a workbook: numbers as numbers, the formula-like name as the same neutralised text', async () => {
    const answer = await owner.get(`/api/exports/sales-by-customer?dateFrom=${from}&dateTo=${to}`);
    expect(answer.status).toBe(200);
    expect(answer.headers['content-disposition']).toContain(encodeURIComponent('客户销售'));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(answer.body as never);
    const sheet = workbook.getWorksheet('客户销售')!;
    const values = (row: number) => (sheet.getRow(row).values as unknown[]).slice(1);
    expect(values(1)).toEqual(['客户销售（共 1 条）']);
    expect(values(3)).toEqual([`开始日期：${from}`]);
    expect(values(6)).toEqual(['客户', '单数', '数量', '销售额', '成本', '毛利']);
    expect(values(7)).toEqual(["'-张三", 1, 6, 60, 24, 36]);
    expect(sheet.getRow(7).getCell(4).numFmt).toBe('#,##0.00');
    const product = new ExcelJS.Workbook();
    await product.xlsx.load((await owner.get(`/api/exports/sales-by-product?dateFrom=${from}&dateTo=${to}`)).body as never);
    const cells = product.getWorksheet('商品销售')!.getColumn(1).values as unknown[];
    expect(cells).toContain(`'${FORMULA}`);
    expect(cells).not.toContain(FORMULA);
  });

  it('ageing, monthly figures, warnings and the classification each export, with their filters said at the top', async () => {
    const ageing = await csv(owner, '/api/exports/receivables-ageing?format=csv');
    expect(ageing[2]).toEqual([`截至：${today}`]);
    expect(ageing.slice(4)).toEqual([
      ['客户', '合计', '0–30 天', '31–60 天', '61–90 天', '90 天以上'],
      ["'-张三", '60.00', '60.00', '0.00', '0.00', '0.00'],
      ['合计', '60.00', '60.00', '0.00', '0.00', '0.00'],
    ]);
    const year = Number(addDays(today, -5).slice(0, 4));
    const month = Number(addDays(today, -5).slice(5, 7));
    const monthly = await csv(owner, `/api/exports/monthly?format=csv&year=${year}`);
    expect(monthly.slice(2, 4)).toEqual([[`年份：${year}`], ['范围：全店']]);
    const header = monthly[5]!;
    expect(header).toEqual(expect.arrayContaining(['月份', '销售额', '销售成本', '毛利', '进货额']));
    const sold = Object.fromEntries(header.map((name, i) => [name, monthly[5 + month]![i]]));
    expect(sold).toMatchObject({ 月份: `${month} 月`, 销售额: '60.00', 销售成本: '24.00', 毛利: '36.00' });

    const warnings = await csv(owner, `/api/exports/warning-report?format=csv&from=${from}&to=${to}&period=day`);
    expect(warnings.slice(2, 5)).toEqual([[`开始日期：${from}`], [`结束日期：${to}`], ['按：天']]);
    expect(warnings.map((row) => row[0])).toEqual(expect.arrayContaining(['按类型', '每期新增', '最常预警的商品']));
    expect(warnings).toContainEqual(['库存不足', '0', '0', '0', '']);

    const classification = await csv(owner, `/api/exports/classification?format=csv&from=${from}&to=${to}&a=70&b=20`);
    expect(classification.slice(2, 5)).toEqual([[`开始日期：${from}`], [`结束日期：${to}`], ['A/B/C 分界：70% / 20% / 10%（按销售成本累计占比）']]);
    const products = classification.slice(classification.findIndex((row) => row[0] === '排名'));
    expect(products[0]).toEqual(['排名', '商品', '编码', '类别', '销售成本', '占比 %', '累计占比 %', '需求类型', 'ADI（平均间隔天数）', 'CV²（销量波动）', '有销售天数', '观察天数']);
    // 红茶 12.00 of 24.00: 50 %; the others 4.00 each. One day with a sale in ten: too little to tell.
    expect(products[1]).toEqual(['1', '红茶', '', 'A', '12.00', '50.00', '50.00', '数据不足', '', '', '1', '10']);
    expect(products.map((row) => row[1])).toContain(`'${FORMULA}`);
  });

  it('leaves out what a restricted staff member may not see, and refuses the reports they may not open', async () => {
    const staff = await t.addStaff(owner);
    await setSwitches(owner, { hideInboundPrice: true });
    const year = addDays(today, -5).slice(0, 4);
    const monthly = await csv(staff, `/api/exports/monthly?format=csv&year=${year}`);
    expect(monthly[5]).toContain('销售额');
    for (const hidden of ['销售成本', '毛利', '进货额', '盘盈', '盘亏']) expect(monthly[5]).not.toContain(hidden);
    expect(monthly.flat()).not.toContain('24.00');
    const receivables = await csv(staff, '/api/exports/receivables-ageing?format=csv');
    expect(receivables[5]).toEqual(["'-张三", '60.00', '60.00', '0.00', '0.00', '0.00']);
    for (const name of ['sales-by-product', 'sales-by-customer', 'classification', 'payables-ageing']) {
      expect((await staff.get(`/api/exports/${name}?format=csv`)).status, name).toBe(403);
    }
    await setSwitches(owner, { hideInboundPrice: false, hideInventory: true });
    expect((await staff.get(`/api/exports/warning-report?from=${from}&to=${to}`)).status).toBe(403);
    await setSwitches(owner, { hideInventory: false });
  });

  it('refuses a bad period or report by its field', async () => {
    const field = async (path: string) => {
      const answer = await owner.get(path);
      expect(answer.status, path).toBe(400);
      return answer.body.error.details[0].field as string;
    };
    expect(await field('/api/exports/sales-by-product?dateFrom=yesterday')).toBe('dateFrom');
    expect(await field(`/api/exports/sales-by-customer?dateFrom=${to}&dateTo=${from}`)).toBe('dateTo');
    expect(await field(`/api/exports/classification?from=${addDays(to, -1096)}&to=${to}`)).toBe('from');
    expect(await field('/api/exports/monthly')).toBe('year');
    expect(await field('/api/exports/warning-report?to=2026-11-01')).toBe('from');
    expect((await owner.get('/api/exports/profit-secrets')).status).toBe(400);
  });
});
