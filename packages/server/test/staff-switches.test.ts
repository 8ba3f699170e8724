import { beforeAll, expect, it } from 'vitest';
import { createTestApp, describeOnDatabase, type Client, type TestApp } from './support/harness.ts';
import { ALL_OFF, setSwitches } from './support/rich-shop.ts';
import { balanceOf, createProduct, postBill } from './support/stock.ts';

/** Each switch as it binds a staff member, and never the owner; the redaction scan covers every route. */
describeOnDatabase('staff switches', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });

  /** A shop with one product holding 20 at 4.00 in the default stock point, and a second stock point. */
  async function stockedShop() {
    const owner = await t.registerShop();
    const staff = await t.addStaff(owner);
    const productId = await createProduct(owner, { inboundPrice: '4', outboundPrice: '9' });
    expect((await postBill(owner, 'in', [{ productId, quantity: 20 }])).status).toBe(201);
    const points = (await owner.get('/api/stock-points')).body.items as Array<{ id: string; isDefault: boolean }>;
    const second = (await owner.post('/api/stock-points', { name: '二号仓' })).body.id as string;
    return { owner, staff, productId, defaultPoint: points.find((p) => p.isDefault)!.id, second };
  }

  const quantity = async (client: Client, productId: string, stockPointId?: string) => (await balanceOf(client, productId, stockPointId))?.quantity;
  const billIds = async (client: Client, query = '') => ((await client.get(`/api/bills?pageSize=200${query}`)).body.items as Array<{ id: string }>).map((b) => b.id);

  async function expectStatus(client: Client, calls: Array<[string, string, unknown?]>, status: number) {
    for (const [method, url, body] of calls) {
      const response = await client.request(method, url, body);
      expect(response.status, `${method} ${url}: ${JSON.stringify(response.body)}`).toBe(status);
    }
  }

  it('disableInbound refuses every way a staff member could receive stock, and nothing else', async () => {
    const { owner, staff, productId, defaultPoint, second } = await stockedShop();
    const draft = (await postBill(staff, 'in', [{ productId, quantity: 3 }], { confirm: false })).body;
    await setSwitches(owner, { disableInbound: true });
    const inboundFields = { billType: '采购入库', billDate: '2026-11-20', lines: [{ productId, quantity: 1 }] };
    const inbound = { direction: 'in', ...inboundFields };
    await expectStatus(
      staff,
      [
        ['POST', '/api/bills', { ...inbound, confirm: true }],
        ['POST', '/api/bills', inbound],
        ['PUT', `/api/bills/${draft.id}`, inboundFields],
        ['POST', `/api/bills/${draft.id}/confirm`, {}],
        // A transfer receives into its target, and a stocktake gain is a receipt.
        ['POST', '/api/transfers', { fromStockPointId: defaultPoint, toStockPointId: second, billDate: '2026-11-20', lines: [{ productId, quantity: 1 }] }],
      ],
      403,
    );
    const gain = (await staff.post('/api/stocktakes', { billDate: '2026-11-20', lines: [{ productId, countedQuantity: 25 }] })).body;
    await expectStatus(staff, [['POST', `/api/stocktakes/${gain.id}/confirm`, {}]], 403);
    expect(await quantity(owner, productId)).toBe('20.000');
    expect((await owner.get(`/api/bills/${draft.id}`)).body).toMatchObject({ status: 'draft', totalQuantity: '3.000' });

    expect((await postBill(staff, 'out', [{ productId, quantity: 2 }])).status).toBe(201);
    expect((await postBill(owner, 'in', [{ productId, quantity: 5 }])).status).toBe(201);
    expect((await owner.post(`/api/bills/${draft.id}/confirm`)).body.status).toBe('confirmed');
    expect(await quantity(owner, productId)).toBe('26.000');
  });

  it('disableOutbound refuses every way a staff member could issue stock, and nothing else', async () => {
    const { owner, staff, productId, defaultPoint, second } = await stockedShop();
    const draft = (await postBill(staff, 'out', [{ productId, quantity: 3 }], { confirm: false })).body;
    await setSwitches(owner, { disableOutbound: true });
    const outboundFields = { billType: '销售出库', billDate: '2026-11-20', lines: [{ productId, quantity: 1 }] };
    const outbound = { direction: 'out', ...outboundFields };
    await expectStatus(
      staff,
      [
        ['POST', '/api/bills', { ...outbound, confirm: true }],
        ['POST', '/api/bills', outbound],
        ['PUT', `/api/bills/${draft.id}`, outboundFields],
        ['POST', `/api/bills/${draft.id}/confirm`, {}],
        ['POST', '/api/transfers', { fromStockPointId: defaultPoint, toStockPointId: second, billDate: '2026-11-20', lines: [{ productId, quantity: 1 }] }],
      ],
      403,
    );
    const loss = (await staff.post('/api/stocktakes', { billDate: '2026-11-20', lines: [{ productId, countedQuantity: 15 }] })).body;
    await expectStatus(staff, [['POST', `/api/stocktakes/${loss.id}/confirm`, {}]], 403);
    expect(await quantity(owner, productId)).toBe('20.000');

    expect((await postBill(staff, 'in', [{ productId, quantity: 2 }])).status).toBe(201);
    expect((await postBill(owner, 'out', [{ productId, quantity: 5 }])).status).toBe(201);
    expect((await owner.post(`/api/stocktakes/${loss.id}/confirm`)).status).toBe(200);
    expect(await quantity(owner, productId)).toBe('15.000');
  });

  it('adminApproval holds staff bills as pending until the owner approves; a rejected bill posts nothing', async () => {
    const { owner, staff, productId, defaultPoint, second } = await stockedShop();
    await setSwitches(owner, { adminApproval: true });
    const monthBefore = (await owner.get('/api/stats/monthly?year=2026')).body.months[10];

    const pending = await postBill(staff, 'out', [{ productId, quantity: 7, unitPrice: 10 }]);
    expect(pending.status).toBe(201);
    expect(pending.body).toMatchObject({ status: 'pending', approvalStatus: 'pending', confirmedAt: null });
    expect(pending.body.lines[0].stockAfter).toBeNull();
    expect(await quantity(owner, productId)).toBe('20.000');
    // A draft confirmed by staff waits too.
    const draft = (await postBill(staff, 'in', [{ productId, quantity: 4 }], { confirm: false })).body;
    expect((await staff.post(`/api/bills/${draft.id}/confirm`)).body.status).toBe('pending');
    expect((await staff.get('/api/dashboard')).body.pendingApprovalCount).toBe(2);

    await expectStatus(
      staff,
      [
        ['POST', `/api/bills/${pending.body.id}/approve`, {}],
        ['POST', `/api/bills/${pending.body.id}/reject`, { reason: '自己批' }],
      ],
      403,
    );
    expect((await owner.get(`/api/bills/${pending.body.id}`)).body.status).toBe('pending');
    expect(await quantity(owner, productId)).toBe('20.000');

    const approved = await owner.post(`/api/bills/${pending.body.id}/approve`);
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ status: 'confirmed', approvalStatus: 'approved', approvedBy: owner.userId, confirmedBy: owner.userId });
    expect(approved.body.lines[0]).toMatchObject({ stockBefore: '20.000', stockAfter: '13.000', costAmount: '28.00' });
    expect(await quantity(owner, productId)).toBe('13.000');
    expect((await owner.post(`/api/bills/${pending.body.id}/approve`)).status).toBe(409);

    const rejected = await owner.post(`/api/bills/${draft.id}/reject`, { reason: '数量不对' });
    expect(rejected.status).toBe(200);
    expect(rejected.body).toMatchObject({ status: 'rejected', approvalStatus: 'rejected', rejectedReason: '数量不对', confirmedAt: null });
    expect(await quantity(owner, productId)).toBe('13.000');
    const ledger = (await owner.get(`/api/products/${productId}/ledger?pageSize=200`)).body.items as Array<{ billId: string }>;
    expect(ledger.map((row) => row.billId)).not.toContain(draft.id);
    expect(ledger).toHaveLength(2);
    expect((await owner.post(`/api/bills/${draft.id}/approve`)).status).toBe(409);
    // The month counts the one approved sale and nothing of the rejected receipt.
    const monthAfter = (await owner.get('/api/stats/monthly?year=2026')).body.months[10];
    expect(monthAfter.inboundCount).toBe(monthBefore.inboundCount);
    expect(monthAfter.outboundCount).toBe(monthBefore.outboundCount + 1);

    // A staff transfer waits as a pair, and approving it posts both sides.
    const transfer = await staff.post('/api/transfers', { fromStockPointId: defaultPoint, toStockPointId: second, billDate: '2026-11-20', lines: [{ productId, quantity: 3 }] });
    expect([transfer.body.outBill.status, transfer.body.inBill.status]).toEqual(['pending', 'pending']);
    expect(await quantity(owner, productId, second)).toBeUndefined();
    expect((await owner.post(`/api/bills/${transfer.body.inBill.id}/approve`)).status).toBe(200);
    expect((await owner.get(`/api/bills/${transfer.body.outBill.id}`)).body.status).toBe('confirmed');
    expect([await quantity(owner, productId, defaultPoint), await quantity(owner, productId, second)]).toEqual(['10.000', '3.000']);

    // The owner's own bills never wait.
    expect((await postBill(owner, 'out', [{ productId, quantity: 1 }])).body.status).toBe('confirmed');
  });

  it('hideInboundPrice hides purchase prices, costs and profit from staff, not from the owner', async () => {
    const { owner, staff, productId } = await stockedShop();
    const sale = (await postBill(owner, 'out', [{ productId, quantity: 5 }], { billDate: '2026-11-21' })).body;
    const purchase = (await owner.get(`/api/bills?direction=in`)).body.items[0];
    await setSwitches(owner, { hideInboundPrice: true });

    const product = (await staff.get(`/api/products/${productId}`)).body;
    expect(product).toMatchObject({ outboundPrice: '9.00', stockQuantity: '15.000' });
    expect(product).not.toHaveProperty('inboundPrice');
    expect((await owner.get(`/api/products/${productId}`)).body.inboundPrice).toBe('4.00');

    const inbound = (await staff.get(`/api/bills/${purchase.id}`)).body;
    expect(inbound.totalQuantity).toBe('20.000');
    expect(inbound).not.toHaveProperty('totalAmount');
    expect(Object.keys(inbound.lines[0]).filter((key) => ['unitPrice', 'amount', 'unitCost', 'costAmount'].includes(key))).toEqual([]);

    const issued = (await staff.get(`/api/bills/${sale.id}`)).body;
    expect(issued).toMatchObject({ totalAmount: '45.00' });
    expect(issued).not.toHaveProperty('totalCost');
    expect(issued.lines[0]).toMatchObject({ unitPrice: '9.0000', amount: '45.00' });
    expect(Object.keys(issued.lines[0])).not.toContain('costAmount');
    expect((await owner.get(`/api/bills/${sale.id}`)).body).toMatchObject({ totalCost: '20.00', lines: [{ costAmount: '20.00', unitCost: '4.0000' }] });

    const month = (await staff.get('/api/stats/monthly?year=2026')).body.months[10];
    expect(month).toEqual({ year: 2026, month: 11, salesAmount: '45.00', salesCount: 1, purchaseCount: 1, inboundCount: 1, outboundCount: 1 });
    expect((await owner.get('/api/stats/monthly?year=2026')).body.months[10]).toMatchObject({ purchaseAmount: '80.00', salesCost: '20.00', grossMargin: '25.00' });

    const stock = (await staff.get(`/api/inventory?productId=${productId}`)).body;
    expect(stock.items[0]).toMatchObject({ quantity: '15.000' });
    expect(stock.items[0]).not.toHaveProperty('avgCost');
    expect(stock.items[0]).not.toHaveProperty('totalCost');
    expect(stock.totals).not.toHaveProperty('stockValue');
    expect((await owner.get(`/api/inventory?productId=${productId}`)).body.totals.stockValue).toBe('60.00');

    const ledger = (await staff.get(`/api/products/${productId}/ledger`)).body.items;
    expect(ledger.map((row: Record<string, unknown>) => [row.direction, row.balanceQuantity, row.unitPrice, row.balanceAvgCost])).toEqual([
      ['out', '15.000', '9.0000', undefined],
      ['in', '20.000', undefined, undefined],
    ]);
    const dashboard = (await staff.get('/api/dashboard')).body;
    expect(dashboard).not.toHaveProperty('monthGrossMargin');
    expect(dashboard).not.toHaveProperty('monthStockAdjustment');
    expect(dashboard).not.toHaveProperty('todayInboundAmount');
    expect((await staff.get('/api/inventory/verify')).status).toBe(403);
    expect((await owner.get('/api/inventory/verify')).body).toMatchObject({ checkedBalances: 1, drift: [] });
  });

  it('ownRecordsOnly shows staff only their own bills; another member’s bill is not found on every route', async () => {
    const { owner, staff, productId } = await stockedShop();
    const colleague = await t.addStaff(owner);
    const own = (await postBill(staff, 'out', [{ productId, quantity: 1 }])).body;
    const ownDraft = (await postBill(staff, 'out', [{ productId, quantity: 1 }], { confirm: false })).body;
    const theirDraft = (await postBill(colleague, 'out', [{ productId, quantity: 2 }], { confirm: false })).body;
    const theirPosted = (await postBill(colleague, 'out', [{ productId, quantity: 3 }])).body;
    const ownerPosted = (await owner.get('/api/bills?direction=in')).body.items[0];
    const ownerStocktake = (await owner.post('/api/stocktakes', { billDate: '2026-11-20', lines: [{ productId, countedQuantity: 1 }] })).body;
    await setSwitches(owner, { ownRecordsOnly: true, adminApproval: true });
    const theirPending = (await postBill(colleague, 'in', [{ productId, quantity: 1 }])).body;
    const everything = await billIds(owner);

    expect((await billIds(staff)).sort()).toEqual([own.id, ownDraft.id].sort());
    expect(await billIds(staff, `&createdBy=${colleague.userId}`)).toEqual([]);
    expect(await billIds(staff, `&productId=${productId}&direction=out`)).toEqual([ownDraft.id, own.id]);
    expect((await staff.get('/api/dashboard')).body.pendingApprovalCount).toBe(0);
    const ledger = (await staff.get(`/api/products/${productId}/ledger`)).body.items as Array<{ billId: string }>;
    expect(ledger.map((row) => row.billId)).toEqual([own.id]);

    const update = { billType: '销售出库', billDate: '2026-11-20', lines: [{ productId, quantity: 9 }] };
    for (const other of [theirDraft, theirPosted, theirPending, ownerPosted]) {
      await expectStatus(
        staff,
        [
          ['GET', `/api/bills/${other.id}`],
          ['PUT', `/api/bills/${other.id}`, update],
          ['DELETE', `/api/bills/${other.id}`],
          ['POST', `/api/bills/${other.id}/confirm`, {}],
        ],
        404,
      );
      // Owner-only actions answer 403 whatever the id, so they tell nothing about the bill either.
      for (const action of ['approve', 'reject', 'reverse']) {
        const [theirs, missing] = [await staff.post(`/api/bills/${other.id}/${action}`, { reason: '不行' }), await staff.post(`/api/bills/999999999/${action}`, { reason: '不行' })];
        expect([theirs.status, theirs.body]).toEqual([missing.status, missing.body]);
        expect(theirs.status).toBe(403);
      }
    }
    await expectStatus(staff, [['GET', `/api/stocktakes/${ownerStocktake.id}`], ['POST', `/api/stocktakes/${ownerStocktake.id}/confirm`, {}]], 404);
    // Nothing of theirs changed, and the switch binds only staff.
    expect(await billIds(owner)).toEqual(everything);
    expect((await owner.get(`/api/bills/${theirDraft.id}`)).body).toMatchObject({ status: 'draft', totalQuantity: '2.000' });
    expect(await quantity(owner, productId)).toBe('16.000');
    expect((await colleague.get(`/api/bills/${theirDraft.id}`)).status).toBe(200);
    expect((await staff.put(`/api/bills/${ownDraft.id}`, update)).body.totalQuantity).toBe('9.000');
  });

  it('hideInventory refuses the stock routes and strips quantities from every other answer', async () => {
    const { owner, staff, productId } = await stockedShop();
    const ownerStocktake = (await owner.post('/api/stocktakes', { billDate: '2026-11-20', lines: [{ productId, countedQuantity: 18 }] })).body;
    await setSwitches(owner, { hideInventory: true });
    await expectStatus(
      staff,
      [
        ['GET', '/api/inventory'],
        ['GET', `/api/inventory?productId=${productId}`],
        ['GET', '/api/inventory/verify'],
        ['GET', `/api/products/${productId}/ledger`],
        ['GET', `/api/stocktakes/${ownerStocktake.id}`],
        ['POST', `/api/stocktakes/${ownerStocktake.id}/confirm`, {}],
        ['POST', '/api/stocktakes', { billDate: '2026-11-20', lines: [{ productId, countedQuantity: 1 }] }],
      ],
      403,
    );
    const product = (await staff.get(`/api/products/${productId}`)).body;
    expect(product).toMatchObject({ id: productId, warningStock: '0.000' });
    expect(product).not.toHaveProperty('stockQuantity');
    expect((await owner.get(`/api/products/${productId}`)).body.stockQuantity).toBe('20.000');

    // Staff can still sell; the bill shows what moved, not what is left.
    const sale = await postBill(staff, 'out', [{ productId, quantity: 4 }]);
    expect(sale.status).toBe(201);
    expect(sale.body.lines[0]).toMatchObject({ quantity: '4.000', unitPrice: '9.0000' });
    expect(Object.keys(sale.body.lines[0]).filter((key) => key.startsWith('stock'))).toEqual([]);
    expect((await owner.get(`/api/bills/${sale.body.id}`)).body.lines[0]).toMatchObject({ stockBefore: '20.000', stockAfter: '16.000' });
    const oversell = await postBill(staff, 'out', [{ productId, quantity: 100 }]);
    // The refusal alone: the lines it named would give the stock away (shortage-redaction.test.ts).
    expect(oversell.body.error).toEqual({ code: 'INSUFFICIENT_STOCK', message: expect.any(String) });
    expect((await postBill(owner, 'out', [{ productId, quantity: 100 }])).body.error.details[0].available).toBe('16.000');
    expect((await staff.get('/api/dashboard')).body).not.toHaveProperty('lowStockCount');
    expect((await owner.get('/api/dashboard')).body.lowStockCount).toBe(0);
    expect((await owner.get(`/api/stocktakes/${ownerStocktake.id}`)).body.lines[0]).toMatchObject({ bookQuantity: '16.000', difference: '2.000' });
  });

  it('disableProductEdit leaves products as they were, while staff keep using them on bills', async () => {
    const { owner, staff, productId } = await stockedShop();
    const before = (await owner.get(`/api/products/${productId}`)).body;
    await setSwitches(owner, { disableProductEdit: true });
    await expectStatus(
      staff,
      [
        ['PUT', `/api/products/${productId}`, { outboundPrice: '0.01', name: '改名' }],
        ['DELETE', `/api/products/${productId}`],
        ['POST', '/api/products', { name: '新品', unit: '个' }],
        ['POST', '/api/categories', { name: '新类' }],
      ],
      403,
    );
    expect((await owner.get(`/api/products/${productId}`)).body).toEqual(before);
    expect((await owner.get('/api/products')).body.total).toBe(1);
    expect((await postBill(staff, 'out', [{ productId, quantity: 1 }])).body.lines[0].unitPrice).toBe('9.0000');
    expect((await owner.put(`/api/products/${productId}`, { outboundPrice: '10' })).body.outboundPrice).toBe('10.00');
  });

  it('disableStockPoint keeps staff on the default stock point', async () => {
    const { owner, staff, productId, defaultPoint, second } = await stockedShop();
    expect((await owner.post('/api/transfers', { fromStockPointId: defaultPoint, toStockPointId: second, billDate: '2026-11-20', lines: [{ productId, quantity: 5 }] })).status).toBe(201);
    const draft = (await postBill(staff, 'out', [{ productId, quantity: 1 }], { confirm: false })).body;
    await setSwitches(owner, { disableStockPoint: true });
    const outboundFields = { billType: '销售出库', billDate: '2026-11-20', lines: [{ productId, quantity: 1 }] };
    const outbound = { direction: 'out', ...outboundFields };
    await expectStatus(
      staff,
      [
        ['POST', '/api/bills', { ...outbound, stockPointId: second, confirm: true }],
        ['POST', '/api/bills', { ...outbound, stockPointId: second }],
        ['PUT', `/api/bills/${draft.id}`, { ...outboundFields, stockPointId: second }],
        ['POST', '/api/transfers', { fromStockPointId: second, toStockPointId: defaultPoint, billDate: '2026-11-20', lines: [{ productId, quantity: 1 }] }],
        ['POST', '/api/transfers', { fromStockPointId: defaultPoint, toStockPointId: second, billDate: '2026-11-20', lines: [{ productId, quantity: 1 }] }],
        ['POST', '/api/stocktakes', { stockPointId: second, billDate: '2026-11-20', lines: [{ productId, countedQuantity: 1 }] }],
        ['POST', '/api/stock-points', { name: '三号仓' }],
        ['PUT', `/api/stock-points/${second}`, { name: '改名' }],
        ['PUT', `/api/stock-points/${second}`, { isDefault: true }],
        ['DELETE', `/api/stock-points/${second}`],
      ],
      403,
    );
    expect([await quantity(owner, productId, defaultPoint), await quantity(owner, productId, second)]).toEqual(['15.000', '5.000']);
    expect((await owner.get(`/api/stock-points/${second}`)).body).toMatchObject({ name: '二号仓', isDefault: false, status: 'active' });

    // Without a stock point, or naming the default, a staff bill uses the default.
    const plain = await postBill(staff, 'out', [{ productId, quantity: 2 }]);
    expect(plain.body).toMatchObject({ status: 'confirmed', stockPointId: defaultPoint });
    expect((await postBill(staff, 'out', [{ productId, quantity: 1 }], { stockPointId: defaultPoint })).body.stockPointId).toBe(defaultPoint);
    expect((await staff.put(`/api/bills/${draft.id}`, outboundFields)).body.stockPointId).toBe(defaultPoint);
    expect([await quantity(owner, productId, defaultPoint), await quantity(owner, productId, second)]).toEqual(['12.000', '5.000']);
    // The owner is never bound.
    expect((await postBill(owner, 'out', [{ productId, quantity: 1 }], { stockPointId: second })).body.stockPointId).toBe(second);
    expect((await owner.post('/api/stock-points', { name: '三号仓' })).status).toBe(201);
  });

  it('binds nobody but staff: the owner works normally with every switch on', async () => {
    const { owner, productId, defaultPoint, second } = await stockedShop();
    await setSwitches(owner, Object.fromEntries(Object.keys(ALL_OFF).map((key) => [key, true])));
    expect((await owner.get('/api/shop')).body.staffPermissions).toEqual(Object.fromEntries(Object.keys(ALL_OFF).map((key) => [key, true])));
    const sale = await postBill(owner, 'out', [{ productId, quantity: 2 }], { stockPointId: defaultPoint });
    expect(sale.body).toMatchObject({ status: 'confirmed', totalCost: '8.00', lines: [{ stockAfter: '18.000', unitCost: '4.0000' }] });
    expect((await postBill(owner, 'in', [{ productId, quantity: 2, unitPrice: 7 }])).body).toMatchObject({ status: 'confirmed', totalAmount: '14.00' });
    expect((await owner.post('/api/transfers', { fromStockPointId: defaultPoint, toStockPointId: second, billDate: '2026-11-20', lines: [{ productId, quantity: 1 }] })).status).toBe(201);
    const stocktake = (await owner.post('/api/stocktakes', { billDate: '2026-11-20', lines: [{ productId, countedQuantity: 19 }] })).body;
    expect((await owner.post(`/api/stocktakes/${stocktake.id}/confirm`)).status).toBe(200);
    expect((await owner.get(`/api/inventory?productId=${productId}&stockPointId=${defaultPoint}`)).body.items[0]).toMatchObject({ quantity: '19.000', avgCost: expect.any(String) });
    expect((await owner.get(`/api/products/${productId}/ledger`)).body.total).toBe(5);
    expect((await owner.put(`/api/products/${productId}`, { inboundPrice: '5' })).body).toMatchObject({ inboundPrice: '5.00', stockQuantity: '20.000' });
    expect((await owner.get('/api/dashboard')).body).toHaveProperty('monthGrossMargin');
  });
});
