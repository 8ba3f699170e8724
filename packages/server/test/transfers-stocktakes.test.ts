import { beforeAll, expect, it } from 'vitest';
import { createTestApp, describeOnDatabase, type Client, type Json, type TestApp } from './support/harness.ts';
import { balanceOf, createProduct, postBill } from './support/stock.ts';

describeOnDatabase('transfers and stocktakes', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });

  async function shopWithTwoPoints(): Promise<{ shop: Client; main: string; branch: string; product: string }> {
    const shop = await t.registerShop();
    const main = (await shop.get('/api/stock-points')).body.items[0].id;
    const branch = (await shop.post('/api/stock-points', { name: '二号仓' })).body.id;
    const product = await createProduct(shop);
    return { shop, main, branch, product };
  }

  it('moves stock between stock points at the source average cost, outside the monthly figures', async () => {
    const { shop, main, branch, product } = await shopWithTwoPoints();
    await postBill(shop, 'in', [{ productId: product, quantity: 10, unitPrice: 3 }]);
    await postBill(shop, 'in', [{ productId: product, quantity: 10, unitPrice: 4 }]);
    const transfer = await shop.post('/api/transfers', {
      fromStockPointId: main,
      toStockPointId: branch,
      billDate: '2026-11-20',
      lines: [{ productId: product, quantity: 4 }],
    });
    expect(transfer.status).toBe(201);
    expect(transfer.body.outBill).toMatchObject({ kind: 'transfer', billType: '调拨出库', status: 'confirmed', totalAmount: '14.00' });
    expect(transfer.body.inBill).toMatchObject({ kind: 'transfer', billType: '调拨入库', status: 'confirmed', transferPeerId: transfer.body.outBill.id });
    expect(transfer.body.inBill.lines[0]).toMatchObject({ unitPrice: '3.5000', amount: '14.00', stockAfter: '4.000' });
    expect(await balanceOf(shop, product, main)).toMatchObject({ quantity: '16.000', avgCost: '3.5000', totalCost: '56.00' });
    expect(await balanceOf(shop, product, branch)).toMatchObject({ quantity: '4.000', avgCost: '3.5000', totalCost: '14.00' });
    const month = (await shop.get('/api/stats/monthly?year=2026')).body.months[10];
    expect(month).toMatchObject({ inboundCount: 2, purchaseAmount: '70.00', outboundCount: 0 });

    const tooMuch = await shop.post('/api/transfers', {
      fromStockPointId: branch,
      toStockPointId: main,
      billDate: '2026-11-20',
      lines: [{ productId: product, quantity: 5 }],
    });
    expect(tooMuch.status).toBe(409);
    expect(tooMuch.body.error.details[0]).toMatchObject({ stockPointId: branch, requested: '5.000', available: '4.000' });

    const same = await shop.post('/api/transfers', { fromStockPointId: main, toStockPointId: main, billDate: '2026-11-20', lines: [{ productId: product, quantity: 1 }] });
    expect(same.status).toBe(400);
    expect(same.body.error.details[0].field).toBe('toStockPointId');
  });

  it('reverses a transfer as a whole', async () => {
    const { shop, main, branch, product } = await shopWithTwoPoints();
    await postBill(shop, 'in', [{ productId: product, quantity: 10, unitPrice: 3 }]);
    const transfer = await shop.post('/api/transfers', { fromStockPointId: main, toStockPointId: branch, billDate: '2026-11-20', lines: [{ productId: product, quantity: 4 }] });
    const reversal = await shop.post(`/api/bills/${transfer.body.inBill.id}/reverse`);
    expect(reversal.status).toBe(201);
    expect(await balanceOf(shop, product, main)).toMatchObject({ quantity: '10.000', totalCost: '30.00' });
    expect(await balanceOf(shop, product, branch)).toMatchObject({ quantity: '0.000', totalCost: '0.00' });
    expect((await shop.get(`/api/bills/${transfer.body.outBill.id}`)).body.status).toBe('reversed');
    expect((await shop.get('/api/inventory/verify')).body.drift).toEqual([]);
  });

  it('a backdated receipt at the source recomputes what the transfer carried to the other stock point', async () => {
    const { shop, main, branch, product } = await shopWithTwoPoints();
    await postBill(shop, 'in', [{ productId: product, quantity: 10, unitPrice: 10 }], { billDate: '2026-11-01' });
    await shop.post('/api/transfers', { fromStockPointId: main, toStockPointId: branch, billDate: '2026-11-10', lines: [{ productId: product, quantity: 10 }] });
    const sale = await postBill(shop, 'out', [{ productId: product, quantity: 5, unitPrice: 20 }], { billDate: '2026-11-12', stockPointId: branch });
    expect(sale.body.lines[0].costAmount).toBe('50.00');
    expect((await shop.get('/api/stats/monthly?year=2026')).body.months[10].grossMargin).toBe('50.00');

    // 10 more at 4 on the 5th: main averages 7 when the transfer leaves, so the branch sells at 7.
    const backdated = await postBill(shop, 'in', [{ productId: product, quantity: 10, unitPrice: 4 }], { billDate: '2026-11-05' });
    expect(backdated.status).toBe(201);
    expect((await shop.get(`/api/bills/${sale.body.id}`)).body.lines[0].costAmount).toBe('35.00');
    expect(await balanceOf(shop, product, branch)).toMatchObject({ quantity: '5.000', avgCost: '7.0000', totalCost: '35.00' });
    expect(await balanceOf(shop, product, main)).toMatchObject({ quantity: '10.000', totalCost: '70.00' });
    expect((await shop.get('/api/stats/monthly?year=2026')).body.months[10]).toMatchObject({ salesCost: '35.00', grossMargin: '65.00' });
    expect((await shop.get('/api/inventory/verify')).body.drift).toEqual([]);
  });

  it('a stocktake shows book against counted and posts gains and losses', async () => {
    const { shop, main } = await shopWithTwoPoints();
    const a = await createProduct(shop);
    const b = await createProduct(shop);
    const c = await createProduct(shop);
    await postBill(shop, 'in', [
      { productId: a, quantity: 10, unitPrice: 2 },
      { productId: b, quantity: 10, unitPrice: 5 },
      { productId: c, quantity: 3, unitPrice: 1 },
    ]);
    const sheet = await shop.post('/api/stocktakes', {
      billDate: '2026-11-21',
      lines: [
        { productId: a, countedQuantity: 12 },
        { productId: b, countedQuantity: '7.5' },
        { productId: c, countedQuantity: 3 },
      ],
    });
    expect(sheet.status).toBe(201);
    expect(sheet.body.stockPointId).toBe(main);
    expect(sheet.body.lines.map((l: Json) => [l.bookQuantity, l.countedQuantity, l.difference])).toEqual([
      ['10.000', '12.000', '2.000'],
      ['10.000', '7.500', '-2.500'],
      ['3.000', '3.000', '0.000'],
    ]);
    const confirmed = await shop.post(`/api/stocktakes/${sheet.body.id}/confirm`);
    expect(confirmed.body.status).toBe('confirmed');
    const gain = (await shop.get(`/api/bills/${confirmed.body.gainBillId}`)).body;
    const loss = (await shop.get(`/api/bills/${confirmed.body.lossBillId}`)).body;
    expect(gain).toMatchObject({ billType: '盘盈入库', kind: 'stocktake', status: 'confirmed', totalAmount: '4.00' });
    expect(loss).toMatchObject({ billType: '盘亏出库', kind: 'stocktake', status: 'confirmed', totalAmount: '0.00', totalCost: '12.50' });
    expect(await balanceOf(shop, a)).toMatchObject({ quantity: '12.000', avgCost: '2.0000' });
    expect(await balanceOf(shop, b)).toMatchObject({ quantity: '7.500', totalCost: '37.50' });
    // Gain and loss are stock adjustments at cost: neither a purchase nor a sale.
    expect((await shop.get('/api/stats/monthly?year=2026')).body.months[10]).toMatchObject({
      purchaseAmount: '73.00',
      purchaseCount: 1,
      inboundCount: 2,
      stockGain: '4.00',
      stockLoss: '12.50',
      stockAdjustment: '-8.50',
      grossMargin: '0.00',
    });
    expect((await shop.post(`/api/stocktakes/${sheet.body.id}/confirm`)).status).toBe(409);
  });
});
