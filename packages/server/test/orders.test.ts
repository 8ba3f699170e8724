import { beforeAll, expect, it } from 'vitest';
import { expireOrders } from '../src/use-cases/orders/order-actions.ts';
import { createTestApp, describeOnDatabase, describeOnPostgres, type Client, type Json, type TestApp } from './support/harness.ts';
import { setMemberSwitches } from './support/rich-shop.ts';
import { pngSize, readPdf } from './support/sheets.ts';
import { balanceOf, createProduct, postBill } from './support/stock.ts';
import { customerOf, order, paidOrder, shopWithGoods, type Customer } from './support/storefront.ts';

const verifyIsEmpty = async (owner: Client) => expect((await owner.get('/api/inventory/verify')).body.drift).toEqual([]);

describeOnDatabase('storefront orders', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });

  it('holds stock for an order so that neither another order nor a bill can sell it, takes it with a sale bill when paid, ships, and completes', async () => {
    const { owner, product, goodsId, accountId } = await shopWithGoods(t, 10);
    const alice = await customerOf(t, owner.shopId, '13800000001');
    const bob = await customerOf(t, owner.shopId, '13800000002');
    expect((await alice.call('GET', '/goods')).body.items).toEqual([expect.objectContaining({ id: goodsId, price: '25.00', availableQuantity: '10.000' })]);
    const placed = await order(alice, goodsId, 3);
    expect(placed.status).toBe(201);
    expect(placed.body).toMatchObject({ status: 'pendingPayment', totalAmount: '75.00', lines: [{ goodsId, quantity: '3.000', amount: '75.00' }] });
    expect((await owner.get(`/api/goods/${goodsId}`)).body).toMatchObject({ availableQuantity: '7.000', reservedQuantity: '3.000' });
    // The merchant's own sale cannot take what the order holds.
    const tooMuch = await postBill(owner, 'out', [{ productId: product, quantity: 8 }]);
    expect(tooMuch.status).toBe(409);
    expect(tooMuch.body.error).toMatchObject({ code: 'INSUFFICIENT_STOCK', details: [expect.objectContaining({ productId: product, requested: '8.000', available: '7.000' })] });
    expect((await postBill(owner, 'out', [{ productId: product, quantity: 7 }])).status).toBe(201);
    const late = await order(bob, goodsId, 1);
    expect(late.status).toBe(409);
    expect(late.body.error).toMatchObject({ code: 'INSUFFICIENT_STOCK', message: expect.stringContaining('第 1 行「玫瑰面膜（10 片）」库存不足'), details: [expect.objectContaining({ field: 'lines.0.quantity', available: '0.000' })] });
    expect((await owner.get('/api/notifications')).body.items[0]).toMatchObject({ kind: 'newOrder', title: `新订单：${placed.body.orderNo}` });

    const paid = await owner.post(`/api/orders/${placed.body.id}/mark-paid`, { paymentAccountId: accountId });
    expect(paid.status).toBe(200);
    expect(paid.body.status).toBe('paid');
    const bill = (await owner.get(`/api/bills/${paid.body.billId}`)).body;
    expect(bill).toMatchObject({ billType: '销售出库', status: 'confirmed', totalAmount: '75.00', paidAmount: '75.00', customerId: alice.customerId });
    expect(await balanceOf(owner, product)).toMatchObject({ quantity: '0.000' });
    expect((await owner.get(`/api/goods/${goodsId}`)).body).toMatchObject({ availableQuantity: '0.000', reservedQuantity: '0.000' });
    expect((await owner.post(`/api/orders/${placed.body.id}/mark-paid`, { paymentAccountId: accountId })).status).toBe(409);

    expect((await owner.post(`/api/orders/${placed.body.id}/ship`, { carrier: '顺丰', trackingNo: 'SF1234567890' })).body).toMatchObject({
      status: 'shipped',
      shipments: [{ carrier: '顺丰', trackingNo: 'SF1234567890' }],
    });
    expect((await alice.call('POST', `/orders/${placed.body.id}/confirm-receipt`)).body.status).toBe('completed');
    const tabs = (await alice.call('GET', '/orders?tab=completed')).body;
    expect(tabs).toMatchObject({ total: 1, tabCounts: { completed: 1, pendingPayment: 0 } });
    await verifyIsEmpty(owner);
  });

  it('returns the stock at the cost it left with when a refund with the goods sent back is approved', async () => {
    const { owner, product, alice, placed } = await paidOrder(t, 4, 2, '13800000003');
    await owner.post(`/api/orders/${placed.id}/ship`, { carrier: '中通', trackingNo: 'ZT001' });
    const noTracking = await alice.call('POST', `/orders/${placed.id}/refund`, { kind: 'returnAndRefund', reason: '不想要了' });
    expect(noTracking.status).toBe(400);
    expect(noTracking.body.error.details).toEqual([{ field: 'returnTrackingNo', message: expect.any(String) }]);
    expect((await alice.call('POST', `/orders/${placed.id}/refund`, { kind: 'returnAndRefund', reason: '不想要了', returnTrackingNo: 'YT99' })).body.status).toBe('refunding');
    const refused = await owner.post(`/api/orders/${placed.id}/refund/refuse`, { reason: '已拆封' });
    expect(refused.body).toMatchObject({ status: 'shipped', refund: { refusal: '已拆封' } });
    await alice.call('POST', `/orders/${placed.id}/refund`, { kind: 'returnAndRefund', reason: '质量问题', returnTrackingNo: 'YT100' });
    const refunded = await owner.post(`/api/orders/${placed.id}/refund/approve`);
    expect(refunded.body).toMatchObject({ status: 'refunded', refundBillId: expect.any(String) });
    const reversal = (await owner.get(`/api/bills/${refunded.body.refundBillId}`)).body;
    expect(reversal).toMatchObject({ kind: 'reversal', reversalOfId: placed.billId ?? refunded.body.billId });
    expect(await balanceOf(owner, product)).toMatchObject({ quantity: '4.000', avgCost: '10.0000', totalCost: '40.00' });
    await verifyIsEmpty(owner);
  });

  it('ships an order in parts: it stays 待发货 until the last part, each shipment with its lines, and refuses what is not left', async () => {
    const { owner, product, goodsId, accountId } = await shopWithGoods(t, 10);
    const soap = await owner.post('/api/goods', { title: '手工皂', price: '12', onShelf: true, ownStock: '5' });
    const alice = await customerOf(t, owner.shopId, '13800000011');
    const placed = (
      await alice.call('POST', '/orders', {
        lines: [
          { goodsId, quantity: 3, unitPrice: '25.00' },
          { goodsId: soap.body.id, quantity: '1.5', unitPrice: '12.00' },
        ],
        addressId: alice.addressId,
      })
    ).body;
    const ship = (body: object, key?: string) => owner.post(`/api/orders/${placed.id}/ship`, { carrier: '顺丰', trackingNo: 'SF1', ...body }, key ? { 'idempotency-key': key } : {});
    expect((await ship({})).status).toBe(409);
    await owner.post(`/api/orders/${placed.id}/mark-paid`, { paymentAccountId: accountId });

    const fieldOf = async (body: object) => {
      const refused = await ship(body);
      expect(refused.status, JSON.stringify(refused.body)).toBe(400);
      return refused.body.error.details.map((detail: { field: string }) => detail.field);
    };
    expect(await fieldOf({ lines: [{ lineNo: 1, quantity: 4 }] })).toEqual(['lines.0.quantity']);
    expect(await fieldOf({ lines: [{ lineNo: 1, quantity: 1 }, { lineNo: 2, quantity: '1.501' }] })).toEqual(['lines.1.quantity']);
    expect(await fieldOf({ lines: [{ lineNo: 3, quantity: 1 }] })).toEqual(['lines.0.lineNo']);
    expect(await fieldOf({ lines: [{ lineNo: 1, quantity: 1 }, { lineNo: 1, quantity: 1 }] })).toEqual(['lines.1.lineNo']);
    for (const quantity of [0, -1, '1.2345', 'abc', '']) expect(await fieldOf({ lines: [{ lineNo: 1, quantity }] })).toEqual(['lines.0.quantity']);
    expect(await fieldOf({ lines: [] })).toEqual(['lines']);
    expect((await owner.get(`/api/orders/${placed.id}`)).body).toMatchObject({ status: 'paid', shipping: 'none', shipments: [] });

    const first = await ship({ trackingNo: 'SF100', lines: [{ lineNo: 1, quantity: 2 }, { lineNo: 2, quantity: '1.5' }] }, 'ship-1');
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      status: 'paid',
      shipping: 'partial',
      lines: [
        { lineNo: 1, quantity: '3.000', shippedQuantity: '2.000', remainingQuantity: '1.000' },
        { lineNo: 2, quantity: '1.500', shippedQuantity: '1.500', remainingQuantity: '0.000' },
      ],
      shipments: [{ trackingNo: 'SF100', lines: [{ lineNo: 1, title: '玫瑰面膜（10 片）', quantity: '2.000' }, { lineNo: 2, title: '手工皂', quantity: '1.500' }] }],
    });
    // A retry of the same shipment is the same shipment.
    expect((await ship({ trackingNo: 'SF100', lines: [{ lineNo: 1, quantity: 2 }, { lineNo: 2, quantity: '1.5' }] }, 'ship-1')).body).toEqual(first.body);
    expect(await fieldOf({ lines: [{ lineNo: 2, quantity: '0.001' }] })).toEqual(['lines.0.quantity']);
    expect((await alice.call('POST', `/orders/${placed.id}/confirm-receipt`)).status).toBe(409);
    // Money alone for a partly sent order is refused: the unsent part would stay counted as sold.
    const refundOnly = await alice.call('POST', `/orders/${placed.id}/refund`, { kind: 'refundOnly', reason: '等不及了' });
    expect(refundOnly.status).toBe(400);
    expect(refundOnly.body.error.details).toEqual([{ field: 'kind', message: expect.stringContaining('退货退款') }]);
    expect((await owner.get('/api/orders?tab=toShip')).body).toMatchObject({ total: 1, items: [{ id: placed.id, shipping: 'partial' }] });

    // The rest, by default.
    const second = await ship({ carrier: '中通', trackingNo: 'ZT200' });
    expect(second.body).toMatchObject({ status: 'shipped', shipping: 'full', lines: [{ remainingQuantity: '0.000' }, { remainingQuantity: '0.000' }] });
    expect(second.body.shipments.map((shipment: { trackingNo: string; lines: unknown[] }) => [shipment.trackingNo, shipment.lines])).toEqual([
      ['SF100', [expect.objectContaining({ lineNo: 1, quantity: '2.000' }), expect.objectContaining({ lineNo: 2, quantity: '1.500' })]],
      ['ZT200', [{ lineNo: 1, title: '玫瑰面膜（10 片）', quantity: '1.000' }]],
    ]);
    expect((await ship({})).status).toBe(409);
    const events = await t.db.query<{ action: string; to_status: string }>(
      "SELECT action, to_status FROM order_events WHERE shop_id = $1 AND order_id = $2 AND action LIKE 'ship%' ORDER BY id",
      [owner.shopId, placed.id],
    );
    expect(events).toEqual([{ action: 'shipPart', to_status: 'paid' }, { action: 'ship', to_status: 'shipped' }]);
    const seen = (await alice.call('GET', `/orders/${placed.id}`)).body;
    expect(seen.shipments.map((shipment: { trackingNo: string }) => shipment.trackingNo)).toEqual(['SF100', 'ZT200']);
    expect((await alice.call('POST', `/orders/${placed.id}/confirm-receipt`)).body.status).toBe('completed');
    expect(await balanceOf(owner, product)).toMatchObject({ quantity: '7.000' });
    await verifyIsEmpty(owner);
  });

  it('refunds a partly shipped order whole when the sent part comes back: the sale is reversed and all the stock returns', async () => {
    const { owner, product, alice, placed } = await paidOrder(t, 5, 4, '13800000012');
    await owner.post(`/api/orders/${placed.id}/ship`, { carrier: '顺丰', trackingNo: 'SF9', lines: [{ lineNo: 1, quantity: 1 }] });
    expect(await balanceOf(owner, product)).toMatchObject({ quantity: '1.000' });
    const noTracking = await alice.call('POST', `/orders/${placed.id}/refund`, { kind: 'returnAndRefund', reason: '不要了' });
    expect(noTracking.body.error.details).toEqual([{ field: 'returnTrackingNo', message: expect.any(String) }]);
    expect((await alice.call('POST', `/orders/${placed.id}/refund`, { kind: 'returnAndRefund', reason: '不要了', returnTrackingNo: 'SF9R' })).body.status).toBe('refunding');
    expect((await owner.post(`/api/orders/${placed.id}/ship`, { carrier: '顺丰', trackingNo: 'SF10' })).status).toBe(409);
    const refunded = await owner.post(`/api/orders/${placed.id}/refund/approve`);
    expect(refunded.body).toMatchObject({ status: 'refunded', refundBillId: expect.any(String), shipping: 'partial' });
    expect(await balanceOf(owner, product)).toMatchObject({ quantity: '5.000', avgCost: '10.0000' });
    await verifyIsEmpty(owner);
  });

  it('prints an order\'s packing slip, or one shipment\'s, as a PDF in each size and as an image, for the order desk of its own shop only', async () => {
    const { owner, goodsId, accountId } = await shopWithGoods(t, 10);
    const other = await shopWithGoods(t, 1);
    const alice = await customerOf(t, owner.shopId, '13800000013');
    const placed = (await alice.call('POST', '/orders', { lines: [{ goodsId, quantity: 3, unitPrice: '25.00' }], addressId: alice.addressId, note: '不要发票' })).body;
    await owner.post(`/api/orders/${placed.id}/mark-paid`, { paymentAccountId: accountId });
    const parcel = (await owner.post(`/api/orders/${placed.id}/ship`, { carrier: '顺丰', trackingNo: 'SF777', lines: [{ lineNo: 1, quantity: 2 }] })).body.shipments[0];
    const slip = `/api/orders/${placed.id}/packing-slip`;

    const sizes: Record<string, number> = { a4: 595.28, '80': 226.77, '58': 164.41 };
    for (const layout of ['a4', '80', '58']) {
      const pdf = await owner.get(`${slip}.pdf?layout=${layout}`);
      expect(pdf.status).toBe(200);
      expect(pdf.headers['content-type']).toBe('application/pdf');
      expect(pdf.headers['content-disposition']).toContain(encodeURIComponent(`发货单-${placed.orderNo}`));
      const { text, pages } = await readPdf(pdf.body);
      expect(pages[0]!.width).toBeCloseTo(sizes[layout]!, 1);
      for (const expected of ['微店', '发货单', placed.orderNo, '王小姐', '13800000013', '体育西路', '玫瑰面膜', '合计数量', '备注：不要发票']) expect(text, expected).toContain(expected);
      expect(text).not.toContain('¥');
      // The same slip, the same bytes.
      expect((await owner.get(`${slip}.pdf?layout=${layout}`)).body.equals(pdf.body)).toBe(true);
    }
    const parcelPdf = await readPdf((await owner.get(`${slip}.pdf?layout=80&shipmentId=${parcel.id}`)).body);
    expect(parcelPdf.text).toContain('SF777');
    expect(parcelPdf.text).toContain('本包裹');
    const png = await owner.get(`${slip}.png`);
    expect(png.headers['content-type']).toBe('image/png');
    expect(pngSize(png.body).width).toBe(750);
    expect(pngSize((await owner.get(`${slip}.png?shipmentId=${parcel.id}`)).body).width).toBe(750);

    expect((await owner.get(`${slip}.pdf?layout=a5`)).status).toBe(400);
    const foreignShipment = await owner.get(`${slip}.pdf?shipmentId=999999`);
    expect(foreignShipment.status).toBe(404);
    expect(foreignShipment.body.error.details).toEqual([{ field: 'shipmentId', message: 'not found' }]);
    expect((await t.request('GET', `${slip}.pdf`)).status).toBe(401);
    expect((await alice.call('GET', `/orders/${placed.id}`)).status).toBe(200);
    expect((await t.request('GET', `${slip}.png`, undefined, { authorization: `Bearer ${alice.token}` })).status).toBe(401);
    expect((await other.owner.get(`${slip}.pdf`)).status).toBe(404);
    expect((await other.owner.get(`${slip}.png`)).status).toBe(404);
    const clerk = await t.addStaff(owner);
    expect((await clerk.get(`${slip}.pdf`)).status).toBe(200);
    await setMemberSwitches(owner, clerk.userId, { disableOutbound: true });
    expect((await clerk.get(`${slip}.pdf`)).status).toBe(403);
  });

  it('shows on the stock list, beside what is on hand, what unpaid orders hold and what is available, to whoever may see stock', async () => {
    const { owner, product, goodsId, accountId } = await shopWithGoods(t, 10);
    const alice = await customerOf(t, owner.shopId, '13800000014');
    const held = (await order(alice, goodsId, '3.5')).body;
    const row = async () => (await owner.get(`/api/inventory?productId=${product}`)).body.items[0];
    expect(await row()).toMatchObject({ quantity: '10.000', reservedQuantity: '3.500', availableQuantity: '6.500' });
    const csv = (await owner.get(`/api/exports/inventory?format=csv&productId=${product}`)).body.toString('utf8');
    expect(csv).toContain('订单占用,可用');
    expect(csv).toContain('10.000,3.500,6.500');
    // Paid: the hold becomes the sale, nothing is held any more.
    await owner.post(`/api/orders/${held.id}/mark-paid`, { paymentAccountId: accountId });
    expect(await row()).toMatchObject({ quantity: '6.500', reservedQuantity: '0.000', availableQuantity: '6.500' });
    const clerk = await t.addStaff(owner);
    await order(alice, goodsId, 1);
    expect((await clerk.get(`/api/inventory?productId=${product}`)).body.items[0]).toMatchObject({ reservedQuantity: '1.000', availableQuantity: '5.500' });
    await setMemberSwitches(owner, clerk.userId, { hideInventory: true });
    expect((await clerk.get(`/api/inventory?productId=${product}`)).status).toBe(403);
  });

  it('gives back exactly what an unpaid order held when it is cancelled or expires, and takes a late payment only while stock allows', async () => {
    const { owner, product, goodsId, accountId } = await shopWithGoods(t, 5);
    const alice = await customerOf(t, owner.shopId, '13800000004');
    const first = (await order(alice, goodsId, 2)).body;
    expect((await alice.call('POST', `/orders/${first.id}/cancel`, { reason: '拍错了' })).body).toMatchObject({ status: 'cancelled', cancelReason: '拍错了' });
    expect((await owner.get(`/api/goods/${goodsId}`)).body.reservedQuantity).toBe('0.000');
    const second = (await order(alice, goodsId, 3)).body;
    await t.db.query(`UPDATE orders SET expires_at = now() - interval '1 minute' WHERE shop_id = $1 AND id = $2`, [owner.shopId, second.id]);
    expect(await expireOrders(t.db)).toBeGreaterThanOrEqual(1);
    expect((await alice.call('GET', `/orders/${second.id}`)).body).toMatchObject({ status: 'cancelled', cancelReason: '超时未付款' });
    expect((await owner.get(`/api/goods/${goodsId}`)).body).toMatchObject({ reservedQuantity: '0.000', availableQuantity: '5.000' });
    // Paid after all: there is still stock, so it is held again and sold.
    expect((await owner.post(`/api/orders/${second.id}/mark-paid`, { paymentAccountId: accountId })).body.status).toBe('paid');
    expect(await balanceOf(owner, product)).toMatchObject({ quantity: '2.000' });
    // Another expires, its stock is sold meanwhile: the payment is refused in words.
    const third = (await order(alice, goodsId, 2)).body;
    await t.db.query(`UPDATE orders SET expires_at = now() - interval '1 minute' WHERE shop_id = $1 AND id = $2`, [owner.shopId, third.id]);
    await expireOrders(t.db);
    await postBill(owner, 'out', [{ productId: product, quantity: 1 }]);
    const refused = await owner.post(`/api/orders/${third.id}/mark-paid`, { paymentAccountId: accountId });
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toContain('give the customer their money back');
    await verifyIsEmpty(owner);
  });

  it('refuses orders for goods off the shelf, not offered to the customer, at another price or over the caps, naming the line', async () => {
    const { owner, goodsId } = await shopWithGoods(t, 100);
    const alice = await customerOf(t, owner.shopId, '13800000005');
    const wrongPrice = await order(alice, goodsId, 1, '20.00');
    expect(wrongPrice.status).toBe(400);
    expect(wrongPrice.body.error.details).toEqual([{ field: 'lines.0.unitPrice', message: expect.stringContaining('¥25.00') }]);
    await owner.put(`/api/goods/${goodsId}`, { maxPerOrder: '5' });
    expect((await order(alice, goodsId, 6)).body.error.details).toEqual([{ field: 'lines.0.quantity', message: expect.stringContaining('one order') }]);
    await owner.put('/api/store-settings', { orderExpiryMinutes: 30, customerHoldCap: '8' });
    expect((await order(alice, goodsId, 5)).status).toBe(201);
    expect((await order(alice, goodsId, 4)).body.error.details).toEqual([{ field: 'lines', message: expect.stringContaining('unpaid orders') }]);
    // The shop limits what this customer may buy: only another product's goods.
    const other = await createProduct(owner, { name: '别的' });
    await owner.put(`/api/customers/${alice.customerId}`, { availableProductIds: [other] });
    expect((await alice.call('GET', '/goods')).body.total).toBe(0);
    expect((await order(alice, goodsId, 1)).body.error.details).toEqual([{ field: 'lines.0.goodsId', message: expect.stringContaining('not for sale') }]);
    await owner.put(`/api/customers/${alice.customerId}`, { availableProductIds: [] });
    await owner.put(`/api/goods/${goodsId}`, { onShelf: false });
    expect((await order(alice, goodsId, 1)).status).toBe(400);
  });

  it('makes a retried order with the same Idempotency-Key the same order, holding its stock once', async () => {
    const { owner, goodsId } = await shopWithGoods(t, 10);
    const alice = await customerOf(t, owner.shopId, '13800000006');
    const [a, b] = await Promise.all([order(alice, goodsId, 2, '25.00', 'tap-1'), order(alice, goodsId, 2, '25.00', 'tap-1')]);
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(a.body.id).toBe(b.body.id);
    expect((await owner.get(`/api/goods/${goodsId}`)).body.reservedQuantity).toBe('2.000');
  });

  it('keeps customers and staff in their own doors, and shops apart', async () => {
    const { owner, goodsId } = await shopWithGoods(t, 10);
    const other = await shopWithGoods(t, 10);
    const alice = await customerOf(t, owner.shopId, '13800000007');
    const bob = await customerOf(t, owner.shopId, '13800000008');
    const placed = (await order(alice, goodsId, 1)).body;
    expect((await bob.call('GET', `/orders/${placed.id}`)).status).toBe(404);
    expect((await bob.call('POST', `/orders/${placed.id}/cancel`, { reason: 'x' })).status).toBe(404);
    // A customer's token is no staff session, and a staff token is no customer's.
    expect((await t.request('GET', '/api/orders', undefined, { authorization: `Bearer ${alice.token}` })).status).toBe(401);
    expect((await t.request('GET', `/api/store/${owner.shopId}/orders`, undefined, { authorization: `Bearer ${owner.token}` })).status).toBe(401);
    // Another shop's storefront with this shop's customer token, and this shop's goods from another shop.
    expect((await t.request('GET', `/api/store/${other.owner.shopId}/goods`, undefined, { authorization: `Bearer ${alice.token}` })).status).toBe(401);
    expect((await other.owner.get(`/api/orders/${placed.id}`)).status).toBe(404);
    expect((await other.owner.post(`/api/orders/${placed.id}/mark-paid`, { paymentAccountId: other.accountId })).status).toBe(404);
    expect((await other.owner.get(`/api/goods/${goodsId}`)).status).toBe(404);
    expect((await alice.call('POST', '/register', { phone: '13800000007', password: 'password123', name: '又来' })).status).toBe(409);
    expect((await t.request('POST', `/api/store/${owner.shopId}/login`, { phone: '13800000007', password: 'wrong-password' })).status).toBe(401);
    expect((await t.request('POST', `/api/store/${owner.shopId}/login`, { phone: '13800000007', password: 'password123' })).status).toBe(200);
  });
});

