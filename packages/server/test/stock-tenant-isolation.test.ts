import { beforeAll, expect, it } from 'vitest';
import { createTestApp, describeOnDatabase, type Client, type TestApp } from './support/harness.ts';
import { buildRichShop, expectStatus, type RichShop } from './support/rich-shop.ts';
import { createProduct, postBill } from './support/stock.ts';

/** Shop B's own records, so that each probe is valid but for the one id of shop A it carries. */
interface Own {
  productId: string;
  supplierId: string;
  customerId: string;
  defaultStockPointId: string;
  secondStockPointId: string;
  draftId: string;
}

interface Probe {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** The route as the OpenAPI document names it, to check that every stock route is probed. */
  route: string;
  url: string;
  body?: unknown;
}

/** Paths whose every route takes part in the stock books. */
const STOCK_PATHS = ['/api/bills', '/api/transfers', '/api/stocktakes', '/api/inventory', '/api/products/{id}/ledger'];

describeOnDatabase('tenant isolation of bills, transfers, stocktakes and stock', () => {
  let t: TestApp;
  let a: RichShop;
  let ownerB: Client;
  let b: Own;
  let probes: Probe[];

  beforeAll(async () => {
    t = await createTestApp();
    a = await buildRichShop(t, 'A 店');
    ownerB = await t.registerShop('B 店');
    const productId = await createProduct(ownerB, { inboundPrice: '3', outboundPrice: '5' });
    expectStatus(await postBill(ownerB, 'in', [{ productId, quantity: 50 }]), 201, 'B inbound');
    const points = (await ownerB.get('/api/stock-points')).body.items as Array<{ id: string; isDefault: boolean }>;
    b = {
      productId,
      supplierId: (await ownerB.post('/api/suppliers', { name: 'B 供应商' })).body.id,
      customerId: (await ownerB.post('/api/customers', { name: 'B 客户' })).body.id,
      defaultStockPointId: points.find((p) => p.isDefault)!.id,
      secondStockPointId: (await ownerB.post('/api/stock-points', { name: 'B 二号仓' })).body.id,
      draftId: expectStatus(await postBill(ownerB, 'out', [{ productId, quantity: 1 }], { confirm: false }), 201, 'B draft').id,
    };
    probes = buildProbes();
  });

  function buildProbes(): Probe[] {
    const bill = (direction: 'in' | 'out', extra: Record<string, unknown> = {}) => ({
      direction,
      billType: direction === 'in' ? '采购入库' : '销售出库',
      billDate: a.today,
      lines: [{ productId: b.productId, quantity: 1 }],
      confirm: true,
      ...extra,
    });
    const { direction: _, confirm: __, ...update } = bill('out');
    const transfer = (from: string, to: string, productId = b.productId) => ({
      fromStockPointId: from,
      toStockPointId: to,
      billDate: a.today,
      lines: [{ productId, quantity: 1 }],
    });
    const list: Probe[] = [];
    for (const id of Object.values(a.bills)) {
      list.push(
        { method: 'GET', route: '/api/bills/{id}', url: `/api/bills/${id}` },
        { method: 'PUT', route: '/api/bills/{id}', url: `/api/bills/${id}`, body: update },
        { method: 'DELETE', route: '/api/bills/{id}', url: `/api/bills/${id}` },
        ...(['confirm', 'approve', 'reverse', 'withdraw', 'reopen'] as const).map((action) => ({
          method: 'POST' as const,
          route: `/api/bills/{id}/${action}`,
          url: `/api/bills/${id}/${action}`,
          body: {},
        })),
        { method: 'POST', route: '/api/bills/{id}/reject', url: `/api/bills/${id}/reject`, body: { reason: 'B 驳回' } },
        // Sharing and printing another shop's bill.
        { method: 'POST', route: '/api/bills/{id}/share', url: `/api/bills/${id}/share`, body: {} },
        { method: 'DELETE', route: '/api/bills/{id}/share', url: `/api/bills/${id}/share` },
        { method: 'GET', route: '/api/bills/{id}/share.png', url: `/api/bills/${id}/share.png` },
        { method: 'GET', route: '/api/bills/{id}/print.pdf', url: `/api/bills/${id}/print.pdf?layout=58` },
      );
    }
    for (const id of Object.values(a.stocktakes)) {
      list.push(
        { method: 'GET', route: '/api/stocktakes/{id}', url: `/api/stocktakes/${id}` },
        { method: 'POST', route: '/api/stocktakes/{id}/confirm', url: `/api/stocktakes/${id}/confirm`, body: {} },
      );
    }
    for (const productId of [a.productA.id, a.productB.id]) {
      list.push({ method: 'GET', route: '/api/products/{id}/ledger', url: `/api/products/${productId}/ledger` });
    }
    const post = (route: string, body: unknown): Probe => ({ method: 'POST', route, url: route, body });
    list.push(
      post('/api/bills', bill('in', { lines: [{ productId: a.productA.id, quantity: 1, unitPrice: 1 }] })),
      post('/api/bills', bill('out', { lines: [{ productId: b.productId, quantity: 1 }, { productId: a.productB.id, quantity: 1 }] })),
      post('/api/bills', bill('in', { stockPointId: a.secondStockPointId })),
      post('/api/bills', bill('out', { stockPointId: a.defaultStockPointId })),
      post('/api/bills', bill('in', { supplierId: a.supplierId })),
      post('/api/bills', bill('out', { customerId: a.customerId })),
      post('/api/bills', bill('out', { confirm: false, customerId: a.customerId })),
      { method: 'PUT', route: '/api/bills/{id}', url: `/api/bills/${b.draftId}`, body: { ...update, lines: [{ productId: a.productA.id, quantity: 1 }] } },
      { method: 'PUT', route: '/api/bills/{id}', url: `/api/bills/${b.draftId}`, body: { ...update, stockPointId: a.defaultStockPointId } },
      { method: 'PUT', route: '/api/bills/{id}', url: `/api/bills/${b.draftId}`, body: { ...update, customerId: a.customerId } },
      post('/api/transfers', transfer(a.defaultStockPointId, b.defaultStockPointId)),
      post('/api/transfers', transfer(b.defaultStockPointId, a.secondStockPointId)),
      post('/api/transfers', transfer(a.defaultStockPointId, a.secondStockPointId, a.productA.id)),
      post('/api/transfers', transfer(b.defaultStockPointId, b.secondStockPointId, a.productA.id)),
      post('/api/stocktakes', { stockPointId: a.defaultStockPointId, billDate: a.today, lines: [{ productId: b.productId, countedQuantity: 1 }] }),
      post('/api/stocktakes', { billDate: a.today, lines: [{ productId: a.productA.id, countedQuantity: 1 }] }),
    );
    return list;
  }

  /** Everything shop A's owner can see of its books. */
  const snapshot = async (owner: Client, shop: { bills: string[]; stocktakes: string[]; products: string[] }) => {
    const urls = [
      '/api/bills?pageSize=200',
      ...shop.bills.map((id) => `/api/bills/${id}`),
      ...shop.stocktakes.map((id) => `/api/stocktakes/${id}`),
      ...shop.products.map((id) => `/api/products/${id}/ledger?pageSize=200`),
      '/api/inventory?pageSize=200',
      '/api/inventory/verify',
      `/api/stats/monthly?year=${a.today.slice(0, 4)}`,
      '/api/dashboard',
      '/api/products?pageSize=200',
    ];
    return Promise.all(urls.map(async (url) => [url, (await owner.get(url)).body] as const));
  };
  const shopA = () => ({ bills: Object.values(a.bills), stocktakes: Object.values(a.stocktakes), products: [a.productA.id, a.productB.id] });
  const shopB = () => ({ bills: [b.draftId], stocktakes: [], products: [b.productId] });

  it('probes every route of the stock books that names a record', async () => {
    const doc = (await t.request('GET', '/api/openapi.json')).body as { paths: Record<string, Record<string, unknown>> };
    const probed = new Set(probes.map((probe) => `${probe.method} ${probe.route}`));
    const routes = Object.entries(doc.paths)
      .filter(([path]) => STOCK_PATHS.some((prefix) => path.startsWith(prefix)))
      .flatMap(([path, methods]) => Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`))
      // The lists take no id in the path; their filters are probed below.
      .filter((route) => !['GET /api/bills', 'GET /api/inventory', 'GET /api/inventory/verify'].includes(route));
    expect(routes.length).toBeGreaterThanOrEqual(13);
    expect(routes.filter((route) => !probed.has(route))).toEqual([]);
  });

  it("answers 404 to every stock route shop B calls with shop A's ids, and neither shop's books change", async () => {
    const beforeA = await snapshot(a.owner, shopA());
    const beforeB = await snapshot(ownerB, shopB());
    expect(beforeA[0]![1].total).toBe(Object.values(a.bills).length + a.historyBillIds.length);
    expect(probes.length).toBeGreaterThan(120);
    const answers = [];
    for (const probe of probes) {
      const response = await ownerB.request(probe.method, probe.url, probe.body);
      answers.push(`${probe.method} ${probe.url} ${JSON.stringify(probe.body ?? '')} → ${response.status} ${response.body?.error?.code}`);
    }
    expect(answers.filter((answer) => !answer.endsWith('→ 404 NOT_FOUND'))).toEqual([]);
    expect(await snapshot(a.owner, shopA())).toEqual(beforeA);
    expect(await snapshot(ownerB, shopB())).toEqual(beforeB);
  });

  it('the same requests with shop B ids succeed, so the 404s above come from the tenant check', async () => {
    const own = await ownerB.post('/api/transfers', {
      fromStockPointId: b.defaultStockPointId,
      toStockPointId: b.secondStockPointId,
      billDate: a.today,
      lines: [{ productId: b.productId, quantity: 1 }],
    });
    expect(own.status).toBe(201);
    expect((await ownerB.post(`/api/bills/${own.body.outBill.id}/reverse`)).status).toBe(201);
    expect((await ownerB.get(`/api/products/${b.productId}/ledger`)).body.total).toBe(5);
  });

  it("never lists or filters by another shop's records", async () => {
    const empty = async (url: string) => {
      const response = await ownerB.get(url);
      expect(response.status, url).toBe(200);
      expect([url, response.body.total, response.body.items]).toEqual([url, 0, []]);
    };
    for (const filter of [
      `productId=${a.productA.id}`,
      `supplierId=${a.supplierId}`,
      `customerId=${a.customerId}`,
      `stockPointId=${a.defaultStockPointId}`,
      `createdBy=${a.owner.userId}`,
    ]) {
      await empty(`/api/bills?${filter}`);
    }
    for (const filter of [`productId=${a.productA.id}`, `stockPointId=${a.defaultStockPointId}`, `categoryId=${a.categoryId}`]) {
      await empty(`/api/inventory?${filter}`);
    }
    await empty(`/api/products/${b.productId}/ledger?stockPointId=${a.defaultStockPointId}`);
    // Shop A's books are not in B's totals either.
    const inventory = (await ownerB.get('/api/inventory')).body;
    expect(new Set(inventory.items.map((item: { productId: string }) => item.productId))).toEqual(new Set([b.productId]));
    expect((await ownerB.get('/api/inventory/verify')).body.checkedBalances).toBe(inventory.total);
    // B's one counted bill is its receipt (transfers stay out of the monthly figures); A posted many.
    const year = (await ownerB.get(`/api/stats/monthly?year=${a.today.slice(0, 4)}`)).body.months as Array<{ inboundCount: number; outboundCount: number }>;
    expect([year.reduce((n, m) => n + m.inboundCount, 0), year.reduce((n, m) => n + m.outboundCount, 0)]).toEqual([1, 0]);
  });
});
