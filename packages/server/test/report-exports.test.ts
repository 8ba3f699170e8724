import { addDays } from '@xiaocang/analytics';
import { shopDay } from '@xiaocang/domain';
import ExcelJS from 'exceljs';
import { beforeAll, expect, it } from 'vitest';
import { expectStatus, setMemberSwitches, setSwitches } from './support/rich-shop.ts';
import { createTestApp, describeOnDatabase, type Client, type Json, type TestApp } from './support/harness.ts';
import { createProduct, postBill } from './support/stock.ts';

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

/** A report exported as CSV, as rows of cells. */
async function csv(client: Client, path: string): Promise<string[][]> {
  const answer = await client.get(path);
  expect(answer.status, path).toBe(200);
  expect(answer.headers['content-type']).toMatch(/^text\/csv/);
  return csvRows(answer.body as Buffer);
}

describeOnDatabase('exporting reports to Excel and CSV', () => {
  let t: TestApp;
  let owner: Client;

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

/** A JSON row as the file writes it: the fields in the columns' order, nothing for null. */
const cellsOf = (item: Json, fields: string[]) => fields.map((field) => (item[field] === null || item[field] === undefined ? '' : String(item[field])));
const FIGURES = ['inboundCount', 'inboundQuantity', 'inboundAmount', 'outboundCount', 'outboundQuantity', 'outboundAmount', 'outboundCost'];

/**
 * The stock reports of a shop worked out by hand: cream (护肤) 10 @ 3 in at the main store on 10-03 from the
 * supplier, 6 @ 9 sold to 张三 on 10-05 and 4 @ 4.5 in at the branch on 11-02; the mask (no category) 20 @ 1.5
 * in on 10-04; 201 loose goods (散装) 1 @ 1 each in on 11-03, so a summary by product runs past one page.
 */
describeOnDatabase('exporting the stock reports to Excel and CSV', () => {
  let t: TestApp;
  let owner: Client;
  let cream: string;
  let category: string;
  let main: string;
  let branch: string;

  beforeAll(async () => {
    t = await createTestApp();
    owner = await t.registerShop('库存报表小店');
    main = (await owner.get('/api/stock-points')).body.items[0].id;
    branch = expectStatus(await owner.post('/api/stock-points', { name: '门店仓' }), 201, 'stock point').id;
    category = expectStatus(await owner.post('/api/categories', { name: '护肤' }), 201, 'category').id;
    const loose = expectStatus(await owner.post('/api/categories', { name: '散装' }), 201, 'category').id;
    const customerId = expectStatus(await owner.post('/api/customers', { name: '张三' }), 201, 'customer').id;
    const supplierId = expectStatus(await owner.post('/api/suppliers', { name: '甲供应商' }), 201, 'supplier').id;
    cream = await createProduct(owner, { name: '面霜', code: 'C-1', categoryId: category });
    const mask = await createProduct(owner, { name: '面膜', code: 'M-1' });
    const looseGoods: string[] = [];
    for (let i = 1; i <= 201; i++) looseGoods.push(await createProduct(owner, { name: `散货${String(i).padStart(3, '0')}`, categoryId: loose }));
    const post = async (...args: Parameters<typeof postBill>) => expectStatus(await postBill(...args), 201, 'bill');
    await post(owner, 'in', [{ productId: cream, quantity: 10, unitPrice: 3 }], { billDate: '2026-10-03', stockPointId: main, supplierId });
    await post(owner, 'in', [{ productId: mask, quantity: 20, unitPrice: 1.5 }], { billDate: '2026-10-04', stockPointId: main });
    await post(owner, 'out', [{ productId: cream, quantity: 6, unitPrice: 9 }], { billDate: '2026-10-05', stockPointId: main, customerId });
    await post(owner, 'in', [{ productId: cream, quantity: 4, unitPrice: 4.5 }], { billDate: '2026-11-02', stockPointId: branch });
    await post(owner, 'in', looseGoods.map((productId) => ({ productId, quantity: 1, unitPrice: 1 })), { billDate: '2026-11-03', stockPointId: main });
  });

  it('stock summary: every row, not one page, the same as the report’s pages, with the grouping and filters by name', async () => {
    const rows = await csv(owner, '/api/exports/stock-summary?format=csv&pageSize=20&page=3');
    expect(rows[0]).toEqual(['库存汇总（共 203 条）']);
    expect(rows.slice(2, 5)).toEqual([['汇总方式：按商品'], [''], ['商品', '编码', '单位', '数量', '库存金额']]);
    const pages = [1, 2].map(async (page) => expectStatus(await owner.get(`/api/reports/stock-summary?pageSize=200&page=${page}`), 200, 'page'));
    const items = (await Promise.all(pages)).flatMap((page) => page.items);
    expect(items).toHaveLength(203);
    expect(rows.slice(5, -1)).toEqual(items.map((item: Json) => cellsOf(item, ['name', 'code', 'unit', 'stockQuantity', 'stockValue'])));
    expect(rows).toContainEqual(['面霜', 'C-1', '个', '8.000', '30.00']);
    expect(rows.at(-1)).toEqual(['合计', '', '', '229.000', '261.00']);

    // Narrowed to the branch and one category, grouped by stock point: the filters by name.
    const narrowed = await csv(owner, `/api/exports/stock-summary?format=csv&groupBy=stockPoint&stockPointId=${branch}&categoryId=${category}`);
    expect(narrowed.slice(2)).toEqual([['汇总方式：按库存点'], ['库存点：门店仓'], ['分类：护肤'], [''], ['库存点', '数量', '库存金额'], ['门店仓', '4.000', '18.00'], ['合计', '4.000', '18.00']]);

    // By category as a workbook: numbers as numbers, products in no category as one row.
    const answer = await owner.get('/api/exports/stock-summary?groupBy=category');
    expect(answer.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(answer.body as never);
    const sheet = workbook.getWorksheet('库存汇总')!;
    const values = (row: number) => (sheet.getRow(row).values as unknown[]).slice(1);
    expect(values(3)).toEqual(['汇总方式：按分类']);
    expect(values(5)).toEqual(['分类', '数量', '库存金额']);
    const byCategory = [6, 7, 8, 9].map(values);
    expect(byCategory).toEqual(expect.arrayContaining([['护肤', 8, 30], ['散装', 201, 201], ['未分类', 20, 30]]));
    expect(byCategory[3]).toEqual(['合计', 229, 261]);
    expect(sheet.getRow(6).getCell(3).numFmt).toBe('#,##0.00');
  });

  it('in/out summary: the report’s rows per period or counterparty, the period, grouping and direction at the top', async () => {
    const period = 'from=2026-10-01&to=2026-11-30';
    const month = await csv(owner, `/api/exports/in-out?format=csv&${period}&groupBy=month`);
    expect(month[0]).toEqual(['出入库汇总（共 2 条）']);
    expect(month.slice(2)).toEqual([
      ['开始日期：2026-10-01'],
      ['结束日期：2026-11-30'],
      ['按：月'],
      ['范围：全店'],
      [''],
      ['月份', '入库单数', '入库数量', '入库金额', '出库单数', '出库数量', '出库金额', '出库成本'],
      ['2026-10', '2', '30.000', '60.00', '1', '6.000', '54.00', '18.00'],
      ['2026-11', '2', '205.000', '219.00', '0', '0.000', '0.00', '0.00'],
      ['合计', '4', '235.000', '279.00', '1', '6.000', '54.00', '18.00'],
    ]);

    const byParty = await csv(owner, `/api/exports/in-out?format=csv&${period}&groupBy=counterparty`);
    const json = expectStatus(await owner.get(`/api/reports/in-out?${period}&groupBy=counterparty`), 200, 'in-out');
    expect(byParty[7]).toEqual(['往来单位', '类型', '入库单数', '入库数量', '入库金额', '出库单数', '出库数量', '出库金额', '出库成本']);
    const kind: Record<string, string> = { customer: '客户', supplier: '供应商' };
    expect(byParty.slice(8, -1)).toEqual(json.items.map((item: Json) => [item.name ?? '无往来单位', kind[item.partyKind] ?? '', ...cellsOf(item, FIGURES)]));
    expect(byParty).toContainEqual(['无往来单位', '', '3', '225.000', '249.00', '0', '0.000', '0.00', '0.00']);
    expect(byParty.at(-1)).toEqual(['合计', '', ...cellsOf(json.totals, FIGURES)]);

    // Days run through the period with zeros where nothing moved, as in the report; the direction is said.
    const days = await csv(owner, `/api/exports/in-out?format=csv&from=2026-10-03&to=2026-10-06&groupBy=day&direction=in`);
    expect(days.slice(4, 6)).toEqual([['按：天'], ['方向：入库']]);
    expect(days.slice(9).map((row) => row.slice(0, 4))).toEqual([
      ['2026-10-03', '1', '10.000', '30.00'],
      ['2026-10-04', '1', '20.000', '30.00'],
      ['2026-10-05', '0', '0.000', '0.00'],
      ['2026-10-06', '0', '0.000', '0.00'],
      ['合计', '2', '30.000', '60.00'],
    ]);
  });

  it('stock trend: one row per day as the report has them, the product or category and the stock point by name', async () => {
    const query = `productId=${cream}&stockPointId=${main}&from=2026-10-02&to=2026-10-06`;
    const rows = await csv(owner, `/api/exports/stock-trend?format=csv&${query}`);
    expect(rows[0]).toEqual(['库存趋势（共 5 条）']);
    expect(rows.slice(2, 8)).toEqual([['开始日期：2026-10-02'], ['结束日期：2026-10-06'], ['商品：面霜'], ['库存点：默认仓库'], [''], ['日期', '库存数量（个）', '库存金额']]);
    const trend = expectStatus(await owner.get(`/api/reports/stock-trend?${query}`), 200, 'trend');
    expect(rows.slice(8)).toEqual(trend.days.map((day: Json) => cellsOf(day, ['date', 'balanceQuantity', 'balanceAmount'])));
    expect(rows.slice(8)).toEqual([
      ['2026-10-02', '0.000', '0.00'],
      ['2026-10-03', '10.000', '30.00'],
      ['2026-10-04', '10.000', '30.00'],
      ['2026-10-05', '4.000', '12.00'],
      ['2026-10-06', '4.000', '12.00'],
    ]);
    const ofCategory = await csv(owner, `/api/exports/stock-trend?format=csv&categoryId=${category}&from=2026-11-01&to=2026-11-03`);
    expect(ofCategory.slice(4)).toEqual([['分类：护肤'], [''], ['日期', '库存数量', '库存金额'], ['2026-11-01', '4.000', '12.00'], ['2026-11-02', '8.000', '30.00'], ['2026-11-03', '8.000', '30.00']]);
  });

  it('leaves out values from a staff member with hideInboundPrice, and refuses stock to one with hideInventory', async () => {
    const staff = await t.addStaff(owner);
    await setMemberSwitches(owner, staff.userId, { hideInboundPrice: true });
    const summary = await csv(staff, '/api/exports/stock-summary?format=csv');
    expect(summary[4]).toEqual(['商品', '编码', '单位', '数量']);
    expect(summary.at(-1)).toEqual(['合计', '', '', '229.000']);
    const inOut = await csv(staff, '/api/exports/in-out?format=csv&from=2026-10-01&to=2026-10-31&groupBy=month');
    expect(inOut.slice(7)).toEqual([
      ['月份', '入库单数', '入库数量', '出库单数', '出库数量', '出库金额'],
      ['2026-10', '2', '30.000', '1', '6.000', '54.00'],
      ['合计', '2', '30.000', '1', '6.000', '54.00'],
    ]);
    const trend = await csv(staff, `/api/exports/stock-trend?format=csv&productId=${cream}&from=2026-10-03&to=2026-10-03`);
    expect(trend.slice(6)).toEqual([['日期', '库存数量（个）'], ['2026-10-03', '10.000']]);
    for (const rows of [summary, inOut, trend]) for (const hidden of ['30.00', '60.00', '18.00', '261.00']) expect(rows.flat()).not.toContain(hidden);

    await setMemberSwitches(owner, staff.userId, { hideInboundPrice: false, hideInventory: true, ownRecordsOnly: true });
    expect((await staff.get('/api/exports/stock-summary?format=csv')).status).toBe(403);
    expect((await staff.get(`/api/exports/stock-trend?productId=${cream}&from=2026-10-03&to=2026-10-03`)).status).toBe(403);
    // What went in and out stays, without quantities, and only the member's own bills (none).
    const flows = await csv(staff, '/api/exports/in-out?format=csv&from=2026-10-01&to=2026-10-31&groupBy=month');
    expect(flows[5]).toEqual(['范围：只统计本人开的单据']);
    expect(flows.slice(7)).toEqual([
      ['月份', '入库单数', '入库金额', '出库单数', '出库金额', '出库成本'],
      ['2026-10', '0', '0.00', '0', '0.00', '0.00'],
      ['合计', '0', '0.00', '0', '0.00', '0.00'],
    ]);
  });

  it('refuses bad filters naming the field, and another shop’s records', async () => {
    const field = async (path: string, status = 400) => {
      const answer = await owner.get(path);
      expect(answer.status, path).toBe(status);
      return answer.body.error.details[0].field as string;
    };
    expect(await field('/api/exports/stock-summary?groupBy=supplier')).toBe('groupBy');
    expect(await field('/api/exports/stock-summary?stockPointId=main')).toBe('stockPointId');
    expect(await field('/api/exports/in-out?to=2026-10-01')).toBe('from');
    expect(await field('/api/exports/in-out?from=2026-10-05&to=2026-10-01')).toBe('to');
    expect(await field('/api/exports/in-out?from=2026-10-01&to=2026-10-02&groupBy=year')).toBe('groupBy');
    expect(await field('/api/exports/in-out?from=2026-10-01&to=2026-10-02&direction=both')).toBe('direction');
    expect(await field('/api/exports/stock-trend?from=2026-10-01&to=2026-10-02')).toBe('productId');
    expect(await field(`/api/exports/stock-trend?productId=${cream}&from=2023-10-01&to=2026-10-01`)).toBe('to');
    const other = await t.registerShop('别家');
    const theirPoint = (await other.get('/api/stock-points')).body.items[0].id;
    expect(await field(`/api/exports/stock-summary?stockPointId=${theirPoint}`, 404)).toBe('stockPointId');
    expect(await field(`/api/exports/stock-trend?productId=${cream}&stockPointId=${theirPoint}&from=2026-10-01&to=2026-10-02`, 404)).toBe('stockPointId');
  });
});
