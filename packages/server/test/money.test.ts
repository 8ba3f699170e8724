import { shopDay } from '@xiaocang/domain';
import { beforeAll, expect, it } from 'vitest';
import { createTestApp, describeOnDatabase, type Client, type Json, type TestApp } from './support/harness.ts';
import { setSwitches } from './support/rich-shop.ts';
import { createProduct, postBill } from './support/stock.ts';

const ok = <T = Json>(response: { status: number; body: T }, status = 201): T => {
  expect(response.status, JSON.stringify(response.body)).toBe(status);
  return response.body;
};
const fieldOf = (response: { status: number; body: Json }) => [response.status, response.body.error?.code, response.body.error?.details?.[0]?.field];

/** A shop with stock of two products, a customer and a supplier, and its accounts by name. */
async function moneyShop(t: TestApp) {
  const owner = await t.registerShop();
  const a = await createProduct(owner, { inboundPrice: '4', outboundPrice: '10' });
  const b = await createProduct(owner, { inboundPrice: '6', outboundPrice: '15' });
  ok(await postBill(owner, 'in', [{ productId: a, quantity: 100 }, { productId: b, quantity: 100 }], { billDate: '2025-01-01' }));
  const customer = ok(await owner.post('/api/customers', { name: '小王', phone: '13800000000', wechatId: 'wang_wx' })).id as string;
  const supplier = ok(await owner.post('/api/suppliers', { name: '义乌批发' })).id as string;
  const accounts = Object.fromEntries(((await owner.get('/api/payment-accounts')).body.items as Array<{ id: string; name: string }>).map((x) => [x.name, x.id]));
  return { owner, a, b, customer, supplier, accounts: accounts as Record<'微信' | '支付宝' | '现金' | '银行卡', string> };
}

const sale = (owner: Client, customerId: string | null, lines: Array<{ productId: string; quantity: number; unitPrice?: number | string }>, extra: Record<string, unknown> = {}) =>
  postBill(owner, 'out', lines, { customerId, ...extra });

