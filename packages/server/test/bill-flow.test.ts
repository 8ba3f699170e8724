import { beforeAll, expect, it } from 'vitest';
import { createTestApp, describeOnDatabase, type Client, type TestApp } from './support/harness.ts';
import { expectStatus, setSwitches } from './support/rich-shop.ts';
import { balanceOf, createProduct, postBill } from './support/stock.ts';

/** The way out of every state a staff member's bill can end up in under adminApproval. */
describeOnDatabase('the life of a staff bill', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });

  /** A shop whose staff bills wait for the owner, with 10 of one product at 4.00 and 3 of another at 2.00. */
  async function approvalShop(...extra: Array<'hideInventory' | 'ownRecordsOnly'>) {
    const owner = await t.registerShop();
    const staff = await t.addStaff(owner);
    const tea = await createProduct(owner, { name: '红茶', inboundPrice: '4', outboundPrice: '9' });
    const cup = await createProduct(owner, { name: '茶杯', inboundPrice: '2', outboundPrice: '5' });
    expectStatus(await postBill(owner, 'in', [{ productId: tea, quantity: 10 }, { productId: cup, quantity: 3 }]), 201, 'stock in');
    await setSwitches(owner, { adminApproval: true, ...Object.fromEntries(extra.map((key) => [key, true])) });
    return { owner, staff, tea, cup };
  }
  const quantityOf = async (client: Client, productId: string) => (await balanceOf(client, productId))?.quantity;
  const sale = (productId: string, quantity: number) => ({ billType: '销售出库', billDate: '2026-11-20', lines: [{ productId, quantity }] });

  it('a rejected bill is reopened by its author as a draft, corrected and submitted again, and then approved', async () => {
    const { owner, staff, tea } = await approvalShop();
    const bill = expectStatus(await postBill(staff, 'out', [{ productId: tea, quantity: 8 }]), 201, 'submit');
    expectStatus(await owner.post(`/api/bills/${bill.id}/reject`, { reason: '数量不对，应为 3' }), 200, 'reject');
    // A colleague may not reopen it, nor may anyone reopen a bill that is not rejected.
    const colleague = await t.addStaff(owner);
    expect((await colleague.post(`/api/bills/${bill.id}/reopen`)).status).toBe(403);

    const reopened = await staff.post(`/api/bills/${bill.id}/reopen`);
    expect(reopened.status).toBe(200);
    expect(reopened.body).toMatchObject({ status: 'draft', approvalStatus: null, approvedBy: null, rejectedReason: '数量不对，应为 3', billNo: bill.billNo });
    expect((await staff.post(`/api/bills/${bill.id}/reopen`)).status).toBe(409);
    expect(expectStatus(await staff.put(`/api/bills/${bill.id}`, sale(tea, 3)), 200, 'edit').totalQuantity).toBe('3.000');
    const resubmitted = expectStatus(await staff.post(`/api/bills/${bill.id}/confirm`), 200, 'resubmit');
    expect(resubmitted).toMatchObject({ status: 'pending', approvalStatus: 'pending', rejectedReason: null, stockWarnings: [] });
    expect(await quantityOf(owner, tea)).toBe('10.000');

    expect(expectStatus(await owner.post(`/api/bills/${bill.id}/approve`), 200, 'approve')).toMatchObject({ status: 'confirmed', approvalStatus: 'approved' });
    expect(await quantityOf(owner, tea)).toBe('7.000');
    const trail = await t.db.query<{ action: string }>(`SELECT action FROM audit_log WHERE shop_id = $1 AND entity = 'bill' AND entity_id = $2 ORDER BY id`, [
      owner.shopId,
      bill.id,
    ]);
    expect(trail.map((row) => row.action)).toEqual(['create', 'submit', 'reject', 'reopen', 'update', 'submit', 'approve']);
  });

  it('a pending bill is withdrawn (撤回) by its creator back into a draft, which moves no stock and can be deleted', async () => {
    const { owner, staff, tea } = await approvalShop();
    const bill = expectStatus(await postBill(staff, 'out', [{ productId: tea, quantity: 2 }]), 201, 'submit');
    // Only its creator withdraws it: the owner approves or rejects instead.
    expect((await owner.post(`/api/bills/${bill.id}/withdraw`)).status).toBe(403);

    const withdrawn = await staff.post(`/api/bills/${bill.id}/withdraw`);
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body).toMatchObject({ status: 'draft', approvalStatus: null });
    expect((await staff.post(`/api/bills/${bill.id}/withdraw`)).status).toBe(409);
    expect((await owner.post(`/api/bills/${bill.id}/approve`)).status).toBe(409);
    expect((await owner.get('/api/dashboard')).body.pendingApprovalCount).toBe(0);
    expect(expectStatus(await staff.delete(`/api/bills/${bill.id}`), 200, 'delete')).toEqual({ ok: true });
    expect(await quantityOf(owner, tea)).toBe('10.000');

    // Once approved there is nothing left to withdraw.
    const approved = expectStatus(await postBill(staff, 'out', [{ productId: tea, quantity: 1 }]), 201, 'submit');
    expectStatus(await owner.post(`/api/bills/${approved.id}/approve`), 200, 'approve');
    expect((await staff.post(`/api/bills/${approved.id}/withdraw`)).status).toBe(409);
  });

  it('a staff member who sees only their own bills cannot withdraw or reopen a colleague’s: it is not found', async () => {
    const { owner, staff, tea } = await approvalShop('ownRecordsOnly');
    const colleague = await t.addStaff(owner);
    const pending = expectStatus(await postBill(colleague, 'out', [{ productId: tea, quantity: 1 }]), 201, 'pending');
    const rejected = expectStatus(await postBill(colleague, 'out', [{ productId: tea, quantity: 1 }]), 201, 'to reject');
    expectStatus(await owner.post(`/api/bills/${rejected.id}/reject`, { reason: '不要' }), 200, 'reject');
    for (const [id, action] of [[pending.id, 'withdraw'], [rejected.id, 'reopen']]) {
      const response = await staff.post(`/api/bills/${id}/${action}`);
      expect([response.status, response.body.error.message]).toEqual([404, 'Bill not found']);
    }
    expect((await colleague.post(`/api/bills/${pending.id}/withdraw`)).body.status).toBe('draft');
  });

  it('warns a staff member whose submitted bill asks for more than is in stock, with quantities only if they may see stock', async () => {
    const { owner, staff, tea, cup } = await approvalShop();
    const short = await postBill(staff, 'out', [
      { productId: tea, quantity: 4 },
      { productId: cup, quantity: 5 },
      { productId: tea, quantity: 7 },
    ]);
    expect(short.status).toBe(201);
    expect(short.body.status).toBe('pending');
    expect(short.body.stockWarnings).toEqual([
      { productId: tea, productName: '红茶', stockPointId: short.body.stockPointId, requested: '11.000', available: '10.000' },
      { productId: cup, productName: '茶杯', stockPointId: short.body.stockPointId, requested: '5.000', available: '3.000' },
    ]);
    // A draft confirmed later is warned the same way; a bill within stock is not.
    const draft = expectStatus(await postBill(staff, 'out', [{ productId: cup, quantity: 4 }], { confirm: false }), 201, 'draft');
    expect(expectStatus(await staff.post(`/api/bills/${draft.id}/confirm`), 200, 'confirm').stockWarnings).toEqual([
      { productId: cup, productName: '茶杯', stockPointId: draft.stockPointId, requested: '4.000', available: '3.000' },
    ]);
    expect((await postBill(staff, 'out', [{ productId: tea, quantity: 10 }])).body.stockWarnings).toEqual([]);

    // Without the right to see stock: the product is named, the stock is not.
    await setSwitches(owner, { hideInventory: true });
    const hidden = await postBill(staff, 'out', [{ productId: cup, quantity: 9 }]);
    expect(hidden.body.stockWarnings).toEqual([{ productId: cup, productName: '茶杯', stockPointId: hidden.body.stockPointId, requested: '9.000' }]);
    expect(JSON.stringify(hidden.body)).not.toMatch(/"3\.000"/);

    // Approval fails as warned, naming every short line; the bill keeps waiting.
    const refused = await owner.post(`/api/bills/${short.body.id}/approve`);
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('INSUFFICIENT_STOCK');
    expect(refused.body.error.details).toEqual(
      expect.arrayContaining([
        { productId: tea, stockPointId: short.body.stockPointId, requested: '11.000', available: '10.000' },
        { productId: cup, stockPointId: short.body.stockPointId, requested: '5.000', available: '3.000' },
      ]),
    );
    expect((await owner.get(`/api/bills/${short.body.id}`)).body.status).toBe('pending');

    // A shop that allows negative stock approves anything, so there is nothing to warn about.
    expectStatus(await owner.put('/api/shop', { allowNegativeStock: true }), 200, 'allow negative');
    expect((await postBill(staff, 'out', [{ productId: cup, quantity: 50 }])).body.stockWarnings).toEqual([]);
  });
});

