import { beforeAll, expect, it } from 'vitest';
import { createTestApp, describeOnDatabase, type ApiResponse, type TestApp } from './support/harness.ts';
import { ALL_OFF, setSwitches } from './support/rich-shop.ts';
import { balanceOf, createProduct, postBill } from './support/stock.ts';

/**
 * A refusal for want of stock must not tell a staff member who may not see stock what the stock is. A bill
 * with a line sure to fail (a product with no stock) is refused whatever the other lines ask; if the refusal
 * named the short lines, a staff member could binary-search any product's stock for free, posting nothing.
 */
describeOnDatabase('stock shortages and hidden stock', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });

  /** Product `counted` holds 10 in the default stock point; product `empty` holds nothing. */
  async function shop() {
    const owner = await t.registerShop();
    const staff = await t.addStaff(owner);
    const counted = await createProduct(owner, { inboundPrice: '4', outboundPrice: '9' });
    const empty = await createProduct(owner, { inboundPrice: '3', outboundPrice: '5' });
    expect((await postBill(owner, 'in', [{ productId: counted, quantity: 10 }], { billDate: '2026-11-10' })).status).toBe(201);
    const points = (await owner.get('/api/stock-points')).body.items as Array<{ id: string; isDefault: boolean }>;
    const second = (await owner.post('/api/stock-points', { name: '二号仓' })).body.id as string;
    return { owner, staff, counted, empty, defaultPoint: points.find((p) => p.isDefault)!.id, second };
  }

  const refusal = (response: ApiResponse) => {
    expect(response.status, JSON.stringify(response.body)).toBe(409);
    return response.body;
  };
  /** The refusal for a probe that fits the stock and for one that exceeds it, side by side. */
  async function probe(send: (quantity: number) => Promise<ApiResponse>) {
    return [refusal(await send(10)), refusal(await send(11))];
  }
  const generic = { error: { code: 'INSUFFICIENT_STOCK', message: 'Not enough stock for one or more lines' } };

  it('gives a staff member who may not see stock one refusal, whichever lines are short, on every route they can post through', async () => {
    const { owner, staff, counted, empty, defaultPoint, second } = await shop();
    await setSwitches(owner, { hideInventory: true });
    const lines = (quantity: number) => [
      { productId: counted, quantity },
      { productId: empty, quantity: 1 },
    ];

    const created = await probe((quantity) => postBill(staff, 'out', lines(quantity)));
    const confirmed = await probe(async (quantity) => {
      const draft = await postBill(staff, 'out', lines(quantity), { confirm: false });
      expect(draft.status).toBe(201);
      return staff.post(`/api/bills/${draft.body.id}/confirm`);
    });
    const transferred = await probe((quantity) =>
      staff.post('/api/transfers', { fromStockPointId: defaultPoint, toStockPointId: second, billDate: '2026-11-20', lines: lines(quantity) }),
    );
    for (const body of [...created, ...confirmed, ...transferred]) expect(body).toEqual(generic);

    // Nothing was posted by the probes, and the owner is told the same refusals in full.
    expect((await balanceOf(owner, counted))?.quantity).toBe('10.000');
    const full = refusal(await postBill(owner, 'out', lines(11)));
    expect(full.error.details).toEqual([
      { productId: counted, stockPointId: defaultPoint, requested: '11.000', available: '10.000' },
      { productId: empty, stockPointId: defaultPoint, requested: '1.000', available: '0.000' },
    ]);
    expect(refusal(await postBill(owner, 'out', lines(10))).error.details).toEqual([full.error.details[1]]);
  });

  it('keeps the details for staff who may see stock, whatever else is hidden from them', async () => {
    const { owner, staff, counted, empty, defaultPoint } = await shop();
    await setSwitches(owner, { ...ALL_OFF, hideInboundPrice: true, ownRecordsOnly: true });
    const body = refusal(await postBill(staff, 'out', [{ productId: counted, quantity: 11 }, { productId: empty, quantity: 1 }]));
    expect(body.error.details).toEqual([
      { productId: counted, stockPointId: defaultPoint, requested: '11.000', available: '10.000' },
      { productId: empty, stockPointId: defaultPoint, requested: '1.000', available: '0.000' },
    ]);
  });

  it('answers approval, reversal and stocktake shortages in full to the owner, the only one who can meet them there', async () => {
    const { owner, staff, counted, defaultPoint } = await shop();
    await setSwitches(owner, { hideInventory: true, adminApproval: true });
    const expectFull = (response: ApiResponse, requested: string, available: string) =>
      expect(refusal(response).error.details).toEqual([{ productId: counted, stockPointId: defaultPoint, requested, available }]);

    // Approval: the staff member's sale waits; posting it would take 11 of 10.
    const pending = await postBill(staff, 'out', [{ productId: counted, quantity: 11 }]);
    expect(pending.body.status).toBe('pending');
    expectFull(await owner.post(`/api/bills/${pending.body.id}/approve`), '11.000', '10.000');
    expect((await staff.post(`/api/bills/${pending.body.id}/approve`)).status).toBe(403);

    // Reversal: 4 received, then 12 of the 14 sold; taking the 4 back out finds 2.
    const receipt = await postBill(owner, 'in', [{ productId: counted, quantity: 4 }], { billDate: '2026-11-11' });
    expect((await postBill(owner, 'out', [{ productId: counted, quantity: 12 }], { billDate: '2026-11-12' })).status).toBe(201);
    expectFull(await owner.post(`/api/bills/${receipt.body.id}/reverse`), '4.000', '2.000');

    // Stocktake: 3 more arrive after the sale; a count dated before the sale that finds none of the 5 on
    // hand takes them out before it, and the sale of 12 would find 9.
    expect((await postBill(owner, 'in', [{ productId: counted, quantity: 3 }], { billDate: '2026-11-13' })).status).toBe(201);
    // Staff who may not see stock cannot take stock at all, so they never meet this refusal.
    expect((await staff.post('/api/stocktakes', { billDate: '2026-11-11', lines: [{ productId: counted, countedQuantity: 0 }] })).status).toBe(403);
    const stocktake = await owner.post('/api/stocktakes', { billDate: '2026-11-11', lines: [{ productId: counted, countedQuantity: 0 }] });
    expect(stocktake.status).toBe(201);
    const refused = refusal(await owner.post(`/api/stocktakes/${stocktake.body.id}/confirm`));
    expect(refused.error.details).toEqual([expect.objectContaining({ productId: counted, stockPointId: defaultPoint, available: expect.any(String) })]);
    expect((await balanceOf(owner, counted))?.quantity).toBe('5.000');
  });
});
