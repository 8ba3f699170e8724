import { shopDay } from '@xiaocang/domain';
import { beforeAll, expect, it } from 'vitest';
import { keptTotals, ledgerTotals, type MonthTotals } from '../src/use-cases/stats/month-totals.ts';
import { createTestApp, describeOnDatabase, type Client, type Json, type TestApp } from './support/harness.ts';
import { expectStatus, setSwitches } from './support/rich-shop.ts';
import { createProduct, postBill } from './support/stock.ts';

/** The figures a shop owner reads on the home screen, the monthly report, the stock screen and the bill list agree. */
describeOnDatabase('the figures of the home screen, the monthly report, the stock screen and the bill list', () => {
  let t: TestApp;
  const today = shopDay(new Date());
  const [year, month] = today.split('-').map(Number) as [number, number];
  const monthOf = async (client: Client, y = year, m = month) => (await client.get(`/api/stats/monthly?year=${y}`)).body.months[m - 1];
  beforeAll(async () => {
    t = await createTestApp();
  });

  /** Stock counted at the default stock point: gains and losses post at once. */
  async function countStock(shop: Client, lines: Array<{ productId: string; countedQuantity: number }>) {
    const sheet = expectStatus(await shop.post('/api/stocktakes', { billDate: today, lines }), 201, 'stocktake');
    return expectStatus(await shop.post(`/api/stocktakes/${sheet.id}/confirm`), 200, 'confirm stocktake');
  }

  it('shows the gross margin from sales and the stock adjustments apart, and never counts a gain as a purchase', async () => {
    const shop = await t.registerShop();
    const cream = await createProduct(shop, { name: '面霜' });
    const mask = await createProduct(shop, { name: '面膜' });
    const serum = await createProduct(shop, { name: '精华' });
    await postBill(shop, 'in', [{ productId: cream, quantity: 10, unitPrice: '43.80' }], { billDate: today });
    await postBill(shop, 'in', [{ productId: mask, quantity: 20, unitPrice: '8.60' }], { billDate: today });
    await postBill(shop, 'in', [{ productId: serum, quantity: 10, unitPrice: '9.40' }], { billDate: today });
    // A sale of 347.50 at cost 219.00; all 20 masks (172.00) missing, 4 serums (37.60) found.
    const sale = expectStatus(await postBill(shop, 'out', [{ productId: cream, quantity: 5, unitPrice: '69.50' }], { billDate: today }), 201, 'sale');
    expect(sale).toMatchObject({ totalAmount: '347.50', totalCost: '219.00' });
    const stocktake = await countStock(shop, [
      { productId: mask, countedQuantity: 0 },
      { productId: serum, countedQuantity: 14 },
    ]);

    // Before, 本月利润 showed −43.50: the loss counted, the gain did not.
    expect((await shop.get('/api/dashboard')).body).toMatchObject({
      scope: 'shop',
      monthSales: '347.50',
      monthGrossMargin: '128.50',
      monthStockAdjustment: '-134.40',
      todayOutboundCount: 2,
      todayInboundCount: 4,
    });
    expect(await monthOf(shop)).toEqual({
      year,
      month,
      salesAmount: '347.50',
      salesCost: '219.00',
      grossMargin: '128.50',
      salesCount: 1,
      // The three purchases, not the gain of 37.60.
      purchaseAmount: '704.00',
      purchaseCount: 3,
      stockGain: '37.60',
      stockLoss: '172.00',
      writeOff: '0.00',
      stockAdjustment: '-134.40',
      internalUse: '0.00',
      inboundCount: 4,
      outboundCount: 2,
    });

    // The bill list values the stocktake's bills at cost: the loss states no price (it showed ¥0.00).
    const listed = new Map(((await shop.get('/api/bills?pageSize=50')).body.items as Json[]).map((bill) => [bill.id, bill]));
    expect(listed.get(stocktake.lossBillId)).toMatchObject({ billType: '盘亏出库', valuation: 'cost', totalAmount: '0.00', totalCost: '172.00' });
    expect(listed.get(stocktake.gainBillId)).toMatchObject({ billType: '盘盈入库', valuation: 'cost', totalCost: '37.60' });
    expect(listed.get(sale.id)).toMatchObject({ valuation: 'price', totalAmount: '347.50' });
  });

  it('counts write-offs as stock adjustments and internal use on its own, at cost, whatever price the bill states', async () => {
    const shop = await t.registerShop();
    const tea = await createProduct(shop, { outboundPrice: '30' });
    await postBill(shop, 'in', [{ productId: tea, quantity: 10, unitPrice: '12.00' }], { billDate: today });
    const writeOff = expectStatus(await postBill(shop, 'out', [{ productId: tea, quantity: 2 }], { billDate: today, billType: '报损出库' }), 201, 'write-off');
    await postBill(shop, 'out', [{ productId: tea, quantity: 1 }], { billDate: today, billType: '领用出库' });
    expect(await monthOf(shop)).toMatchObject({ salesAmount: '0.00', salesCount: 0, writeOff: '24.00', internalUse: '12.00', stockAdjustment: '-24.00', outboundCount: 2 });
    expect((await shop.get(`/api/bills/${writeOff.id}`)).body).toMatchObject({ valuation: 'cost', totalAmount: '60.00', totalCost: '24.00' });
  });

  it('counts a reversed sale and its reversal as nothing, today and in the month of the sale, and marks both', async () => {
    const shop = await t.registerShop();
    const p = await createProduct(shop);
    await postBill(shop, 'in', [{ productId: p, quantity: 20, unitPrice: 10 }], { billDate: today });
    await postBill(shop, 'out', [{ productId: p, quantity: 1, unitPrice: '124.00' }], { billDate: today });
    const sale = expectStatus(await postBill(shop, 'out', [{ productId: p, quantity: 4, unitPrice: '124.00' }], { billDate: today }), 201, 'sale');
    const reversal = expectStatus(await shop.post(`/api/bills/${sale.id}/reverse`), 201, 'reverse');

    // It counted 3 bills, the reversal among them.
    expect((await shop.get('/api/dashboard')).body).toMatchObject({ todayOutboundCount: 1, todayOutboundAmount: '124.00', monthSales: '124.00', monthGrossMargin: '114.00' });
    expect(await monthOf(shop)).toMatchObject({ salesCount: 1, outboundCount: 1, salesAmount: '124.00', salesCost: '10.00' });

    const bills = ((await shop.get('/api/bills?direction=out')).body.items as Json[]).map((bill) => [bill.id, bill.kind, bill.status, bill.reversalOfBillNo, bill.reversedByBillNo]);
    expect(bills).toContainEqual([reversal.id, 'reversal', 'confirmed', sale.billNo, null]);
    expect(bills).toContainEqual([sale.id, 'normal', 'reversed', null, reversal.billNo]);
    expect(reversal).toMatchObject({ reversalOfBillNo: sale.billNo, totalAmount: '-496.00' });
  });

  it('takes a sale reversed in a later month out of the month it was sold in, not out of this one', async () => {
    const shop = await t.registerShop();
    const p = await createProduct(shop);
    const earlier = new Date(Date.UTC(year, month - 3, 15)).toISOString().slice(0, 10);
    const [earlierYear, earlierMonth] = earlier.split('-').map(Number) as [number, number];
    await postBill(shop, 'in', [{ productId: p, quantity: 10, unitPrice: 3 }], { billDate: earlier });
    const sale = expectStatus(await postBill(shop, 'out', [{ productId: p, quantity: 2, unitPrice: 8 }], { billDate: earlier }), 201, 'sale');
    expect(await monthOf(shop, earlierYear, earlierMonth)).toMatchObject({ salesAmount: '16.00', salesCount: 1 });
    const reversal = expectStatus(await shop.post(`/api/bills/${sale.id}/reverse`), 201, 'reverse');
    expect(reversal.billDate).toBe(today);
    expect(await monthOf(shop, earlierYear, earlierMonth)).toMatchObject({ salesAmount: '0.00', salesCost: '0.00', salesCount: 0, outboundCount: 0, purchaseCount: 1 });
    expect(await monthOf(shop)).toMatchObject({ salesAmount: '0.00', salesCount: 0, outboundCount: 0 });
    expect((await shop.get('/api/dashboard')).body).toMatchObject({ todayOutboundCount: 0, todayInboundCount: 0 });
  });

  it('keeps the same totals as the bills and the ledger sum to, through backdating, reversals, transfers and stocktakes', async () => {
    const shop = await t.registerShop();
    const main = (await shop.get('/api/stock-points')).body.items[0].id;
    const branch = (await shop.post('/api/stock-points', { name: '门店' })).body.id;
    const p = await createProduct(shop);
    const q = await createProduct(shop);
    const day = (n: number) => `${year}-${String(month).padStart(2, '0')}-${String(n).padStart(2, '0')}`;
    const lastMonth = (n: number) => new Date(Date.UTC(year, month - 2, n)).toISOString().slice(0, 10);
    await postBill(shop, 'in', [{ productId: p, quantity: 10, unitPrice: 10 }, { productId: q, quantity: 5, unitPrice: '2.5' }], { billDate: lastMonth(10) });
    // Sold last month, reversed today: the pair belongs to last month, also when its cost changes below.
    const oldSale = (await postBill(shop, 'out', [{ productId: p, quantity: 2, unitPrice: 20 }], { billDate: lastMonth(25) })).body;
    expectStatus(await shop.post(`/api/bills/${oldSale.id}/reverse`), 201, 'reverse');
    const sale = (await postBill(shop, 'out', [{ productId: p, quantity: 4, unitPrice: 25 }], { billDate: day(1) })).body;
    await shop.post('/api/transfers', { fromStockPointId: main, toStockPointId: branch, billDate: day(1), lines: [{ productId: q, quantity: 2 }] });
    await postBill(shop, 'out', [{ productId: q, quantity: 1, unitPrice: 9 }], { billDate: day(1), stockPointId: branch });
    // Received before both sales: their costs are recomputed, each in its month (the reversed one with its reversal).
    await postBill(shop, 'in', [{ productId: p, quantity: 10, unitPrice: 4 }], { billDate: lastMonth(15) });
    expect((await shop.get(`/api/bills/${sale.id}`)).body.totalCost).toBe('28.00');
    expect((await shop.get(`/api/bills/${oldSale.id}`)).body.totalCost).toBe('14.00');
    await postBill(shop, 'out', [{ productId: p, quantity: 1, unitPrice: 25 }], { billDate: day(1), billType: '领用出库' });
    await countStock(shop, [{ productId: q, countedQuantity: 1 }]);
    const second = (await postBill(shop, 'out', [{ productId: p, quantity: 3, unitPrice: 30 }], { billDate: day(1) })).body;
    expectStatus(await shop.post(`/api/bills/${second.id}/reverse`), 201, 'reverse');

    const sorted = (totals: MonthTotals[]) =>
      totals
        .filter((total) => total.billCount !== 0 || total.amount !== '0.00' || total.cost !== '0.00')
        .map((total) => `${total.year}-${total.month} ${total.direction} ${total.billType}: ${total.amount} / ${total.cost} / ${total.billCount}`)
        .sort();
    for (const y of new Set([year, Number(lastMonth(1).slice(0, 4))])) {
      expect(sorted(await keptTotals(t.db, shop.shopId, { year: y }))).toEqual(sorted(await ledgerTotals(t.db, shop.shopId, { year: y }, null)));
    }
    expect(await monthOf(shop)).toMatchObject({ salesAmount: '109.00', salesCost: '30.50', internalUse: '7.00', stockLoss: '5.00', salesCount: 2 });
    const [lastYear, lastMonthOfYear] = lastMonth(1).split('-').map(Number) as [number, number];
    expect(await monthOf(shop, lastYear, lastMonthOfYear)).toMatchObject({ salesAmount: '0.00', salesCost: '0.00', salesCount: 0, purchaseAmount: '152.50', purchaseCount: 2 });
  });

  it('flags low stock by one rule on the stock screen and the home screen: the product’s total ≤ its warning stock, none when unset', async () => {
    const shop = await t.registerShop();
    const main = (await shop.get('/api/stock-points')).body.items[0].id;
    const branch = (await shop.post('/api/stock-points', { name: '门店' })).body.id;
    const atWarning = await createProduct(shop, { name: '面膜', warningStock: 10 });
    const unset = await createProduct(shop, { name: '无预警' });
    const splitEnough = await createProduct(shop, { name: '分仓够', warningStock: 10 });
    const splitLow = await createProduct(shop, { name: '分仓低', warningStock: 10 });
    await postBill(shop, 'in', [
      { productId: atWarning, quantity: 10, unitPrice: 1 },
      { productId: unset, quantity: 1, unitPrice: 1 },
      { productId: splitEnough, quantity: 6, unitPrice: 1 },
      { productId: splitLow, quantity: 4, unitPrice: 1 },
    ], { billDate: today });
    await postBill(shop, 'out', [{ productId: unset, quantity: 1, unitPrice: 1 }], { billDate: today });
    await postBill(shop, 'in', [{ productId: splitEnough, quantity: 5, unitPrice: 1 }, { productId: splitLow, quantity: 3, unitPrice: 1 }], { billDate: today, stockPointId: branch });

    const stock = (await shop.get('/api/inventory')).body;
    const flags = (stock.items as Json[]).map((item) => [item.productName, item.stockPointId === main ? 'main' : 'branch', item.quantity, item.productQuantity, item.isLow]).sort();
    expect(flags).toEqual([
      ['分仓低', 'branch', '3.000', '7.000', true],
      ['分仓低', 'main', '4.000', '7.000', true],
      ['分仓够', 'branch', '5.000', '11.000', false],
      ['分仓够', 'main', '6.000', '11.000', false],
      ['无预警', 'main', '0.000', '0.000', false],
      ['面膜', 'main', '10.000', '10.000', true],
    ]);
    // Products, not rows: 面膜 and 分仓低, on both screens.
    expect(stock.totals.lowStockCount).toBe(2);
    expect((await shop.get('/api/dashboard')).body.lowStockCount).toBe(2);
    const lowRows = ((await shop.get('/api/inventory?lowStock=true')).body.items as Json[]).map((item) => `${item.productName} ${item.quantity}`).sort();
    expect(lowRows).toEqual(['分仓低 3.000', '分仓低 4.000', '面膜 10.000']);
    expect((await shop.get('/api/inventory?lowStock=false')).body.total).toBe(3);
    // A product that holds stock cannot be switched off, so no disabled product is ever counted here.
  });

  it('gives a staff member with ownRecordsOnly the figures of their own bills only, never the shop’s', async () => {
    const owner = await t.registerShop();
    const anna = await t.addStaff(owner);
    const ben = await t.addStaff(owner);
    const p = await createProduct(owner);
    await postBill(owner, 'in', [{ productId: p, quantity: 100, unitPrice: 2 }], { billDate: today });
    await postBill(owner, 'out', [{ productId: p, quantity: 10, unitPrice: 7 }], { billDate: today });
    await postBill(anna, 'out', [{ productId: p, quantity: 3, unitPrice: 5 }], { billDate: today });
    await postBill(ben, 'out', [{ productId: p, quantity: 2, unitPrice: 9 }], { billDate: today });
    await postBill(ben, 'in', [{ productId: p, quantity: 1, unitPrice: 3 }], { billDate: today });
    await setSwitches(owner, { ownRecordsOnly: true });

    expect((await owner.get('/api/dashboard')).body).toMatchObject({ scope: 'shop', monthSales: '103.00', todayOutboundCount: 3, todayInboundCount: 2 });
    expect((await anna.get('/api/dashboard')).body).toMatchObject({
      scope: 'own',
      monthSales: '15.00',
      monthGrossMargin: '9.00',
      todayOutboundCount: 1,
      todayOutboundAmount: '15.00',
      todayInboundCount: 0,
    });
    expect((await ben.get('/api/dashboard')).body).toMatchObject({ scope: 'own', monthSales: '18.00', todayOutboundCount: 1, todayInboundCount: 1, todayInboundAmount: '3.00' });

    const annaYear = (await anna.get(`/api/stats/monthly?year=${year}`)).body;
    expect(annaYear.scope).toBe('own');
    expect(annaYear.months[month - 1]).toMatchObject({ salesAmount: '15.00', salesCost: '6.00', salesCount: 1, purchaseAmount: '0.00', purchaseCount: 0, inboundCount: 0, outboundCount: 1 });
    expect(await monthOf(ben)).toMatchObject({ salesAmount: '18.00', salesCount: 1, purchaseAmount: '3.00', purchaseCount: 1 });
    expect(await monthOf(owner)).toMatchObject({ salesAmount: '103.00', salesCount: 3, purchaseAmount: '203.00', purchaseCount: 2 });

    // Without the switch, staff see the shop's figures again.
    await setSwitches(owner, { ownRecordsOnly: false });
    expect((await anna.get('/api/dashboard')).body).toMatchObject({ scope: 'shop', monthSales: '103.00' });
  });

  it('keeps the cost of a bill valued at cost from a staff member who may not see costs', async () => {
    const owner = await t.registerShop();
    const staff = await t.addStaff(owner);
    const p = await createProduct(owner);
    await postBill(owner, 'in', [{ productId: p, quantity: 5, unitPrice: '3.30' }], { billDate: today });
    const { lossBillId } = await countStock(owner, [{ productId: p, countedQuantity: 3 }]);
    await setSwitches(owner, { hideInboundPrice: true });
    const loss = ((await staff.get('/api/bills?direction=out')).body.items as Json[]).find((bill) => bill.id === lossBillId);
    expect(loss).toMatchObject({ valuation: 'cost', totalQuantity: '2.000' });
    expect(loss).not.toHaveProperty('totalCost');
    expect(loss).not.toHaveProperty('totalAmount');
    expect(await monthOf(staff)).not.toHaveProperty('stockLoss');
    expect((await owner.get(`/api/bills/${lossBillId}`)).body.totalCost).toBe('6.60');
  });
});
