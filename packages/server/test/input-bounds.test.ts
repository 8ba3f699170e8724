import { latestBookDate, LIMITS } from '@xiaocang/domain';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, describeOnDatabase, type ApiResponse, type Client, type TestApp } from './support/harness.ts';
import { balanceOf, createProduct, postBill } from './support/stock.ts';

const dayAfter = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
const repeat = <T>(count: number, item: T): T[] => Array.from({ length: count }, () => item);

function expectInvalid(response: ApiResponse, field: string, message?: string | RegExp) {
  expect(response.status, JSON.stringify(response.body)).toBe(400);
  expect(response.body.error.code).toBe('VALIDATION_FAILED');
  const detail = (response.body.error.details as Array<{ field: string; message: string }>).find((d) => d.field === field);
  expect(detail, `no error names ${field}: ${JSON.stringify(response.body.error.details)}`).toBeDefined();
  if (typeof message === 'string') expect(detail!.message).toBe(message);
  else if (message) expect(detail!.message).toMatch(message);
}

async function ledgerRows(t: TestApp, shop: Client): Promise<number> {
  const [row] = await t.db.query<{ n: string }>('SELECT count(*) AS n FROM stock_ledger WHERE shop_id = $1', [shop.shopId]);
  return Number(row!.n);
}

describeOnDatabase('input bounds', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });

  describe('dates', () => {
    it('refuses a date before 2000-01-01 or more than a year ahead wherever a date is taken, naming the field, and takes the bounds themselves', async () => {
      const owner = await t.registerShop();
      const productId = await createProduct(owner);
      const main = (await owner.get('/api/stock-points')).body.items[0].id;
      const branch = (await owner.post('/api/stock-points', { name: '二号仓' })).body.id;
      await postBill(owner, 'in', [{ productId, quantity: 10, unitPrice: 2 }]);
      const draft = (await postBill(owner, 'in', [{ productId, quantity: 1, unitPrice: 2 }], { confirm: false })).body;
      const latest = latestBookDate();
      const bounds = `must be between 2000-01-01 and ${latest}`;
      const line = { productId, quantity: 1 };

      for (const date of ['0000-01-01', '1999-12-31', dayAfter(latest), '9999-12-31']) {
        expectInvalid(await postBill(owner, 'in', [{ ...line, unitPrice: 1 }], { billDate: date }), 'billDate', bounds);
        expectInvalid(await postBill(owner, 'out', [{ ...line, unitPrice: 1 }], { billDate: date }), 'billDate', bounds);
        expectInvalid(
          await owner.put(`/api/bills/${draft.id}`, { billType: '采购入库', billDate: date, lines: [{ ...line, unitPrice: 1 }] }),
          'billDate',
          bounds,
        );
        expectInvalid(await owner.post('/api/transfers', { fromStockPointId: main, toStockPointId: branch, billDate: date, lines: [line] }), 'billDate', bounds);
        expectInvalid(await owner.post('/api/stocktakes', { billDate: date, lines: [{ productId, countedQuantity: 1 }] }), 'billDate', bounds);
        for (const filter of ['dateFrom', 'dateTo']) {
          expectInvalid(await owner.get(`/api/bills?${filter}=${date}`), filter, bounds);
          expectInvalid(await owner.get(`/api/products/${productId}/ledger?${filter}=${date}`), filter, bounds);
        }
      }
      expect(await ledgerRows(t, owner)).toBe(1);

      expect((await postBill(owner, 'in', [{ ...line, unitPrice: 1 }], { billDate: '2000-01-01' })).status).toBe(201);
      expect((await postBill(owner, 'in', [{ ...line, unitPrice: 1 }], { billDate: latest })).status).toBe(201);
      expect((await owner.get(`/api/bills?dateFrom=2000-01-01&dateTo=${latest}`)).body.total).toBe(4);
      expect((await owner.get(`/api/products/${productId}/ledger?dateFrom=2000-01-01&dateTo=${latest}`)).body.total).toBe(3);
    });
  });

  describe('amounts and quantities', () => {
    it('holds a line to 1,000,000 units, 1,000,000 yuan a unit and 1,000,000 yuan, and a bill to 10,000,000 yuan', async () => {
      const owner = await t.registerShop();
      const productId = await createProduct(owner);
      const dear = await createProduct(owner, { inboundPrice: '600000' });

      // The bill that once filled a month's figures to the brim.
      const flood = await postBill(owner, 'in', repeat(1000, { productId, quantity: 999_999, unitPrice: 9_999_999 }));
      expectInvalid(flood, 'lines.0.unitPrice', 'must be between 0 and 1,000,000');
      expectInvalid(await postBill(owner, 'in', [{ productId, quantity: '1000000.001', unitPrice: 0 }]), 'lines.0.quantity', 'must be between 0 and 1,000,000');
      const line = await postBill(owner, 'in', [{ productId, quantity: 1, unitPrice: 1 }, { productId, quantity: 1000, unitPrice: '1000.01' }]);
      expectInvalid(line, 'lines.1', /1,000,000 yuan/);
      expect(line.body.error.message).toMatch(/^lines\.1 comes to more than 1,000,000 yuan/);
      // A price taken from the product is held to the same limit.
      expectInvalid(await postBill(owner, 'in', [{ productId: dear, quantity: 2 }]), 'lines.0', /1,000,000 yuan/);
      const bill = await postBill(owner, 'in', repeat(11, { productId, quantity: 1, unitPrice: 1_000_000 }));
      expectInvalid(bill, 'lines', /10,000,000 yuan/);
      expect(await ledgerRows(t, owner)).toBe(0);

      expect((await postBill(owner, 'in', repeat(10, { productId, quantity: 1, unitPrice: 1_000_000 }))).status).toBe(201);
      expect((await postBill(owner, 'in', [{ productId, quantity: 1_000_000, unitPrice: 1 }])).status).toBe(201);
      const month = (await owner.get('/api/stats/monthly?year=2026')).body.months[10];
      expect(month).toMatchObject({ inboundCount: 2, purchaseCount: 2, purchaseAmount: '11000000.00' });

      expectInvalid(await owner.post('/api/products', { name: '贵', unit: '个', outboundPrice: '1000000.01' }), 'outboundPrice');
      expectInvalid(await owner.put(`/api/products/${productId}`, { inboundPrice: 2_000_000 }), 'inboundPrice');
      expectInvalid(await owner.put(`/api/products/${productId}`, { warningStock: '1000000000.001' }), 'warningStock');
      expectInvalid(await owner.post('/api/stocktakes', { billDate: '2026-11-20', lines: [{ productId, countedQuantity: '1000000000.001' }] }), 'lines.0.countedQuantity');
    });

    it('holds a stocktake gain to the line limit, naming the counted line it comes from', async () => {
      const owner = await t.registerShop();
      const counted = await createProduct(owner);
      const found = await createProduct(owner);
      await postBill(owner, 'in', [{ productId: counted, quantity: 5, unitPrice: 1 }, { productId: found, quantity: 1, unitPrice: 1 }]);
      const sheet = await owner.post('/api/stocktakes', {
        billDate: '2026-11-20',
        lines: [{ productId: counted, countedQuantity: 5 }, { productId: found, countedQuantity: 2_000_000 }],
      });
      expect(sheet.status).toBe(201);
      expectInvalid(await owner.post(`/api/stocktakes/${sheet.body.id}/confirm`), 'lines.1', /1,000,000 yuan/);
      expect((await owner.get(`/api/stocktakes/${sheet.body.id}`)).body.status).toBe('draft');
      expect(await balanceOf(owner, found)).toMatchObject({ quantity: '1.000' });
    });

    it('refuses a posting that would take a balance past a billion units, also when it replays later history', async () => {
      const owner = await t.registerShop();
      const productId = await createProduct(owner);
      const stockPointId = (await owner.get('/api/stock-points')).body.items[0].id;
      const full = await postBill(owner, 'in', repeat(1000, { productId, quantity: 1_000_000, unitPrice: 0 }));
      expect(full.status).toBe(201);
      expect(await balanceOf(owner, productId)).toMatchObject({ quantity: '1000000000.000' });

      for (const billDate of ['2026-11-20', '2026-11-01']) {
        const over = await postBill(owner, 'in', [{ productId, quantity: '0.001', unitPrice: 0 }], { billDate });
        expect(over.status).toBe(409);
        expect(over.body.error).toMatchObject({ code: 'CONFLICT', details: [{ productId, stockPointId }] });
        expect(over.body.error.message).toMatch(/1,000,000,000 units and 10,000,000,000 yuan/);
      }
      expect(await balanceOf(owner, productId)).toMatchObject({ quantity: '1000000000.000' });
      expect(await ledgerRows(t, owner)).toBe(1000);
      expect((await owner.get('/api/inventory/verify')).body.drift).toEqual([]);
    });

    it('refuses a posting that would take the value of a balance past ten billion yuan either side of zero', async () => {
      const owner = await t.registerShop();
      await owner.put('/api/shop', { allowNegativeStock: true });
      const productId = await createProduct(owner);
      await postBill(owner, 'in', [{ productId, quantity: 1, unitPrice: 1_000_000 }]);
      // Selling into negative stock costs each unit at the average: 10,002 units leave −10,001,000,000 yuan.
      const over = await postBill(owner, 'out', [{ productId, quantity: 10_002, unitPrice: 0 }]);
      expect(over.status).toBe(409);
      expect(over.body.error.code).toBe('CONFLICT');
      expect(await balanceOf(owner, productId)).toMatchObject({ quantity: '1.000', totalCost: '1000000.00' });
      expect((await postBill(owner, 'out', [{ productId, quantity: 10_001, unitPrice: 0 }])).status).toBe(201);
      expect(await balanceOf(owner, productId)).toMatchObject({ quantity: '-10000.000', totalCost: '-10000000000.00' });
    });

    it('keeps every monthly figure clear of overflow: a thousand years of the most bills a day at the limits', async () => {
      // A shop numbers at most 9,999 bills a day in each direction; a bill adds at most its total to the amounts
      // and, to the cost of goods, at most 1,000 lines each moving twice the balance value limit.
      const billsPerDay = 9_999;
      // Each month's row holds one bill type of one direction.
      const worstPerDay: Record<string, number> = {
        amount: billsPerDay * LIMITS.billTotal,
        cost: billsPerDay * 1000 * 2 * LIMITS.balanceValue,
      };
      const columns = await t.db.query<{ column_name: string; numeric_precision: number; numeric_scale: number }>(
        `SELECT column_name, numeric_precision, numeric_scale FROM information_schema.columns
          WHERE table_schema = current_schema() AND table_name = 'stats_monthly_bill_types' AND data_type = 'numeric' ORDER BY column_name`,
      );
      expect(columns.map((c) => c.column_name).sort()).toEqual(Object.keys(worstPerDay).sort());
      for (const column of columns) {
        const largest = 10 ** (column.numeric_precision - column.numeric_scale);
        expect(largest, column.column_name).toBeGreaterThan(worstPerDay[column.column_name]! * 365 * 1000);
      }

      // A month whose cost of goods is already past what numeric(18, 2) holds still takes a sale.
      const owner = await t.registerShop();
      const productId = await createProduct(owner);
      await postBill(owner, 'in', [{ productId, quantity: 10, unitPrice: 100 }]);
      expect((await postBill(owner, 'out', [{ productId, quantity: 1, unitPrice: 150 }])).status).toBe(201);
      await t.db.query("UPDATE stats_monthly_bill_types SET cost = cost + '99999999999999990.00' WHERE shop_id = $1 AND direction = 'out'", [
        owner.shopId,
      ]);
      expect((await postBill(owner, 'out', [{ productId, quantity: 1, unitPrice: 150 }])).status).toBe(201);
      const month = (await owner.get('/api/stats/monthly?year=2026')).body.months[10];
      expect(month).toMatchObject({ salesAmount: '300.00', salesCost: '100000000000000190.00', grossMargin: '-99999999999999890.00' });
    });
  });

  describe('links and text', () => {
    const BAD_LINKS = [
      'javascript:alert(1)',
      'JavaScript:alert(document.cookie)',
      ' javascript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'vbscript:msgbox(1)',
      'file:///etc/passwd',
      'ftp://example.com/a.png',
      '//evil.example.com/a.png',
      'http://',
      'https:///a.png',
      'https:\\\\evil.example.com',
      'https://img.example.com/a b.png',
      '/uploads/../secrets.txt',
      '/uploads/%2e%2e/secrets.txt',
      'https://img.example.com/a.png"onerror="alert(1)',
      '/etc/passwd',
      'img.example.com/a.png',
      // A well-formed path under /uploads/ that names no upload of the shop (uploads.test.ts has the real ones).
      '/uploads/2026/12/receipt-1_a.png',
    ];
    const GOOD_LINKS = ['https://img.example.com/cola.png', 'HTTP://example.cn/a.jpg?size=2&v=1#top'];

    it("takes only http(s) addresses and the shop's own /uploads/ for product images and bill attachments", async () => {
      const owner = await t.registerShop();
      const productId = await createProduct(owner);
      for (const link of BAD_LINKS) {
        expectInvalid(await owner.post('/api/products', { name: '图', unit: '个', imageUrl: link }), 'imageUrl');
        expectInvalid(await owner.put(`/api/products/${productId}`, { imageUrl: link }), 'imageUrl');
        expectInvalid(await postBill(owner, 'in', [{ productId, quantity: 1, unitPrice: 1 }], { attachments: [{ fileId: link, name: '票据' }] }), 'attachments.0.fileId');
      }
      for (const link of GOOD_LINKS) {
        expect((await owner.put(`/api/products/${productId}`, { imageUrl: link })).body.imageUrl).toBe(link);
        const bill = await postBill(owner, 'in', [{ productId, quantity: 1, unitPrice: 1 }], { attachments: [{ fileId: link, name: '票据' }] });
        expect(bill.body.attachments).toEqual([{ fileId: link, name: '票据' }]);
      }
      expect((await owner.put(`/api/products/${productId}`, { imageUrl: '' })).body.imageUrl).toBe('');
      expectInvalid(await postBill(owner, 'in', [{ productId, quantity: 1, unitPrice: 1 }], { attachments: [{ fileId: '' }] }), 'attachments.0.fileId', 'is required');
    });

    it('refuses text with an unpaired surrogate in every kind of record, naming the field, and keeps emoji', async () => {
      const owner = await t.registerShop();
      const staff = await t.addStaff(owner);
      const productId = await createProduct(owner);
      const half = '可乐\ud83d';
      const cases: Array<[string, string, Record<string, unknown>, string]> = [
        ['POST', '/api/products', { name: half, unit: '瓶' }, 'name'],
        ['POST', '/api/products', { name: '可乐', unit: '瓶', remarks: `\udc00${half}` }, 'remarks'],
        ['PUT', `/api/products/${productId}`, { specification: half }, 'specification'],
        ['POST', '/api/categories', { name: half }, 'name'],
        ['POST', '/api/suppliers', { name: '供应商', address: half }, 'address'],
        ['POST', '/api/customers', { name: '客户', contactPerson: half }, 'contactPerson'],
        ['POST', '/api/stock-points', { name: half }, 'name'],
        ['PUT', '/api/shop', { name: half }, 'name'],
        ['PUT', '/api/config', { units: ['个', half] }, 'units.1'],
        ['PUT', `/api/staff/${staff.userId}`, { realName: half }, 'realName'],
        ['POST', '/api/stocktakes', { billDate: '2026-11-20', remarks: half, lines: [{ productId, countedQuantity: 1 }] }, 'remarks'],
        [
          'POST',
          '/api/bills',
          { direction: 'in', billType: '采购入库', billDate: '2026-11-20', attachments: [{ fileId: '/uploads/a.png', name: half }], lines: [{ productId, quantity: 1 }] },
          'attachments.0.name',
        ],
      ];
      for (const [method, url, body, field] of cases) {
        expectInvalid(await owner.request(method, url, body), field, /unpaired surrogate/);
      }
      const register = await t.request('POST', '/api/auth/register', { shopName: half, username: 'surrogate_shop', password: 'password123', realName: '店主' });
      expectInvalid(register, 'shopName', /unpaired surrogate/);

      const emoji = await owner.post('/api/products', { name: '可乐😀', unit: '瓶', remarks: '𠀀 冰镇' });
      expect(emoji.status).toBe(201);
      expect(emoji.body).toMatchObject({ name: '可乐😀', remarks: '𠀀 冰镇' });
    });
  });

  describe('switching off what still holds stock', () => {
    async function stockedShop() {
      const owner = await t.registerShop();
      const main = (await owner.get('/api/stock-points')).body.items[0];
      const branch = (await owner.post('/api/stock-points', { name: '二号仓' })).body;
      const productId = await createProduct(owner, { name: '冰红茶', unit: '瓶' });
      await postBill(owner, 'in', [{ productId, quantity: 15, unitPrice: 2 }]);
      await owner.post('/api/transfers', { fromStockPointId: main.id, toStockPointId: branch.id, billDate: '2026-11-20', lines: [{ productId, quantity: 3 }] });
      return { owner, main, branch, productId };
    }

    it('refuses to delete or disable a product, or a stock point, that holds stock, saying what is held where and how much', async () => {
      const { owner, main, branch, productId } = await stockedShop();
      const stockValue = async () => (await owner.get('/api/inventory')).body.totals.stockValue;
      const valueBefore = await stockValue();

      for (const refused of [await owner.delete(`/api/products/${productId}`), await owner.put(`/api/products/${productId}`, { isEnabled: false })]) {
        expect(refused.status).toBe(409);
        expect(refused.body.error.code).toBe('CONFLICT');
        expect(refused.body.error.message).toBe(
          `Product 冰红茶 still holds stock (冰红茶 at ${main.name}: 12.000 瓶; 冰红茶 at 二号仓: 3.000 瓶); ` +
            'sell it, move it to another stock point or count it out before switching it off',
        );
        expect(refused.body.error.details).toEqual([
          { productId, productName: '冰红茶', stockPointId: main.id, stockPointName: main.name, stockQuantity: '12.000' },
          { productId, productName: '冰红茶', stockPointId: branch.id, stockPointName: '二号仓', stockQuantity: '3.000' },
        ]);
      }
      for (const refused of [await owner.delete(`/api/stock-points/${branch.id}`), await owner.put(`/api/stock-points/${branch.id}`, { status: 'inactive' })]) {
        expect(refused.status).toBe(409);
        expect(refused.body.error.message).toMatch(/^Stock point 二号仓 still holds stock \(冰红茶 at 二号仓: 3\.000 瓶\)/);
        expect(refused.body.error.details).toEqual([
          { productId, productName: '冰红茶', stockPointId: branch.id, stockPointName: '二号仓', stockQuantity: '3.000' },
        ]);
      }
      expect((await owner.get(`/api/products/${productId}`)).body.isEnabled).toBe(true);
      expect((await owner.get(`/api/stock-points/${branch.id}`)).body.status).toBe('active');
      expect(await stockValue()).toBe(valueBefore);

      // Other changes to a record that holds stock still go through.
      expect((await owner.put(`/api/stock-points/${branch.id}`, { address: '后仓', status: 'active' })).status).toBe(200);

      // Emptied, both can go.
      await owner.post('/api/transfers', { fromStockPointId: branch.id, toStockPointId: main.id, billDate: '2026-11-20', lines: [{ productId, quantity: 3 }] });
      expect((await owner.delete(`/api/stock-points/${branch.id}`)).body.status).toBe('inactive');
      await postBill(owner, 'out', [{ productId, quantity: 15, unitPrice: 3 }]);
      expect((await owner.delete(`/api/products/${productId}`)).body.isEnabled).toBe(false);
    });

    it('counts stock below zero as held', async () => {
      const owner = await t.registerShop();
      await owner.put('/api/shop', { allowNegativeStock: true });
      const productId = await createProduct(owner, { name: '欠货', unit: '件' });
      await postBill(owner, 'out', [{ productId, quantity: 2, unitPrice: 3 }]);
      const refused = await owner.delete(`/api/products/${productId}`);
      expect(refused.status).toBe(409);
      expect(refused.body.error.details[0].stockQuantity).toBe('-2.000');
    });

    it('tells a staff member who may not see stock what is held and where, but not how much', async () => {
      const { owner, branch, productId } = await stockedShop();
      const staff = await t.addStaff(owner);
      await owner.put('/api/shop', { staffPermissions: { hideInventory: true } });
      for (const refused of [await staff.delete(`/api/products/${productId}`), await staff.delete(`/api/stock-points/${branch.id}`)]) {
        expect(refused.status).toBe(409);
        expect(refused.body.error.message).toContain('冰红茶 at 二号仓');
        expect(refused.body.error.message).not.toMatch(/\d\.000|瓶/);
        for (const detail of refused.body.error.details) {
          expect(detail).toMatchObject({ productId, productName: '冰红茶' });
          expect(detail).not.toHaveProperty('stockQuantity');
        }
      }
    });
  });
});
