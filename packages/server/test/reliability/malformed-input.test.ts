import { beforeAll, expect, it } from 'vitest';
import { createTestApp, describeOnDatabase, type Client, type Json, type TestApp } from '../support/harness.ts';
import { createProduct, postBill } from '../support/stock.ts';

const HOSTILE = [
  null,
  true,
  -1,
  0,
  1.5,
  -0.0001,
  1e308,
  Number.MAX_SAFE_INTEGER,
  '99999999999999999999999999',
  '1e309',
  'NaN',
  '-Infinity',
  '',
  ' ',
  '2026-02-30',
  '2026-13-01',
  '0000-00-00',
  '0000-01-01',
  '9999-12-31',
  "1' OR '1'='1",
  "'; DROP TABLE stock_ledger; --",
  '<script>alert(1)</script>',
  'javascript:alert(1)',
  '\u0000',
  'half a pair \ud83d',
  'x'.repeat(100_000),
  [],
  [1, 2],
  {},
  { $gt: '' },
];
/** Query values as a client types them (the sweep above sends each value as JSON): dates a filter must refuse. */
const RAW_QUERY_VALUES = ['0000-01-01', '9999-12-31', '1999-12-31', '2026-02-30'];
const BAD_IDS = ['abc', '0', '-1', '1.5', '1e3', '99999999999999999999', "1'%20OR%20'1'='1", '%3Cscript%3E', '%00', '999999999'];

interface Route {
  method: string;
  path: string;
  bodyFields: string[];
  queryFields: string[];
}

/** Every documented route with the fields its body and query string take, from the OpenAPI document. */
function routesOf(t: TestApp): Route[] {
  const doc = t.app.swagger() as { paths: Record<string, Record<string, Json>> };
  return Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => ({
      method: method.toUpperCase(),
      path: path.replace(/\{(\w+)\}/g, ':$1'),
      bodyFields: Object.keys(operation.requestBody?.content?.['application/json']?.schema?.properties ?? {}),
      queryFields: (operation.parameters ?? []).filter((p: Json) => p.in === 'query').map((p: Json) => p.name as string),
    })),
  );
}

/**
 * A sale with one thing wrong, for the route where a mistake would cost the most. The product has no
 * stock, so a variant that happens to be valid (a fractional quantity) is refused too and moves nothing.
 */
function brokenBills(productId: string): unknown[] {
  const sale = { direction: 'out', billType: '销售出库', billDate: '2026-11-20', confirm: true };
  const line = { productId, quantity: 1, unitPrice: 5 };
  return [
    ...HOSTILE.map((quantity) => ({ ...sale, lines: [{ ...line, quantity }] })),
    ...HOSTILE.map((unitPrice) => ({ ...sale, lines: [{ ...line, unitPrice }] })),
    ...HOSTILE.map((productId) => ({ ...sale, lines: [{ ...line, productId }] })),
    ...HOSTILE.map((billDate) => ({ ...sale, lines: [line], billDate })),
    ...HOSTILE.map((billType) => ({ ...sale, lines: [line], billType })),
    { ...sale, lines: Array.from({ length: 10_000 }, () => line) },
    { ...sale, lines: [] },
    { ...sale, lines: [{ ...line, quantity: 1e-12 }] },
    { ...sale, lines: [{ ...line, quantity: '0.0001' }] },
    { ...sale, lines: [{ ...line, quantity: '1000000000000000' }] },
    { ...sale, lines: [line], stockPointId: '99999999999999999999' },
    { ...sale, lines: [line], direction: 'sideways' },
  ];
}

