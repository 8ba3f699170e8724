import { beforeAll, expect, it } from 'vitest';
import { createTestApp, describeOnDatabase, type Client, type TestApp } from './support/harness.ts';

/** Shop A's records, which shop B tries to reach. */
interface Victim {
  ownerId: string;
  staffId: string;
  categoryId: string;
  supplierId: string;
  customerId: string;
  productId: string;
  productCode: string;
  stockPointId: string;
  defaultStockPointId: string;
}

/** Shop B's own records, used to smuggle A's ids in through a body. */
interface Attacker {
  productId: string;
  customerId: string;
}

interface Probe {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** The route as the OpenAPI document names it, to check that every route is probed. */
  route: string;
  url(a: Victim, b: Attacker): string;
  body?(a: Victim, b: Attacker): unknown;
}

/** The records of one kind of master data, reached through their id in the path. */
const recordProbes = (path: string, id: (a: Victim) => string, update: unknown): Probe[] => [
  { method: 'GET', route: `${path}/{id}`, url: (a) => `${path}/${id(a)}` },
  { method: 'PUT', route: `${path}/{id}`, url: (a) => `${path}/${id(a)}`, body: () => update },
  { method: 'DELETE', route: `${path}/{id}`, url: (a) => `${path}/${id(a)}` },
];

// Add a line here for every new route that takes an id, in its path or in its body.
const PROBES: Probe[] = [
  ...recordProbes('/api/categories', (a) => a.categoryId, { name: 'B 改的分类' }),
  ...recordProbes('/api/products', (a) => a.productId, { name: 'B 改的商品', inboundPrice: '0.01' }),
  ...recordProbes('/api/suppliers', (a) => a.supplierId, { name: 'B 改的供应商' }),
  ...recordProbes('/api/customers', (a) => a.customerId, { name: 'B 改的客户', availableProductIds: [] }),
  ...recordProbes('/api/stock-points', (a) => a.stockPointId, { name: 'B 改的仓库', status: 'inactive' }),
  ...recordProbes('/api/stock-points', (a) => a.defaultStockPointId, { isDefault: false }),
  { method: 'GET', route: '/api/products/{id}/ledger', url: (a) => `/api/products/${a.productId}/ledger` },
  { method: 'GET', route: '/api/products/by-code/{code}', url: (a) => `/api/products/by-code/${a.productCode}` },
  { method: 'GET', route: '/api/staff/{id}', url: (a) => `/api/staff/${a.staffId}` },
  { method: 'GET', route: '/api/staff/{id}', url: (a) => `/api/staff/${a.ownerId}` },
  { method: 'PUT', route: '/api/staff/{id}', url: (a) => `/api/staff/${a.staffId}`, body: () => ({ realName: 'B 改的名字', status: 'inactive' }) },
  { method: 'POST', route: '/api/staff/{id}/deactivate', url: (a) => `/api/staff/${a.staffId}/deactivate`, body: () => ({}) },
  { method: 'POST', route: '/api/staff/{id}/reset-password', url: (a) => `/api/staff/${a.staffId}/reset-password`, body: () => ({ password: 'hijacked-pass' }) },
  { method: 'POST', route: '/api/products', url: () => '/api/products', body: (a) => ({ name: '偷分类', unit: '个', categoryId: a.categoryId }) },
  { method: 'POST', route: '/api/products', url: () => '/api/products', body: (a) => ({ name: '偷供应商', unit: '个', supplierId: a.supplierId }) },
  { method: 'PUT', route: '/api/products/{id}', url: (_, b) => `/api/products/${b.productId}`, body: (a) => ({ categoryId: a.categoryId }) },
  { method: 'PUT', route: '/api/products/{id}', url: (_, b) => `/api/products/${b.productId}`, body: (a) => ({ supplierId: a.supplierId }) },
  { method: 'POST', route: '/api/customers', url: () => '/api/customers', body: (a) => ({ name: '偷商品', availableProductIds: [a.productId] }) },
  {
    method: 'PUT',
    route: '/api/customers/{id}',
    url: (_, b) => `/api/customers/${b.customerId}`,
    body: (a, b) => ({ availableProductIds: [b.productId, a.productId] }),
  },
  // What a customer or supplier owes; the money routes are probed in full in money-tenant-isolation.test.ts.
  { method: 'GET', route: '/api/customers/{id}/open-bills', url: (a) => `/api/customers/${a.customerId}/open-bills` },
  { method: 'GET', route: '/api/customers/{id}/statement', url: (a) => `/api/customers/${a.customerId}/statement` },
  { method: 'GET', route: '/api/customers/{id}/prices', url: (a, b) => `/api/customers/${a.customerId}/prices?productIds=${b.productId}` },
  { method: 'GET', route: '/api/customers/{id}/prices', url: (a, b) => `/api/customers/${b.customerId}/prices?productIds=${a.productId}` },
  { method: 'GET', route: '/api/suppliers/{id}/open-bills', url: (a) => `/api/suppliers/${a.supplierId}/open-bills` },
  { method: 'GET', route: '/api/suppliers/{id}/statement', url: (a) => `/api/suppliers/${a.supplierId}/statement` },
];

/** Routes of these paths that name a record must all be probed. */
const FOUNDATION_PATHS = ['/api/staff', '/api/categories', '/api/products', '/api/suppliers', '/api/customers', '/api/stock-points'];