describeOnPostgres('orders racing for the last units', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });

  it('1,000 orders, 64 at a time, from 8 customers, for the last 100 units: exactly 100 held, then sold, and the books verify', async () => {
    const { owner, product, goodsId, accountId } = await shopWithGoods(t, 100);
    const customers: Customer[] = [];
    for (let i = 0; i < 8; i++) customers.push(await customerOf(t, owner.shopId, `1390000000${i}`));
    const results: Json[] = [];
    let next = 0;
    await Promise.all(
      Array.from({ length: 64 }, async () => {
        while (next < 1000) {
          const n = next++;
          results.push(await order(customers[n % 8]!, goodsId, 1));
        }
      }),
    );
    const placed = results.filter((response) => response.status === 201);
    expect(placed).toHaveLength(100);
    expect(results.filter((response) => response.status !== 201).every((response) => response.body.error.code === 'INSUFFICIENT_STOCK')).toBe(true);
    expect((await owner.get(`/api/goods/${goodsId}`)).body).toMatchObject({ reservedQuantity: '100.000', availableQuantity: '0.000' });
    await Promise.all(placed.map((response) => owner.post(`/api/orders/${response.body.id}/mark-paid`, { paymentAccountId: accountId })));
    expect(await balanceOf(owner, product)).toMatchObject({ quantity: '0.000' });
    expect((await owner.get('/api/orders?tab=toShip')).body.total).toBe(100);
    await verifyIsEmpty(owner);
  }, 300_000);
  it('parallel shipments of the last remaining quantity: one is sent, the others refused, nothing sent twice', async () => {
    const { owner, placed } = await paidOrder(t, 10, 3, '13900000099');
    await owner.post(`/api/orders/${placed.id}/ship`, { carrier: '顺丰', trackingNo: 'SF1', lines: [{ lineNo: 1, quantity: 2 }] });
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) => owner.post(`/api/orders/${placed.id}/ship`, { carrier: '顺丰', trackingNo: `SF${i + 2}`, lines: [{ lineNo: 1, quantity: 1 }] })),
    );
    expect(results.filter((response) => response.status === 200)).toHaveLength(1);
    expect(results.filter((response) => response.status !== 200).every((response) => response.status === 409 && response.body.error.code === 'INVALID_STATE')).toBe(true);
    const shipped = (await owner.get(`/api/orders/${placed.id}`)).body;
    expect(shipped).toMatchObject({ status: 'shipped', lines: [{ shippedQuantity: '3.000', remainingQuantity: '0.000' }] });
    expect(shipped.shipments).toHaveLength(2);
  });
});
