import { beforeAll, expect, it } from 'vitest';
import { createTestApp, describeOnDatabase, type Client, type Json, type TestApp } from './support/harness.ts';

/** The one error shape, with no trace of the server's insides. */
function expectError(response: { status: number; body: Json }, status: number, code: string) {
  expect(response.status).toBe(status);
  expect(Object.keys(response.body)).toEqual(['error']);
  expect(response.body.error.code).toBe(code);
  expect(typeof response.body.error.message).toBe('string');
  expect(JSON.stringify(response.body)).not.toMatch(/\bat .*\.(ts|js):\d+|stack/);
}

const fieldsOf = (body: Json): string[] => body.error.details.map((d: { field: string }) => d.field).sort();

describeOnDatabase('errors and docs', () => {
  let t: TestApp;
  let owner: Client;
  beforeAll(async () => {
    t = await createTestApp();
    owner = await t.registerShop();
  });

  it('names each bad field of a request body', async () => {
    const response = await owner.post('/api/products', { name: '', unit: '瓶', inboundPrice: 'abc', outboundPrice: '-1', warningStock: '1.2345', categoryId: 'x' });
    expectError(response, 400, 'VALIDATION_FAILED');
    expect(fieldsOf(response.body)).toEqual(['categoryId', 'inboundPrice', 'name', 'outboundPrice', 'warningStock']);
    const price = response.body.error.details.find((d: { field: string }) => d.field === 'inboundPrice');
    expect(price.message).toMatch(/number/);
    expect((await owner.get('/api/products')).body.total).toBe(0);
  });

  it('names nested fields by their path', async () => {
    const response = await owner.post('/api/customers', { name: '客户', availableProductIds: ['1', 'abc'] });
    expectError(response, 400, 'VALIDATION_FAILED');
    expect(fieldsOf(response.body)).toEqual(['availableProductIds.1']);
  });

  it('answers broken bodies with 400, never a 500', async () => {
    const raw = (payload: string, contentType = 'application/json') =>
      t.app.inject({ method: 'POST', url: '/api/categories', payload, headers: { authorization: `Bearer ${owner.token}`, 'content-type': contentType } });
    for (const [payload, contentType] of [
      ['{"name": ', 'application/json'],
      ['', 'application/json'],
      ['name=x', 'text/plain'],
      ['{"__proto__": {"x": 1}, "name": "原型"}', 'application/json'],
      ['[1, 2]', 'application/json'],
      ['"just a string"', 'application/json'],
    ] as const) {
      const response = await raw(payload, contentType);
      expectError({ status: response.statusCode, body: JSON.parse(response.body) }, 400, 'VALIDATION_FAILED');
    }
  });

  it('answers a body over the size limit with 413', async () => {
    const response = await owner.post('/api/categories', { name: 'x'.repeat(3 * 1024 * 1024) });
    expectError(response, 413, 'PAYLOAD_TOO_LARGE');
  });

  it('refuses text that PostgreSQL cannot store with 400 naming the field', async () => {
    const nul = await owner.post('/api/suppliers', { name: 'bad\u0000name' });
    expectError(nul, 400, 'VALIDATION_FAILED');
    expect(fieldsOf(nul.body)).toEqual(['name']);
    expectError(await owner.get('/api/products?q=a%00b'), 400, 'VALIDATION_FAILED');
    const byCode = await owner.get('/api/products/by-code/a%00b');
    expectError(byCode, 400, 'VALIDATION_FAILED');
    expect(fieldsOf(byCode.body)).toEqual(['code']);
    const login = await t.request('POST', '/api/auth/login', { username: 'x\u0000y', password: 'whatever1' });
    expectError(login, 400, 'VALIDATION_FAILED');
    expect(fieldsOf(login.body)).toEqual(['username']);
  });

  it('answers out-of-range numbers with 400', async () => {
    expectError(await owner.post('/api/products', { name: 'p', unit: '个', outboundPrice: 1e300 }), 400, 'VALIDATION_FAILED');
    expectError(await owner.post('/api/customers', { name: 'c', serviceMonths: 99999999999 }), 400, 'VALIDATION_FAILED');
    expectError(await owner.get('/api/products?page=99999999999'), 400, 'VALIDATION_FAILED');
  });

  it('answers ids that cannot exist, and unknown routes, with 404', async () => {
    for (const url of ['/api/products/abc', '/api/products/0', '/api/products/99999999999999999999999', '/api/products/999999999', '/api/staff/-1', '/api/nowhere']) {
      expectError(await owner.get(url), 404, 'NOT_FOUND');
    }
    expectError(await owner.put('/api/categories/999999999', { name: '无' }), 404, 'NOT_FOUND');
    expectError(await owner.delete('/api/suppliers/1e5'), 404, 'NOT_FOUND');
    const unknownReference = await owner.post('/api/products', { name: 'p', unit: '个', supplierId: '999999999' });
    expectError(unknownReference, 404, 'NOT_FOUND');
    expect(unknownReference.body.error.details).toEqual([{ field: 'supplierId', message: 'not found' }]);
  });

  it('answers a missing login with 401 and a wrong role with 403', async () => {
    expectError(await t.request('GET', '/api/categories'), 401, 'UNAUTHENTICATED');
    expectError(await t.request('GET', '/api/categories', undefined, { authorization: 'Basic abc' }), 401, 'UNAUTHENTICATED');
    const staff = await t.addStaff(owner);
    expectError(await staff.put('/api/shop', { name: '我的店' }), 403, 'FORBIDDEN');
  });

  it('serves an OpenAPI document generated from the contracts', async () => {
    const response = await t.request('GET', '/api/openapi.json');
    expect(response.status).toBe(200);
    const doc = response.body;
    expect(doc.openapi).toMatch(/^3\./);
    for (const [path, methods] of Object.entries({
      '/api/auth/register': ['post'],
      '/api/auth/login': ['post'],
      '/api/auth/logout': ['post'],
      '/api/me': ['get'],
      '/api/shop': ['get', 'put'],
      '/api/config': ['get', 'put'],
      '/api/staff': ['get', 'post'],
      '/api/staff/{id}': ['get', 'put'],
      '/api/staff/{id}/deactivate': ['post'],
      '/api/staff/{id}/reset-password': ['post'],
      '/api/categories': ['get', 'post'],
      '/api/categories/{id}': ['get', 'put', 'delete'],
      '/api/products': ['get', 'post'],
      '/api/products/{id}': ['get', 'put', 'delete'],
      '/api/products/by-code/{code}': ['get'],
      '/api/suppliers/{id}': ['get', 'put', 'delete'],
      '/api/customers/{id}': ['get', 'put', 'delete'],
      '/api/stock-points/{id}': ['get', 'put', 'delete'],
    })) {
      expect(Object.keys(doc.paths[path] ?? {}), path).toEqual(expect.arrayContaining(methods));
    }
    expect(doc.paths['/api/health']).toBeUndefined();
    const productBody = doc.paths['/api/products'].post.requestBody.content['application/json'].schema;
    expect(productBody.required).toEqual(expect.arrayContaining(['name', 'unit']));
    expect(Object.keys(productBody.properties)).toEqual(expect.arrayContaining(['inboundPrice', 'categoryId', 'supplierId', 'warningStock']));
    const register = doc.paths['/api/auth/register'].post.requestBody.content['application/json'].schema;
    expect(register.properties.password.minLength).toBe(8);
    const listParams = doc.paths['/api/products'].get.parameters.map((p: { name: string }) => p.name);
    expect(listParams).toEqual(expect.arrayContaining(['page', 'pageSize', 'q', 'isEnabled', 'categoryId']));
    expect(doc.paths['/api/customers/{id}'].get.responses['200']).toBeDefined();
  });

  it('serves a browsable API page', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/docs' });
    const page = response.statusCode === 302 ? await t.app.inject({ method: 'GET', url: response.headers.location as string }) : response;
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.body).toMatch(/swagger-ui/i);
  });
});
