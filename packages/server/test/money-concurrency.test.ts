import { beforeAll, expect, it } from 'vitest';
import { createTestApp, describeOnPostgres, type Client, type TestApp } from './support/harness.ts';
import { createProduct, postBill } from './support/stock.ts';

// Real parallel requests on a pool of PostgreSQL connections: receipts racing for the same bills.
describeOnPostgres('concurrent receipts', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });

  async function owingShop(owed: number) {
    const owner = await t.registerShop();
    const product = await createProduct(owner, { inboundPrice: '1', outboundPrice: '1' });
    expect((await postBill(owner, 'in', [{ productId: product, quantity: 1000 }])).status).toBe(201);
    const customer = (await owner.post('/api/customers', { name: '老客户' })).body.id as string;
    const bill = await postBill(owner, 'out', [{ productId: product, quantity: owed }], { customerId: customer });
    expect(bill.status).toBe(201);
    const account = (await owner.get('/api/payment-accounts')).body.items[0].id as string;
    return { owner, customer, bill: bill.body, account };
  }

  const settle = (owner: Client, customerId: string, accountId: string, amount: string, allocations?: unknown) =>
    owner.post('/api/receipts', { customerId, accountId, amount, docDate: '2026-11-21', ...(allocations ? { allocations } : {}) });

  it('two receipts racing for one bill never settle more than it owes: one is recorded, the other refused', async () => {
    const { owner, customer, bill, account } = await owingShop(100);
    const bills = [bill];
    for (let more = 0; more < 4; more++) bills.push((await postBill(owner, 'out', [{ productId: bill.lines[0].productId, quantity: 100 }], { customerId: customer })).body);
    for (const owing of bills) {
      const results = await Promise.all([0, 1].map(() => settle(owner, customer, account, '60', [{ billId: owing.id, amount: '60' }])));
      expect(results.map((r) => r.status).sort()).toEqual([201, 400]);
      expect(results.find((r) => r.status === 400)!.body.error.details[0].field).toBe('allocations.0.amount');
      expect((await owner.get(`/api/bills/${owing.id}`)).body).toMatchObject({ settledAmount: '60.00', outstandingAmount: '40.00' });
    }
    expect((await owner.get(`/api/customers/${customer}`)).body.receivable).toBe('200.00');
    expect((await owner.get('/api/money/verify')).body.drift).toEqual([]);
  });

  it('30 receipts of 10 against 100 owed, oldest bills first: exactly 10 are recorded and the account holds 100', async () => {
    const { owner, customer, bill, account } = await owingShop(40);
    expect((await postBill(owner, 'out', [{ productId: bill.lines[0].productId, quantity: 60 }], { customerId: customer })).status).toBe(201);
    const results = await Promise.all(Array.from({ length: 30 }, () => settle(owner, customer, account, '10')));
    expect(results.filter((r) => r.status === 201)).toHaveLength(10);
    expect(results.filter((r) => r.status === 400)).toHaveLength(20);
    expect((await owner.get(`/api/customers/${customer}`)).body.receivable).toBe('0.00');
    expect((await owner.get(`/api/payment-accounts/${account}`)).body.balance).toBe('100.00');
    const numbers = results.filter((r) => r.status === 201).map((r) => Number(r.body.docNo.slice(-4)));
    expect(numbers.sort((a, b) => a - b)).toEqual(Array.from({ length: 10 }, (_, i) => i + 1));
    expect((await owner.get('/api/money/verify')).body.drift).toEqual([]);
  });

  it('a receipt and the reversal of the sale it settles, racing: never both', async () => {
    for (let round = 0; round < 5; round++) {
      const { owner, customer, bill, account } = await owingShop(50);
      const [receipt, reversal] = await Promise.all([settle(owner, customer, account, '50', [{ billId: bill.id, amount: '50' }]), owner.post(`/api/bills/${bill.id}/reverse`)]);
      expect([receipt.status, reversal.status].sort()).toEqual(receipt.status === 201 ? [201, 409] : [201, 400]);
      expect((await owner.get(`/api/customers/${customer}`)).body.receivable).toBe('0.00');
      expect((await owner.get('/api/money/verify')).body.drift).toEqual([]);
    }
  });

  it('the same Idempotency-Key sent 10 times at once records the receipt once', async () => {
    const { owner, customer, account } = await owingShop(100);
    const body = { customerId: customer, accountId: account, amount: '30', docDate: '2026-11-21' };
    const results = await Promise.all(Array.from({ length: 10 }, () => owner.post('/api/receipts', body, { 'idempotency-key': 'tap-tap' })));
    expect(results.map((r) => r.status)).toEqual(Array(10).fill(201));
    expect(new Set(results.map((r) => r.body.id)).size).toBe(1);
    expect((await owner.get(`/api/customers/${customer}`)).body.receivable).toBe('70.00');
  });
});