describeOnDatabase('malformed input never breaks the server or the books', () => {
  let t: TestApp;
  let owner: Client;
  let productId: string;
  let emptyProductId: string;
  let snapshot: () => Promise<unknown>;
  beforeAll(async () => {
    t = await createTestApp();
    owner = await t.registerShop();
    productId = await createProduct(owner);
    await postBill(owner, 'in', [{ productId, quantity: 10, unitPrice: 3 }]);
    emptyProductId = await createProduct(owner);
    snapshot = async () => ({
      inventory: (await owner.get('/api/inventory?pageSize=200')).body.items,
      ledgerRows: (await t.db.query('SELECT count(*) AS n FROM stock_ledger WHERE shop_id = $1', [owner.shopId]))[0],
    });
  });

  it('answers every malformed body, parameter and header on every route with a 4xx (or a 2xx that changes no stock)', async () => {
    const before = await snapshot();
    const failures: string[] = [];
    const attempt = async (method: string, url: string, body?: unknown, headers: Record<string, string> = {}) => {
      const response = await t.app.inject({
        method: method as 'GET',
        url,
        headers: { authorization: `Bearer ${owner.token}`, ...headers },
        ...(body === undefined ? {} : { payload: typeof body === 'string' ? body : JSON.stringify(body) }),
      });
      if (response.statusCode >= 500) failures.push(`${method} ${url} → ${response.statusCode} ${response.body.slice(0, 200)}`);
      else if (/\bat .+\.ts:\d+/.test(response.body)) failures.push(`${method} ${url} leaked a stack trace`);
    };
    const json = { 'content-type': 'application/json' };
    // Bills first: the route sweep below may switch the shop to allow negative stock (PUT /api/shop with true).
    for (const body of brokenBills(emptyProductId)) {
      await attempt('POST', '/api/bills', body, json);
      await attempt('POST', '/api/bills', body, { ...json, 'idempotency-key': "'; DROP TABLE idempotency_keys; --" });
    }
    // Logging out (here or everywhere) would end the session the rest of the run uses: those go last.
    const endsSession = (route: Route) => Number(route.path.startsWith('/api/auth/logout'));
    const routes = routesOf(t).sort((a, b) => endsSession(a) - endsSession(b));
    expect(routes.length).toBeGreaterThan(30);
    for (const route of routes) {
      const hasId = route.path.includes(':');
      const withId = (id: string) => route.path.replace(/:\w+/g, id);
      // Never a real id: a body that happened to be valid must not confirm, reverse or delete anything.
      const url = withId('999999999');
      for (const id of hasId ? BAD_IDS : []) await attempt(route.method, withId(id), route.method === 'GET' ? undefined : {}, json);
      for (const field of route.queryFields) {
        for (const value of HOSTILE) await attempt(route.method, `${url}?${field}=${encodeURIComponent(JSON.stringify(value))}`);
        for (const value of RAW_QUERY_VALUES) await attempt(route.method, `${url}?${field}=${value}`);
        await attempt(route.method, `${url}?${field}=1&${field}=2&page=-1&pageSize=1e9`);
      }
      if (route.method !== 'GET') {
        for (const body of [...HOSTILE, '{"lines": [', '[[[[[[[[[[]]]]]]]]]]']) await attempt(route.method, url, body ?? 'null', json);
        for (const field of route.bodyFields) for (const value of HOSTILE) await attempt(route.method, url, { [field]: value }, json);
        await attempt(route.method, url, 'lines=1', { 'content-type': 'application/x-www-form-urlencoded' });
        await attempt(route.method, url, '<xml/>', { 'content-type': 'text/xml' });
        await attempt(route.method, url, {}, { ...json, 'idempotency-key': 'k'.repeat(10_000) });
      }
      await attempt(route.method, url, undefined, { authorization: "Bearer 1.' OR 1=1 --" });
    }
    expect(failures).toEqual([]);

    const again = await t.request('POST', '/api/auth/login', { username: owner.username, password: 'password123' });
    owner = t.clientFor(again.body.token, owner.shopId, owner.userId, owner.username);
    expect(await snapshot()).toEqual(before);
    expect((await owner.get('/api/inventory/verify')).body.drift).toEqual([]);
  });
});
