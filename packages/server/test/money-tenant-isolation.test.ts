import { beforeAll, expect, it } from 'vitest';
import { createTestApp, describeOnDatabase, type Client, type TestApp } from './support/harness.ts';
import { buildRichShop, expectStatus, type RichShop } from './support/rich-shop.ts';
import { createProduct, postBill } from './support/stock.ts';

interface Probe {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** The route as the OpenAPI document names it, to check that every money route naming a record is probed. */
  route: string;
  url: string;
  body?: unknown;
}

/** Paths of the money books whose routes name a record (an id in the path or the body). */
const MONEY_PATHS = ['/api/receipts', '/api/payments', '/api/payment-accounts/{id}', '/api/price-levels/{id}', '/api/customers/{id}/', '/api/suppliers/{id}/'];

describeOnDatabase('tenant isolation of the money books', () => {
  let t: TestApp;
  let a: RichShop;
  let ownerB: Client;
  let b: { productId: string; customerId: string; supplierId: string; accountId: string; saleId: string };
  let probes: Probe[];

  beforeAll(async () => {
    t = await createTestApp();
    a = await buildRichShop(t, 'A 店');
    ownerB = await t.registerShop('B 店');
    const productId = await createProduct(ownerB, { inboundPrice: '3', outboundPrice: '5' });
    expectStatus(await postBill(ownerB, 'in', [{ productId, quantity: 50 }]), 201, 'B inbound');
    const customerId = expectStatus(await ownerB.post('/api/customers', { name: 'B 客户' }), 201, 'B customer').id;
    b = {
      productId,
      customerId,
      supplierId: expectStatus(await ownerB.post('/api/suppliers', { name: 'B 供应商' }), 201, 'B supplier').id,
      accountId: (await ownerB.get('/api/payment-accounts')).body.items[0].id,
      saleId: expectStatus(await postBill(ownerB, 'out', [{ productId, quantity: 2 }], { customerId }), 201, 'B sale').id,
    };
    probes = buildProbes();
  }, 180_000);

  function buildProbes(): Probe[] {
    const list: Probe[] = [];
    const probe = (method: Probe['method'], route: string, url: string, body?: unknown) => list.push({ method, route, url, ...(body === undefined ? {} : { body }) });
    for (const id of a.accountIds) {
      probe('GET', '/api/payment-accounts/{id}', `/api/payment-accounts/${id}`);
      probe('PUT', '/api/payment-accounts/{id}', `/api/payment-accounts/${id}`, { name: 'B 改名' });
      probe('DELETE', '/api/payment-accounts/{id}', `/api/payment-accounts/${id}`);
    }
    probe('GET', '/api/price-levels/{id}', `/api/price-levels/${a.priceLevelId}`);
    probe('PUT', '/api/price-levels/{id}', `/api/price-levels/${a.priceLevelId}`, { name: 'B 改名' });
    probe('DELETE', '/api/price-levels/{id}', `/api/price-levels/${a.priceLevelId}`);
    for (const side of ['customers', 'suppliers'] as const) {
      const id = side === 'customers' ? a.customerId : a.supplierId;
      probe('GET', `/api/${side}/{id}/open-bills`, `/api/${side}/${id}/open-bills`);
      probe('GET', `/api/${side}/{id}/statement`, `/api/${side}/${id}/statement`);
    }
    probe('GET', '/api/customers/{id}/prices', `/api/customers/${a.customerId}/prices?productIds=${b.productId}`);
    probe('GET', '/api/customers/{id}/prices', `/api/customers/${b.customerId}/prices?productIds=${a.productA.id}`);
    for (const [kind, id] of [['receipts', a.receiptId], ['payments', a.paymentId]] as const) {
      probe('GET', `/api/${kind}/{id}`, `/api/${kind}/${id}`);
      probe('POST', `/api/${kind}/{id}/reverse`, `/api/${kind}/${id}/reverse`, {});
    }
    const receipt = { customerId: b.customerId, accountId: b.accountId, amount: '1', docDate: a.today };
    const payment = { supplierId: b.supplierId, accountId: b.accountId, amount: '1', docDate: a.today };
    probe('POST', '/api/receipts', '/api/receipts', { ...receipt, customerId: a.customerId });
    probe('POST', '/api/receipts', '/api/receipts', { ...receipt, accountId: a.accountIds[0] });
    probe('POST', '/api/receipts', '/api/receipts', { ...receipt, allocations: [{ billId: a.bills.outbound, amount: '1' }] });
    probe('POST', '/api/receipts', '/api/receipts', { ...receipt, allocations: [{ billId: b.saleId, amount: '0.5' }, { billId: a.bills.outbound, amount: '0.5' }] });
    probe('POST', '/api/payments', '/api/payments', { ...payment, supplierId: a.supplierId });
    probe('POST', '/api/payments', '/api/payments', { ...payment, accountId: a.accountIds[0] });
    probe('POST', '/api/payments', '/api/payments', { ...payment, allocations: [{ billId: a.bills.inbound, amount: '1' }] });
    // The money a bill names, and a customer's level and a product's prices, in B's own records.
    const sale = { direction: 'out', billType: '销售出库', billDate: a.today, customerId: b.customerId, lines: [{ productId: b.productId, quantity: 1 }], confirm: true };
    probe('POST', '/api/bills', '/api/bills', { ...sale, paidAmount: '5', paymentAccountId: a.accountIds[0] });
    probe('PUT', '/api/customers/{id}', `/api/customers/${b.customerId}`, { priceLevelId: a.priceLevelId });
    probe('PUT', '/api/products/{id}', `/api/products/${b.productId}`, { prices: [{ priceLevelId: a.priceLevelId, price: '1' }] });
    return list;
  }

  /** Everything an owner can see of its money books. */
  const snapshot = async (owner: Client, ids: { customers: string[]; suppliers: string[] }) => {
    const urls = [
      '/api/receivables',
      '/api/payables',
      '/api/payment-accounts',
      '/api/price-levels',
      '/api/receipts',
      '/api/payments',
      '/api/money/summary',
      '/api/money/verify',
      '/api/bills?pageSize=200',
      ...ids.customers.flatMap((id) => [`/api/customers/${id}`, `/api/customers/${id}/statement?dateFrom=2000-01-01&dateTo=2099-12-31`]),
      ...ids.suppliers.flatMap((id) => [`/api/suppliers/${id}`, `/api/suppliers/${id}/statement?dateFrom=2000-01-01&dateTo=2099-12-31`]),
    ];
    return Promise.all(urls.map(async (url) => [url, (await owner.get(url)).body] as const));
  };

  it('probes every money route that names a record', async () => {
    const doc = (await t.request('GET', '/api/openapi.json')).body as { paths: Record<string, Record<string, unknown>> };
    const probed = new Set(probes.map((probe) => `${probe.method} ${probe.route}`));
    const routes = Object.entries(doc.paths)
      .filter(([path]) => MONEY_PATHS.some((prefix) => path.startsWith(prefix)))
      .flatMap(([path, methods]) => Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`))
      // The lists take no id; their filters are probed below.
      .filter((route) => !['GET /api/receipts', 'GET /api/payments'].includes(route));
    expect(routes.length).toBeGreaterThanOrEqual(17);
    expect(routes.filter((route) => !probed.has(route))).toEqual([]);
  });

  it("answers 404 to every money route shop B calls with shop A's ids, and neither shop's money changes", async () => {
    const ids = { a: { customers: [a.customerId], suppliers: [a.supplierId] }, b: { customers: [b.customerId], suppliers: [b.supplierId] } };
    const beforeA = await snapshot(a.owner, ids.a);
    const beforeB = await snapshot(ownerB, ids.b);
    const answers = [];
    for (const probe of probes) {
      const response = await ownerB.request(probe.method, probe.url, probe.body);
      answers.push(`${probe.method} ${probe.url} ${JSON.stringify(probe.body ?? '')} → ${response.status} ${response.body?.error?.code}`);
    }
    expect(answers.filter((answer) => !answer.endsWith('→ 404 NOT_FOUND'))).toEqual([]);
    expect(await snapshot(a.owner, ids.a)).toEqual(beforeA);
    expect(await snapshot(ownerB, ids.b)).toEqual(beforeB);
  });

  it('the same receipt with B ids succeeds, so the 404s above come from the tenant check', async () => {
    const receipt = await ownerB.post('/api/receipts', { customerId: b.customerId, accountId: b.accountId, amount: '1', docDate: a.today, allocations: [{ billId: b.saleId, amount: '1' }] });
    expect(receipt.status).toBe(201);
    expect((await ownerB.post(`/api/receipts/${receipt.body.id}/reverse`)).status).toBe(201);
  });

  it("never lists or filters by another shop's records", async () => {
    for (const url of [`/api/receipts?customerId=${a.customerId}`, `/api/payments?supplierId=${a.supplierId}`, `/api/receipts?accountId=${a.accountIds[0]}`]) {
      const response = await ownerB.get(url);
      expect([url, response.status, response.body.total]).toEqual([url, 200, 0]);
    }
    expect((await ownerB.get('/api/receivables')).body.items.map((item: { partyId: string }) => item.partyId)).toEqual([b.customerId]);
    expect((await ownerB.get('/api/payables')).body.items).toEqual([]);
    expect((await ownerB.get('/api/reports/receivables-ageing')).body.items.map((item: { partyId: string }) => item.partyId)).toEqual([b.customerId]);
    expect((await ownerB.get('/api/money/summary')).body).toEqual({ receivableTotal: '10.00', payableTotal: '0.00', accountsTotal: '0.00' });
  });
});