describeOnDatabase('tenant isolation', () => {
  let t: TestApp;
  let a: Victim;
  let ownerA: Client;
  let staffA: Client;
  beforeAll(async () => {
    t = await createTestApp();
    ownerA = await t.registerShop('A 店');
    staffA = await t.addStaff(ownerA);
    const category = (await ownerA.post('/api/categories', { name: '饮料' })).body;
    const supplier = (await ownerA.post('/api/suppliers', { name: '批发商', code: 'SUP-A' })).body;
    const product = (await ownerA.post('/api/products', { name: '可乐', code: 'COLA-A', unit: '瓶', categoryId: category.id, supplierId: supplier.id, inboundPrice: '2' })).body;
    const customer = (await ownerA.post('/api/customers', { name: '小卖部', availableProductIds: [product.id] })).body;
    const point = (await ownerA.post('/api/stock-points', { name: '二号仓' })).body;
    const defaultPoint = (await ownerA.get('/api/stock-points?pageSize=200')).body.items.find((p: { isDefault: boolean }) => p.isDefault);
    a = {
      ownerId: ownerA.userId,
      staffId: staffA.userId,
      categoryId: category.id,
      supplierId: supplier.id,
      customerId: customer.id,
      productId: product.id,
      productCode: product.code,
      stockPointId: point.id,
      defaultStockPointId: defaultPoint.id,
    };
  });

  /** Everything shop A can see about itself. */
  const snapshot = async () => {
    const urls = [
      '/api/shop',
      '/api/config',
      '/api/staff',
      `/api/staff/${a.staffId}`,
      ...['categories', 'products', 'suppliers', 'customers', 'stock-points'].map((kind) => `/api/${kind}?pageSize=200`),
    ];
    return Promise.all(urls.map(async (url) => [url, (await ownerA.get(url)).body] as const));
  };

  it('probes every foundation route that names a record', async () => {
    const doc = (await t.request('GET', '/api/openapi.json')).body as { paths: Record<string, Record<string, unknown>> };
    const probed = new Set(PROBES.map((probe) => `${probe.method} ${probe.route}`));
    const routes = Object.entries(doc.paths)
      .filter(([path]) => path.includes('{') && FOUNDATION_PATHS.some((prefix) => path.startsWith(`${prefix}/`)))
      .flatMap(([path, methods]) => Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`));
    expect(routes.length).toBeGreaterThanOrEqual(20);
    expect(routes.filter((route) => !probed.has(route))).toEqual([]);
  });

  it("answers 404 to every route shop B calls with shop A's ids, and A's data stays as it was", async () => {
    const before = await snapshot();
    const ownerB = await t.registerShop('B 店');
    const b: Attacker = {
      productId: (await ownerB.post('/api/products', { name: 'B 的商品', unit: '个' })).body.id,
      customerId: (await ownerB.post('/api/customers', { name: 'B 的客户' })).body.id,
    };
    const customerB = (await ownerB.get(`/api/customers/${b.customerId}`)).body;
    const productB = (await ownerB.get(`/api/products/${b.productId}`)).body;

    for (const probe of PROBES) {
      const response = await ownerB.request(probe.method, probe.url(a, b), probe.body?.(a, b));
      const label = `${probe.method} ${probe.url(a, b)} ${JSON.stringify(probe.body?.(a, b) ?? '')}`;
      expect(response.status, label).toBe(404);
      expect(response.body.error.code, label).toBe('NOT_FOUND');
      expect(JSON.stringify(response.body), label).not.toMatch(/可乐|饮料|批发商|小卖部|二号仓/);
    }

    expect(await snapshot()).toEqual(before);
    // B's own records were not touched by the refused writes, and B made nothing from A's ids.
    expect((await ownerB.get(`/api/customers/${b.customerId}`)).body).toEqual(customerB);
    expect((await ownerB.get(`/api/products/${b.productId}`)).body).toEqual(productB);
    expect((await ownerB.get('/api/products')).body.total).toBe(1);
    expect((await ownerB.get('/api/customers')).body.total).toBe(1);
    // A's staff member kept their session and password.
    expect((await staffA.get('/api/me')).status).toBe(200);
    expect((await t.request('POST', '/api/auth/login', { username: staffA.username, password: 'password123' })).status).toBe(200);
  });

  it("never lists or filters by another shop's records", async () => {
    const ownerB = await t.registerShop('C 店');
    for (const kind of ['categories', 'products', 'suppliers', 'customers', 'stock-points']) {
      const list = (await ownerB.get(`/api/${kind}?pageSize=200`)).body;
      const aIds = [a.categoryId, a.productId, a.supplierId, a.customerId, a.stockPointId, a.defaultStockPointId];
      expect(list.items.filter((item: { id: string }) => aIds.includes(item.id)), kind).toEqual([]);
    }
    expect((await ownerB.get('/api/products?q=COLA')).body.total).toBe(0);
    expect((await ownerB.get(`/api/products?categoryId=${a.categoryId}`)).body.total).toBe(0);
    expect((await ownerB.get(`/api/products?supplierId=${a.supplierId}`)).body.total).toBe(0);
    expect((await ownerB.get('/api/staff')).body.total).toBe(0);
    // B's stock points are its own: just its default one.
    expect((await ownerB.get('/api/stock-points')).body.total).toBe(1);
  });

  it("refuses a token whose shop part names another shop", async () => {
    const [, secret] = ownerA.token.split('.');
    const ownerB = await t.registerShop('D 店');
    const forged = t.clientFor(`${ownerB.shopId}.${secret}`, ownerB.shopId, ownerA.userId, ownerA.username);
    expect((await forged.get('/api/me')).status).toBe(401);
  });
});