describeOnDatabase('money: price tiers, what is owed, receipts and payments', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });

  const receivable = async (owner: Client, customerId: string) => (await owner.get(`/api/customers/${customerId}`)).body.receivable as string;
  const balances = async (owner: Client) =>
    Object.fromEntries(((await owner.get('/api/payment-accounts')).body.items as Array<{ name: string; balance: string }>).map((x) => [x.name, x.balance]));
  const noDrift = async (owner: Client) => expect((await owner.get('/api/money/verify')).body.drift).toEqual([]);

  it('a new shop has the default price level and the four usual accounts, all at zero', async () => {
    const owner = await t.registerShop();
    expect((await owner.get('/api/price-levels')).body.items).toEqual([expect.objectContaining({ name: '零售价', isDefault: true })]);
    expect((await owner.get('/api/payment-accounts')).body.items.map((x: Json) => [x.name, x.kind, x.balance])).toEqual([
      ['微信', 'wechat', '0.00'],
      ['支付宝', 'alipay', '0.00'],
      ['现金', 'cash', '0.00'],
      ['银行卡', 'bank', '0.00'],
    ]);
  });

  it('a sale to a customer at 代理价 fills each line with the price at that level, or the outbound price where the level sets none', async () => {
    const { owner, a, b, customer } = await moneyShop(t);
    const agent = ok(await owner.post('/api/price-levels', { name: '代理价' }));
    const retail = (await owner.get('/api/price-levels')).body.items.find((x: Json) => x.isDefault);
    expect(ok(await owner.put(`/api/products/${a}`, { prices: [{ priceLevelId: agent.id, price: '7.50' }] }), 200).prices).toEqual([
      { priceLevelId: agent.id, price: '7.50' },
    ]);
    expect(fieldOf(await owner.put(`/api/products/${a}`, { prices: [{ priceLevelId: retail.id, price: '1' }] }))).toEqual([400, 'VALIDATION_FAILED', 'prices.0.priceLevelId']);
    const other = await t.registerShop();
    const foreignLevel = ok(await other.post('/api/price-levels', { name: '批发价' }));
    expect(fieldOf(await owner.put(`/api/products/${a}`, { prices: [{ priceLevelId: foreignLevel.id, price: '1' }] }))).toEqual([404, 'NOT_FOUND', 'prices.0.priceLevelId']);
    expect(fieldOf(await owner.put(`/api/customers/${customer}`, { priceLevelId: foreignLevel.id }))).toEqual([404, 'NOT_FOUND', 'priceLevelId']);

    expect(ok(await owner.get(`/api/customers/${customer}`), 200)).toMatchObject({ priceLevelId: null, priceLevelName: '零售价', wechatId: 'wang_wx', phone: '13800000000' });
    expect(ok(await owner.put(`/api/customers/${customer}`, { priceLevelId: agent.id }), 200)).toMatchObject({ priceLevelId: agent.id, priceLevelName: '代理价' });
    expect(ok(await owner.get(`/api/customers/${customer}/prices?productIds=${a},${b}`), 200)).toEqual({
      customerId: customer,
      priceLevelId: agent.id,
      priceLevelName: '代理价',
      items: [
        { productId: a, price: '7.50', allowed: true },
        { productId: b, price: '15.00', allowed: true },
      ],
    });
    expect(fieldOf(await owner.get(`/api/customers/${customer}/prices?productIds=${a},999999`))).toEqual([404, 'NOT_FOUND', 'productIds']);

    const bill = ok(await sale(owner, customer, [{ productId: a, quantity: 2 }, { productId: b, quantity: 1 }, { productId: a, quantity: 1, unitPrice: 8 }]));
    expect(bill.lines.map((line: Json) => line.unitPrice)).toEqual(['7.5000', '15.0000', '8.0000']);
    expect(bill.totalAmount).toBe('38.00');
    // A sale without a customer stays at the outbound price.
    expect(ok(await sale(owner, null, [{ productId: a, quantity: 1 }])).lines[0].unitPrice).toBe('10.0000');
    // A level in use stays; the default level always stays.
    expect((await owner.delete(`/api/price-levels/${agent.id}`)).status).toBe(409);
    expect((await owner.delete(`/api/price-levels/${retail.id}`)).status).toBe(409);
  });

  it('a customer with available products may be sold only those: the line that is not is named', async () => {
    const { owner, a, b, customer } = await moneyShop(t);
    ok(await owner.put(`/api/customers/${customer}`, { availableProductIds: [a] }), 200);
    const refused = await sale(owner, customer, [{ productId: a, quantity: 1 }, { productId: b, quantity: 1 }]);
    expect(fieldOf(refused)).toEqual([400, 'VALIDATION_FAILED', 'lines.1.productId']);
    expect(refused.body.error.message).toMatch(/not among the products this customer may buy/);
    expect(fieldOf(await sale(owner, customer, [{ productId: b, quantity: 1 }], { confirm: false }))).toEqual([400, 'VALIDATION_FAILED', 'lines.0.productId']);
    expect((await owner.get(`/api/customers/${customer}/prices?productIds=${a},${b}`)).body.items.map((x: Json) => x.allowed)).toEqual([true, false]);
    ok(await sale(owner, customer, [{ productId: a, quantity: 1 }]));
    ok(await sale(owner, null, [{ productId: b, quantity: 1 }]));
  });

  it('a sale paid in part: the account gets what was paid, the customer owes the rest, the bill shows what it leaves owed', async () => {
    const { owner, a, customer, accounts } = await moneyShop(t);
    const bill = ok(await sale(owner, customer, [{ productId: a, quantity: 10 }], { paidAmount: '30', paymentAccountId: accounts.微信 }));
    expect(bill).toMatchObject({ totalAmount: '100.00', paidAmount: '30.00', paymentAccountId: accounts.微信, paymentAccountName: '微信', settledAmount: '0.00', outstandingAmount: '70.00' });
    expect(bill).toEqual((await owner.get(`/api/bills/${bill.id}`)).body);
    expect(await receivable(owner, customer)).toBe('70.00');
    expect(await balances(owner)).toMatchObject({ 微信: '30.00', 现金: '0.00' });
    expect((await owner.get('/api/receivables')).body).toEqual({
      items: [{ partyId: customer, name: '小王', phone: '13800000000', owed: '70.00', openBillCount: 1, oldestOpenBillDate: '2026-11-20' }],
      total: 1,
      page: 1,
      pageSize: 20,
    });
    expect((await owner.get(`/api/customers/${customer}/open-bills`)).body.items).toEqual([
      { billId: bill.id, billNo: bill.billNo, billDate: '2026-11-20', billType: '销售出库', totalAmount: '100.00', paidAmount: '30.00', settledAmount: '0.00', outstandingAmount: '70.00' },
    ]);
    // Paid in full: nothing is owed, and a bill without a customer moves only the account.
    ok(await sale(owner, customer, [{ productId: a, quantity: 1 }], { paidAmount: '10', paymentAccountId: accounts.现金 }));
    ok(await sale(owner, null, [{ productId: a, quantity: 2 }], { paidAmount: '20', paymentAccountId: accounts.现金 }));
    expect(await receivable(owner, customer)).toBe('70.00');
    expect(await balances(owner)).toMatchObject({ 微信: '30.00', 现金: '30.00' });
    expect((await owner.get('/api/money/summary')).body).toEqual({ receivableTotal: '70.00', payableTotal: '0.00', accountsTotal: '60.00' });
    await noDrift(owner);
  });

  it('refuses a payment that cannot be, naming the field, and writes nothing', async () => {
    const { owner, a, customer, accounts } = await moneyShop(t);
    const other = await moneyShop(t);
    const line = [{ productId: a, quantity: 1 }];
    const cases: Array<[Record<string, unknown>, unknown[]]> = [
      [{ paidAmount: '10.01', paymentAccountId: accounts.微信 }, [400, 'VALIDATION_FAILED', 'paidAmount']],
      [{ paidAmount: '-1', paymentAccountId: accounts.微信 }, [400, 'VALIDATION_FAILED', 'paidAmount']],
      [{ paidAmount: '5' }, [400, 'VALIDATION_FAILED', 'paymentAccountId']],
      [{ paidAmount: '5', paymentAccountId: other.accounts.微信 }, [404, 'NOT_FOUND', 'paymentAccountId']],
      [{ paidAmount: '5', paymentAccountId: accounts.微信, customerId: null }, [400, 'VALIDATION_FAILED', 'paidAmount']],
      [{ customerId: other.customer }, [404, 'NOT_FOUND', 'customerId']],
    ];
    for (const [extra, expected] of cases) expect(fieldOf(await sale(owner, customer, line, extra)), JSON.stringify(extra)).toEqual(expected);
    ok(await owner.put(`/api/payment-accounts/${accounts.支付宝}`, { status: 'inactive' }), 200);
    expect(fieldOf(await sale(owner, customer, line, { paidAmount: '5', paymentAccountId: accounts.支付宝 }))).toEqual([400, 'VALIDATION_FAILED', 'paymentAccountId']);
    expect((await owner.get('/api/bills?direction=out')).body.total).toBe(0);
    expect(await receivable(owner, customer)).toBe('0.00');
  });

  it('receipts settle one bill in part, then the oldest bills first; overpayment, other shops and other customers are refused', async () => {
    const { owner, a, customer, accounts } = await moneyShop(t);
    const other = await moneyShop(t);
    const second = ok(await owner.post('/api/customers', { name: '小李' })).id;
    const older = ok(await sale(owner, customer, [{ productId: a, quantity: 5 }], { billDate: '2026-11-01' }));
    const newer = ok(await sale(owner, customer, [{ productId: a, quantity: 3 }], { billDate: '2026-11-10' }));
    const theirs = ok(await sale(owner, second, [{ productId: a, quantity: 1 }]));
    const foreign = ok(await sale(other.owner, other.customer, [{ productId: other.a, quantity: 1 }]));
    const receipt = (body: Record<string, unknown>, headers?: Record<string, string>) =>
      owner.post('/api/receipts', { customerId: customer, accountId: accounts.微信, docDate: '2026-11-21', ...body }, headers);

    const part = ok(await receipt({ amount: '20', allocations: [{ billId: newer.id, amount: '20' }] }));
    expect(part).toMatchObject({ kind: 'receipt', docNo: expect.stringMatching(/^SK\d{12}$/), amount: '20.00', customerName: '小王', accountName: '微信', status: 'posted' });
    expect(part.allocations).toEqual([{ billId: newer.id, billNo: newer.billNo, billDate: '2026-11-10', amount: '20.00' }]);
    expect((await owner.get(`/api/bills/${newer.id}`)).body).toMatchObject({ settledAmount: '20.00', outstandingAmount: '10.00' });
    expect(await receivable(owner, customer)).toBe('60.00');

    const refusals: Array<[Record<string, unknown>, unknown[]]> = [
      [{ amount: '60.01' }, [400, 'VALIDATION_FAILED', 'amount']],
      [{ amount: '10.01', allocations: [{ billId: newer.id, amount: '10.01' }] }, [400, 'VALIDATION_FAILED', 'allocations.0.amount']],
      [{ amount: '5', allocations: [{ billId: theirs.id, amount: '5' }] }, [400, 'VALIDATION_FAILED', 'allocations.0.billId']],
      [{ amount: '5', allocations: [{ billId: foreign.id, amount: '5' }] }, [404, 'NOT_FOUND', 'allocations.0.billId']],
      [{ amount: '5', allocations: [{ billId: older.id, amount: '2' }] }, [400, 'VALIDATION_FAILED', 'amount']],
      [{ amount: '4', allocations: [{ billId: older.id, amount: '2' }, { billId: older.id, amount: '2' }] }, [400, 'VALIDATION_FAILED', 'allocations.1.billId']],
      [{ amount: '-5' }, [400, 'VALIDATION_FAILED', 'amount']],
      [{ amount: '0' }, [400, 'VALIDATION_FAILED', 'amount']],
      [{ amount: '5', accountId: other.accounts.微信 }, [404, 'NOT_FOUND', 'accountId']],
      [{ amount: '5', customerId: other.customer }, [404, 'NOT_FOUND', 'customerId']],
    ];
    for (const [body, expected] of refusals) expect(fieldOf(await receipt(body)), JSON.stringify(body)).toEqual(expected);
    expect(await receivable(owner, customer)).toBe('60.00');

    // Without allocations: the oldest bill first, then the next.
    const fifo = ok(await receipt({ amount: '55' }));
    expect(fifo.allocations.map((x: Json) => [x.billId, x.amount])).toEqual([
      [older.id, '50.00'],
      [newer.id, '5.00'],
    ]);
    expect(await receivable(owner, customer)).toBe('5.00');
    expect(await balances(owner)).toMatchObject({ 微信: '75.00' });
    expect((await owner.get(`/api/customers/${customer}/open-bills`)).body.items.map((x: Json) => [x.billId, x.outstandingAmount])).toEqual([[newer.id, '5.00']]);
    expect((await owner.get(`/api/receipts?customerId=${customer}`)).body.items.map((x: Json) => x.id)).toEqual([fifo.id, part.id]);
    expect((await other.owner.get(`/api/receipts/${part.id}`)).status).toBe(404);
    await noDrift(owner);
  });

  it('a double tap or a retry with the same Idempotency-Key records the receipt once', async () => {
    const { owner, a, customer, accounts } = await moneyShop(t);
    ok(await sale(owner, customer, [{ productId: a, quantity: 10 }]));
    const body = { customerId: customer, accountId: accounts.现金, amount: '40', docDate: '2026-11-21' };
    const key = { 'idempotency-key': 'receipt-1' };
    const first = ok(await owner.post('/api/receipts', body, key));
    const retry = await owner.post('/api/receipts', body, key);
    expect(retry.status).toBe(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.body).toEqual(first);
    expect((await owner.get('/api/receipts')).body.total).toBe(1);
    expect(await receivable(owner, customer)).toBe('60.00');
    expect((await owner.post('/api/receipts', { ...body, amount: '41' }, key)).status).toBe(409);
    const reversed = ok(await owner.post(`/api/receipts/${first.id}/reverse`, {}, { 'idempotency-key': 'reverse-1' }));
    expect((await owner.post(`/api/receipts/${first.id}/reverse`, {}, { 'idempotency-key': 'reverse-1' })).body).toEqual(reversed);
    expect(await receivable(owner, customer)).toBe('100.00');
  });

  it('reversing a receipt puts the money back on the bills; a sale with settled receipts is reversed only after them, and then its money is undone too', async () => {
    const { owner, a, customer, accounts } = await moneyShop(t);
    const bill = ok(await sale(owner, customer, [{ productId: a, quantity: 10 }], { paidAmount: '30', paymentAccountId: accounts.微信 }));
    const receipt = ok(await owner.post('/api/receipts', { customerId: customer, accountId: accounts.现金, amount: '50', docDate: '2026-11-21' }));
    expect(await receivable(owner, customer)).toBe('20.00');

    const refused = await owner.post(`/api/bills/${bill.id}/reverse`);
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toMatch(/settled by receipts: reverse them first/);
    expect((await owner.get(`/api/bills/${bill.id}`)).body.status).toBe('confirmed');

    const counter = ok(await owner.post(`/api/receipts/${receipt.id}/reverse`));
    expect(counter).toMatchObject({ isReversal: true, amount: '-50.00', reversalOfId: receipt.id, remarks: `红冲 ${receipt.docNo}` });
    expect(counter.allocations.map((x: Json) => [x.billId, x.amount])).toEqual([[bill.id, '-50.00']]);
    expect((await owner.get(`/api/receipts/${receipt.id}`)).body).toMatchObject({ status: 'reversed', reversedById: counter.id });
    expect((await owner.post(`/api/receipts/${receipt.id}/reverse`)).status).toBe(409);
    expect((await owner.post(`/api/receipts/${counter.id}/reverse`)).status).toBe(409);
    expect(await receivable(owner, customer)).toBe('70.00');
    expect(await balances(owner)).toMatchObject({ 微信: '30.00', 现金: '0.00' });

    const reversal = ok(await owner.post(`/api/bills/${bill.id}/reverse`));
    expect(reversal).toMatchObject({ kind: 'reversal', totalAmount: '-100.00', paidAmount: '-30.00', outstandingAmount: '0.00' });
    expect((await owner.get(`/api/bills/${bill.id}`)).body).toMatchObject({ status: 'reversed', outstandingAmount: '0.00' });
    expect(await receivable(owner, customer)).toBe('0.00');
    expect(await balances(owner)).toMatchObject({ 微信: '0.00' });
    expect((await owner.get(`/api/customers/${customer}/open-bills`)).body.items).toEqual([]);
    // The reversed bill can no longer be settled.
    expect(fieldOf(await owner.post('/api/receipts', { customerId: customer, accountId: accounts.现金, amount: '1', docDate: '2026-11-21', allocations: [{ billId: bill.id, amount: '1' }] }))).toEqual([
      400,
      'VALIDATION_FAILED',
      'allocations.0.amount',
    ]);
    await noDrift(owner);
  });

  it('purchases leave the shop owing its supplier; payments settle them and take money out of the account', async () => {
    const { owner, a, supplier, accounts } = await moneyShop(t);
    const purchase = ok(await postBill(owner, 'in', [{ productId: a, quantity: 20, unitPrice: 4 }], { supplierId: supplier, paidAmount: '30', paymentAccountId: accounts.银行卡 }));
    expect(purchase).toMatchObject({ totalAmount: '80.00', paidAmount: '30.00', outstandingAmount: '50.00' });
    expect((await owner.get(`/api/suppliers/${supplier}`)).body.payable).toBe('50.00');
    const payment = ok(await owner.post('/api/payments', { supplierId: supplier, accountId: accounts.银行卡, amount: '45', docDate: '2026-11-22' }));
    expect(payment).toMatchObject({ kind: 'payment', docNo: expect.stringMatching(/^FK/), supplierName: '义乌批发', amount: '45.00' });
    expect((await owner.get(`/api/suppliers/${supplier}`)).body.payable).toBe('5.00');
    expect(await balances(owner)).toMatchObject({ 银行卡: '-75.00' });
    expect((await owner.get('/api/payables')).body.items).toEqual([expect.objectContaining({ partyId: supplier, owed: '5.00', openBillCount: 1 })]);
    expect(fieldOf(await owner.post('/api/payments', { supplierId: supplier, accountId: accounts.银行卡, amount: '5.01', docDate: '2026-11-22' }))).toEqual([
      400,
      'VALIDATION_FAILED',
      'amount',
    ]);
    expect((await owner.get('/api/money/summary')).body).toMatchObject({ payableTotal: '5.00', accountsTotal: '-75.00' });
    await noDrift(owner);
  });

  it('a customer or supplier with an open balance, or an account holding money, cannot be deleted or switched off', async () => {
    const { owner, a, customer, supplier, accounts } = await moneyShop(t);
    ok(await sale(owner, customer, [{ productId: a, quantity: 1 }], { paidAmount: '4', paymentAccountId: accounts.现金 }));
    ok(await postBill(owner, 'in', [{ productId: a, quantity: 1 }], { supplierId: supplier }));
    for (const url of [`/api/customers/${customer}`, `/api/suppliers/${supplier}`, `/api/payment-accounts/${accounts.现金}`]) {
      const deleted = await owner.delete(url);
      expect(deleted.status, url).toBe(409);
      expect(deleted.body.error.message).toMatch(/6\.00|4\.00/);
      expect((await owner.put(url, { status: 'inactive' })).status, url).toBe(409);
    }
    ok(await owner.post('/api/receipts', { customerId: customer, accountId: accounts.微信, amount: '6', docDate: '2026-11-21' }));
    ok(await owner.post('/api/payments', { supplierId: supplier, accountId: accounts.微信, amount: '4', docDate: '2026-11-21' }));
    expect(ok(await owner.delete(`/api/customers/${customer}`), 200).status).toBe('inactive');
    expect(ok(await owner.delete(`/api/suppliers/${supplier}`), 200).status).toBe('inactive');
    expect((await owner.delete(`/api/payment-accounts/${accounts.现金}`)).status).toBe(409);
    expect(ok(await owner.delete(`/api/payment-accounts/${accounts.支付宝}`), 200).status).toBe('inactive');
  });

  it('a statement gives the balance before the period, each bill and receipt with the running balance, and the balance after', async () => {
    const { owner, a, customer, accounts } = await moneyShop(t);
    ok(await sale(owner, customer, [{ productId: a, quantity: 4 }], { billDate: '2026-10-15' }));
    ok(await owner.post('/api/receipts', { customerId: customer, accountId: accounts.微信, amount: '15', docDate: '2026-10-20' }));
    const inPeriod = ok(await sale(owner, customer, [{ productId: a, quantity: 6 }], { billDate: '2026-11-03', paidAmount: '10', paymentAccountId: accounts.现金 }));
    const receipt = ok(await owner.post('/api/receipts', { customerId: customer, accountId: accounts.微信, amount: '20', docDate: '2026-11-05' }));
    const counter = ok(await owner.post(`/api/receipts/${receipt.id}/reverse`));
    // After the period: left out. The receipt's reversal is dated today, inside it.
    ok(await sale(owner, customer, [{ productId: a, quantity: 1 }], { billDate: shopDay(new Date(Date.now() + 7 * 86_400_000)) }));
    const today = shopDay(new Date());

    const statement = ok(await owner.get(`/api/customers/${customer}/statement?dateFrom=2026-11-01&dateTo=${today}`), 200);
    expect(statement).toMatchObject({ partyKind: 'customer', partyName: '小王', openingBalance: '25.00', totalBilled: '60.00', totalSettled: '10.00', closingBalance: '75.00' });
    expect(statement.lines.map((line: Json) => [line.number, line.description, line.billed, line.settled, line.runningBalance])).toEqual([
      [inPeriod.billNo, '销售出库', '60.00', '10.00', '75.00'],
      [receipt.docNo, '收款', '0.00', '20.00', '55.00'],
      [counter.docNo, '红冲 收款', '0.00', '-20.00', '75.00'],
    ]);
    expect(fieldOf(await owner.get(`/api/customers/${customer}/statement?dateFrom=2026-11-30&dateTo=2026-11-01`))).toEqual([400, 'VALIDATION_FAILED', 'dateTo']);
    expect((await (await t.registerShop()).get(`/api/customers/${customer}/statement`)).status).toBe(404);
  });

  it('ages what customers owe by the date of each open bill', async () => {
    const { owner, a, customer } = await moneyShop(t);
    const today = shopDay(new Date());
    const daysAgo = (n: number) => new Date(Date.parse(`${today}T00:00:00Z`) - n * 86_400_000).toISOString().slice(0, 10);
    for (const [days, quantity] of [[0, 1], [30, 2], [31, 3], [75, 4], [91, 5]] as const) {
      ok(await sale(owner, customer, [{ productId: a, quantity }], { billDate: daysAgo(days) }));
    }
    const ageing = ok(await owner.get('/api/reports/receivables-ageing'), 200);
    expect(ageing).toEqual({
      asOf: today,
      totals: { total: '150.00', days0to30: '30.00', days31to60: '30.00', days61to90: '40.00', over90: '50.00' },
      items: [{ partyId: customer, name: '小王', total: '150.00', days0to30: '30.00', days31to60: '30.00', days61to90: '40.00', over90: '50.00' }],
    });
  });

  it('sales by customer and by product give amount, cost and profit for the period, reversals netted', async () => {
    const { owner, a, b, customer } = await moneyShop(t);
    ok(await sale(owner, customer, [{ productId: a, quantity: 3 }, { productId: b, quantity: 2 }], { billDate: '2026-11-05' }));
    ok(await sale(owner, null, [{ productId: a, quantity: 1, unitPrice: 12 }], { billDate: '2026-11-06' }));
    const reversed = ok(await sale(owner, customer, [{ productId: b, quantity: 1 }], { billDate: '2026-11-07' }));
    ok(await owner.post(`/api/bills/${reversed.id}/reverse`));
    ok(await sale(owner, customer, [{ productId: a, quantity: 9 }], { billDate: '2026-10-31' }));
    // Up to a later date: the reversal is dated the day it is made.
    const until = shopDay(new Date(Date.now() + 300 * 86_400_000));
    const period = `dateFrom=2026-11-01&dateTo=${until}`;
    expect(ok(await owner.get(`/api/reports/sales-by-customer?${period}`), 200)).toEqual({
      dateFrom: '2026-11-01',
      dateTo: until,
      totals: { billCount: 2, quantity: '6.000', amount: '72.00', costAmount: '28.00', profit: '44.00' },
      items: [
        { customerId: customer, customerName: '小王', billCount: 1, quantity: '5.000', amount: '60.00', costAmount: '24.00', profit: '36.00' },
        { customerId: null, customerName: null, billCount: 1, quantity: '1.000', amount: '12.00', costAmount: '4.00', profit: '8.00' },
      ],
    });
    expect(ok(await owner.get(`/api/reports/sales-by-product?${period}`), 200).items).toEqual([
      { productId: a, productName: expect.any(String), unit: '个', billCount: 2, quantity: '4.000', amount: '42.00', costAmount: '16.00', profit: '26.00' },
      { productId: b, productName: expect.any(String), unit: '个', billCount: 1, quantity: '2.000', amount: '30.00', costAmount: '12.00', profit: '18.00' },
    ]);
    const staff = await t.addStaff(owner);
    expect((await staff.get(`/api/reports/sales-by-customer?${period}`)).status).toBe(403);
  });

  it('a draft keeps its payment until it is confirmed, and a bill waiting for approval moves money only once approved', async () => {
    const { owner, a, customer, accounts } = await moneyShop(t);
    const draft = ok(await sale(owner, customer, [{ productId: a, quantity: 2 }], { confirm: false, paidAmount: '5', paymentAccountId: accounts.微信 }));
    expect(draft).toMatchObject({ status: 'draft', paidAmount: '5.00', outstandingAmount: '15.00' });
    expect(await receivable(owner, customer)).toBe('0.00');
    ok(await owner.post(`/api/bills/${draft.id}/confirm`), 200);
    expect(await receivable(owner, customer)).toBe('15.00');

    const staff = await t.addStaff(owner);
    await setSwitches(owner, { adminApproval: true });
    const pending = ok(await sale(staff, customer, [{ productId: a, quantity: 1 }], { paidAmount: '10', paymentAccountId: accounts.微信 }));
    expect(pending.status).toBe('pending');
    expect(await balances(owner)).toMatchObject({ 微信: '5.00' });
    ok(await owner.post(`/api/bills/${pending.id}/approve`), 200);
    expect(await balances(owner)).toMatchObject({ 微信: '15.00' });
    expect(await receivable(owner, customer)).toBe('15.00');
    await noDrift(owner);
  });

  it('a staff member who may not see inbound prices sees no payables, no payments and no balances; receipts stay theirs to record', async () => {
    const { owner, a, customer, supplier, accounts } = await moneyShop(t);
    const staff = await t.addStaff(owner);
    const purchase = ok(await postBill(owner, 'in', [{ productId: a, quantity: 1, unitPrice: 4 }], { supplierId: supplier, paidAmount: '1', paymentAccountId: accounts.现金 }));
    const payment = ok(await owner.post('/api/payments', { supplierId: supplier, accountId: accounts.现金, amount: '2', docDate: '2026-11-21' }));
    ok(await sale(owner, customer, [{ productId: a, quantity: 1 }]));
    await setSwitches(owner, { hideInboundPrice: true });
    for (const url of ['/api/payables', `/api/suppliers/${supplier}/open-bills`, `/api/suppliers/${supplier}/statement`, '/api/payments', `/api/payments/${payment.id}`, '/api/reports/payables-ageing', '/api/money/verify']) {
      expect((await staff.get(url)).status, url).toBe(403);
    }
    expect((await staff.post('/api/payments', { supplierId: supplier, accountId: accounts.现金, amount: '1', docDate: '2026-11-21' })).status).toBe(403);
    // A purchase they record owes the supplier; paying for it at once is not theirs to do.
    expect((await postBill(staff, 'in', [{ productId: a, quantity: 1 }], { supplierId: supplier, paidAmount: '1', paymentAccountId: accounts.现金 })).status).toBe(403);
    ok(await postBill(staff, 'in', [{ productId: a, quantity: 1 }], { supplierId: supplier }));
    expect((await staff.get(`/api/suppliers/${supplier}`)).body).not.toHaveProperty('payable');
    expect((await staff.get(`/api/bills/${purchase.id}`)).body).not.toHaveProperty('paidAmount');
    expect((await staff.get('/api/payment-accounts')).body.items[0]).not.toHaveProperty('balance');
    expect((await staff.get('/api/money/summary')).body).toEqual({ receivableTotal: '10.00' });
    expect((await staff.get(`/api/customers/${customer}`)).body.receivable).toBe('10.00');
    ok(await staff.post('/api/receipts', { customerId: customer, accountId: accounts.微信, amount: '10', docDate: '2026-11-21' }));
    expect((await staff.post(`/api/receipts/${payment.id}/reverse`)).status).toBe(403);
    await setSwitches(owner, { hideInboundPrice: false, disableOutbound: true });
    expect((await staff.post('/api/receipts', { customerId: customer, accountId: accounts.微信, amount: '1', docDate: '2026-11-21' })).status).toBe(403);
  });

  it('a staff member limited to their own records sees their own open bills and no statements or ageing', async () => {
    const { owner, a, customer, accounts } = await moneyShop(t);
    const staff = await t.addStaff(owner);
    const ownersSale = ok(await sale(owner, customer, [{ productId: a, quantity: 1 }], { billDate: '2026-11-01' }));
    const staffSale = ok(await sale(staff, customer, [{ productId: a, quantity: 2 }], { billDate: '2026-11-02' }));
    await setSwitches(owner, { ownRecordsOnly: true });
    expect((await staff.get(`/api/customers/${customer}/open-bills`)).body.items.map((x: Json) => x.billId)).toEqual([staffSale.id]);
    expect((await owner.get(`/api/customers/${customer}/open-bills`)).body.items.map((x: Json) => x.billId)).toEqual([ownersSale.id, staffSale.id]);
    expect((await staff.get(`/api/customers/${customer}/statement`)).status).toBe(403);
    expect((await staff.get('/api/reports/receivables-ageing')).status).toBe(403);
    // A receipt without bills named still settles the oldest first, whoever sold it.
    const receipt = ok(await owner.post('/api/receipts', { customerId: customer, accountId: accounts.现金, amount: '5', docDate: '2026-11-21' }));
    expect(receipt.allocations.map((x: Json) => x.billId)).toEqual([ownersSale.id]);
    expect((await staff.get(`/api/receipts/${receipt.id}`)).status).toBe(404);
  });

  it('verify recomputes the books and names a balance that drifted from its entries', async () => {
    const { owner, a, customer, accounts } = await moneyShop(t);
    ok(await sale(owner, customer, [{ productId: a, quantity: 2 }], { paidAmount: '5', paymentAccountId: accounts.微信 }));
    const clean = ok(await owner.get('/api/money/verify'), 200);
    expect(clean).toMatchObject({ checkedDues: 1, drift: [] });
    expect(clean.checkedEntries).toBeGreaterThanOrEqual(2);
    await t.db.query('UPDATE customers SET receivable = receivable + 1 WHERE shop_id = $1 AND id = $2', [owner.shopId, customer]);
    await t.db.query('UPDATE payment_accounts SET balance = balance - 1 WHERE shop_id = $1 AND id = $2', [owner.shopId, accounts.微信]);
    const drift = (await owner.get('/api/money/verify')).body.drift;
    expect(drift).toEqual([
      { record: 'customer', id: customer, problem: 'balance differs from its money entries', expected: '15.00', actual: '16.00' },
      { record: 'customer', id: customer, problem: 'balance differs from what its open bills owe', expected: '15.00', actual: '16.00' },
      { record: 'account', id: accounts.微信, problem: 'balance differs from its money entries', expected: '5.00', actual: '4.00' },
    ]);
  });
});