describeOnDatabase('a stocktake follows its bills', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });

  /** A staff member counts 12 of a product the book has 10 of (gain 2) and 1 of one it has 3 of (loss 2). */
  async function countedByStaff() {
    const owner = await t.registerShop();
    const staff = await t.addStaff(owner);
    const gainProduct = await createProduct(owner, { inboundPrice: '4' });
    const lossProduct = await createProduct(owner, { inboundPrice: '2' });
    expectStatus(await postBill(owner, 'in', [{ productId: gainProduct, quantity: 10 }, { productId: lossProduct, quantity: 3 }]), 201, 'stock in');
    await setSwitches(owner, { adminApproval: true });
    const sheet = expectStatus(
      await staff.post('/api/stocktakes', { billDate: '2026-11-21', lines: [{ productId: gainProduct, countedQuantity: 12 }, { productId: lossProduct, countedQuantity: 1 }] }),
      201,
      'count',
    );
    const confirmed = expectStatus(await staff.post(`/api/stocktakes/${sheet.id}/confirm`), 200, 'confirm');
    return { owner, staff, gainProduct, lossProduct, stocktake: confirmed };
  }
  const quantityOf = async (client: Client, productId: string) => (await balanceOf(client, productId))?.quantity;

  it('is pending while its bills wait, and confirmed when the owner approves either of them, which posts both', async () => {
    const { owner, gainProduct, lossProduct, stocktake } = await countedByStaff();
    expect(stocktake).toMatchObject({ status: 'pending', confirmedAt: null });
    expect(stocktake.lines.map((line: { difference: string }) => line.difference)).toEqual(['2.000', '-2.000']);
    expect((await owner.get(`/api/stocktakes/${stocktake.id}`)).body.status).toBe('pending');
    expect((await owner.get(`/api/bills/${stocktake.gainBillId}`)).body.status).toBe('pending');
    expect(await quantityOf(owner, gainProduct)).toBe('10.000');

    expectStatus(await owner.post(`/api/bills/${stocktake.lossBillId}/approve`), 200, 'approve');
    const after = (await owner.get(`/api/stocktakes/${stocktake.id}`)).body;
    expect(after.status).toBe('confirmed');
    expect(after.confirmedAt).not.toBeNull();
    expect((await owner.get(`/api/bills/${stocktake.gainBillId}`)).body.status).toBe('confirmed');
    expect([await quantityOf(owner, gainProduct), await quantityOf(owner, lossProduct)]).toEqual(['12.000', '1.000']);
  });

  it('is rejected with its bills when the owner rejects either of them, and the stock stays as it was', async () => {
    const { owner, gainProduct, lossProduct, stocktake } = await countedByStaff();
    expectStatus(await owner.post(`/api/bills/${stocktake.gainBillId}/reject`, { reason: '重新盘' }), 200, 'reject');
    expect((await owner.get(`/api/stocktakes/${stocktake.id}`)).body).toMatchObject({ status: 'rejected', confirmedAt: null });
    expect((await owner.get(`/api/bills/${stocktake.lossBillId}`)).body).toMatchObject({ status: 'rejected', rejectedReason: '重新盘' });
    expect((await owner.post(`/api/bills/${stocktake.lossBillId}/approve`)).status).toBe(409);
    expect([await quantityOf(owner, gainProduct), await quantityOf(owner, lossProduct)]).toEqual(['10.000', '3.000']);
    expect((await owner.post(`/api/stocktakes/${stocktake.id}/confirm`)).status).toBe(409);
  });

  it('refuses approval once stock has moved since the count, posting nothing, so the owner rejects it and counts again', async () => {
    const { owner, staff, gainProduct, lossProduct, stocktake } = await countedByStaff();
    expectStatus(await postBill(owner, 'out', [{ productId: gainProduct, quantity: 1 }]), 201, 'a sale after the count');

    const refused = await owner.post(`/api/bills/${stocktake.gainBillId}/approve`);
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({
      code: 'STALE_STOCKTAKE',
      details: [{ productId: gainProduct, bookQuantity: '10.000', currentQuantity: '9.000' }],
    });
    expect(refused.body.error.message).toMatch(/count again/);
    expect([await quantityOf(owner, gainProduct), await quantityOf(owner, lossProduct)]).toEqual(['9.000', '3.000']);
    expect((await owner.get(`/api/stocktakes/${stocktake.id}`)).body.status).toBe('pending');

    expectStatus(await owner.post(`/api/bills/${stocktake.gainBillId}/reject`, { reason: '库存已变动，请重新盘点' }), 200, 'reject');
    expect((await staff.get(`/api/stocktakes/${stocktake.id}`)).body.status).toBe('rejected');
  });
});
