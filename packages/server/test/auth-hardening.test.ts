import { beforeAll, expect, it } from 'vitest';
import { createProduct } from './support/stock.ts';
import { createTestApp, describeOnDatabase, describeOnPostgres, randomAddress, uniqueName, type Client, type Json, type TestApp } from './support/harness.ts';

const PASSWORD = 'tea-secret-1';
const withToken = (token: string) => ({ authorization: `Bearer ${token}` });
const fieldsOf = (body: Json): string[] => body.error.details.map((d: { field: string }) => d.field).sort();

/** The one error shape, and only it. */
function expectError(response: { status: number; body: Json }, status: number, code: string) {
  expect(response.status, JSON.stringify(response.body)).toBe(status);
  expect(Object.keys(response.body)).toEqual(['error']);
  expect(response.body.error.code).toBe(code);
  expect(typeof response.body.error.message).toBe('string');
}

async function registerOwner(t: TestApp) {
  const username = uniqueName('owner');
  const response = await t.request('POST', '/api/auth/register', { shopName: '安全小店', username, password: PASSWORD, realName: '店主' });
  expect(response.status).toBe(201);
  return { username, token: response.body.token as string, deviceToken: response.body.deviceToken as string };
}

describeOnDatabase('auth hardening', () => {
  let t: TestApp;
  let owner: Client;
  beforeAll(async () => {
    t = await createTestApp();
    owner = await t.registerShop();
  });
  const login = (username: string, password: string, deviceToken?: string) =>
    t.request('POST', '/api/auth/login', { username, password, ...(deviceToken ? { deviceToken } : {}) });

  it('refuses trivially weak new passwords with a field error, on register, staff creation and reset', async () => {
    for (const password of ['        ', '12345678', 'abcdefgh', '88888888', 'password', 'secret\u0000pass', 'line\nbreak!', 'short']) {
      const registered = await t.request('POST', '/api/auth/register', { shopName: '弱密码店', username: uniqueName('weak'), password, realName: '某' });
      expectError(registered, 400, 'VALIDATION_FAILED');
      expect(fieldsOf(registered.body)).toEqual(['password']);
      const staff = await owner.post('/api/staff', { username: uniqueName('s'), password, realName: '员工' });
      expectError(staff, 400, 'VALIDATION_FAILED');
      expect(fieldsOf(staff.body)).toEqual(['password']);
    }
    expect(await t.db.query('SELECT 1 FROM shops WHERE name = $1', ['弱密码店'])).toHaveLength(0);
    const staff = await t.addStaff(owner);
    const reset = await owner.post(`/api/staff/${staff.userId}/reset-password`, { password: '11111111' });
    expectError(reset, 400, 'VALIDATION_FAILED');
    expect(reset.body.error.details).toEqual([{ field: 'password', message: expect.stringMatching(/too easy to guess/) }]);
    // The weak reset changed nothing: the staff member's session still works.
    expect((await staff.get('/api/me')).status).toBe(200);
  });

  it('refuses unknown keys in a request body, naming each, nested ones too, and writes nothing', async () => {
    const category = await owner.post('/api/categories', { name: '饮料', colour: 'red', sortOrder: 1 });
    expectError(category, 400, 'VALIDATION_FAILED');
    expect(fieldsOf(category.body)).toEqual(['colour', 'sortOrder']);
    expect((await owner.get('/api/categories')).body.total).toBe(0);

    const productId = await createProduct(owner);
    const bill = await owner.post('/api/bills', {
      direction: 'in',
      billType: '采购入库',
      billDate: '2026-11-20',
      lines: [{ productId, quantity: 1, unitPrice: 2, discount: '0.5' }],
    });
    expectError(bill, 400, 'VALIDATION_FAILED');
    expect(bill.body.error.details).toEqual([{ field: 'lines.0.discount', message: 'is not a known field' }]);
    expect((await owner.get('/api/bills')).body.total).toBe(0);
    // Known keys alone still pass.
    expect((await owner.post('/api/categories', { name: '饮料' })).status).toBe(201);
  });

  it('lets any user change their own password with the current one, ending every other session', async () => {
    const me = await registerOwner(t);
    const otherPhone = (await login(me.username, PASSWORD)).body.token as string;
    const change = (body: unknown, token = me.token) => t.request('POST', '/api/auth/change-password', body, withToken(token));

    const wrong = await change({ currentPassword: 'not-my-password', newPassword: 'brand-new-pass-1' });
    expectError(wrong, 400, 'VALIDATION_FAILED');
    expect(fieldsOf(wrong.body)).toEqual(['currentPassword']);
    const weak = await change({ currentPassword: PASSWORD, newPassword: '12345678' });
    expect(fieldsOf(weak.body)).toEqual(['newPassword']);
    const same = await change({ currentPassword: PASSWORD, newPassword: PASSWORD });
    expect(fieldsOf(same.body)).toEqual(['newPassword']);
    expect((await t.request('GET', '/api/me', undefined, withToken(otherPhone))).status).toBe(200);

    expect(await change({ currentPassword: PASSWORD, newPassword: 'brand-new-pass-1' })).toMatchObject({ status: 200, body: { ok: true } });
    expect((await t.request('GET', '/api/me', undefined, withToken(me.token))).status).toBe(200);
    expectError(await t.request('GET', '/api/me', undefined, withToken(otherPhone)), 401, 'UNAUTHENTICATED');
    expect((await login(me.username, PASSWORD)).status).toBe(401);
    expect((await login(me.username, 'brand-new-pass-1')).status).toBe(200);

    // Staff too, for their own account only.
    const staff = await t.addStaff(owner);
    expect((await staff.post('/api/auth/change-password', { currentPassword: 'password123', newPassword: 'staff-own-pass-9' })).status).toBe(200);
    expect((await login(staff.username, 'staff-own-pass-9')).status).toBe(200);
    expect((await owner.get('/api/me')).status).toBe(200);
  });

  it('counts current-password checks per session: five wrong, then even the right one waits', async () => {
    const me = await registerOwner(t);
    const change = (currentPassword: string) =>
      t.request('POST', '/api/auth/change-password', { currentPassword, newPassword: 'brand-new-pass-2' }, withToken(me.token));
    for (let attempt = 1; attempt <= 5; attempt++) expect((await change('guess-number-x')).status).toBe(400);
    const throttled = await change(PASSWORD);
    expectError(throttled, 429, 'TOO_MANY_REQUESTS');
    expect(Number(throttled.headers['retry-after'])).toBeGreaterThan(800);
    // The account itself is not locked: a login elsewhere works.
    expect((await login(me.username, PASSWORD)).status).toBe(200);
  });

  it('signs out everywhere: every session ends and the device is no longer trusted', async () => {
    const me = await registerOwner(t);
    const second = await login(me.username, PASSWORD, me.deviceToken);
    expect(second.body.deviceToken).toBe(me.deviceToken);
    expect(await t.request('POST', '/api/auth/logout-everywhere', {}, withToken(me.token))).toMatchObject({ status: 200, body: { ok: true } });
    for (const token of [me.token, second.body.token]) expectError(await t.request('GET', '/api/me', undefined, withToken(token)), 401, 'UNAUTHENTICATED');
    for (let attempt = 1; attempt <= 5; attempt++) await login(me.username, 'a-strangers-guess');
    // Its device token is forgotten, so this device is now a stranger like any other.
    expectError(await login(me.username, PASSWORD, me.deviceToken), 429, 'TOO_MANY_REQUESTS');
  });

  it('does not let strangers lock the owner out: a trusted device has its own count', async () => {
    const me = await registerOwner(t);
    for (let attempt = 1; attempt <= 5; attempt++) expect((await login(me.username, 'a-strangers-guess')).status).toBe(401);
    const stranger = await login(me.username, PASSWORD);
    expectError(stranger, 429, 'TOO_MANY_REQUESTS');
    expect(Number(stranger.headers['retry-after'])).toBeGreaterThan(0);
    // The owner's phone, known from the registration, still gets in, and stays trusted.
    const owned = await login(me.username, PASSWORD, me.deviceToken);
    expect(owned.status).toBe(200);
    expect(owned.body.deviceToken).toBe(me.deviceToken);
    // An already signed-in session is never touched by the lock.
    expect((await t.request('GET', '/api/me', undefined, withToken(me.token))).status).toBe(200);

    // Another user's device token is no key to this username; a made-up one neither.
    const other = await registerOwner(t);
    expectError(await login(me.username, PASSWORD, other.deviceToken), 429, 'TOO_MANY_REQUESTS');
    expectError(await login(me.username, PASSWORD, `1.${'A'.repeat(43)}`), 429, 'TOO_MANY_REQUESTS');

    // A stolen device token gives a guesser five tries of its own, no more.
    for (let attempt = 1; attempt <= 5; attempt++) expect((await login(me.username, 'device-guess-x', me.deviceToken)).status).toBe(401);
    expectError(await login(me.username, PASSWORD, me.deviceToken), 429, 'TOO_MANY_REQUESTS');
  });

  it('limits logins and registrations per client address, whatever the username', async () => {
    const address = randomAddress();
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) {
      statuses.push((await t.request('POST', '/api/auth/login', { username: uniqueName('spray'), password: 'sprayed-pass' }, {}, address)).status);
    }
    expect(statuses).toEqual([...Array(10).fill(401), 429, 429]);
    const limited = await t.request('POST', '/api/auth/login', { username: owner.username, password: 'password123' }, {}, address);
    expectError(limited, 429, 'TOO_MANY_REQUESTS');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    // Another address is not affected.
    expect((await t.request('POST', '/api/auth/login', { username: owner.username, password: 'password123' })).status).toBe(200);

    const registrar = randomAddress();
    const registrations: number[] = [];
    for (let i = 0; i < 11; i++) {
      const body = { shopName: '批量店', username: uniqueName('bulk'), password: PASSWORD, realName: '某' };
      registrations.push((await t.request('POST', '/api/auth/register', body, {}, registrar)).status);
    }
    expect(registrations).toEqual([...Array(10).fill(201), 429]);
  });

  it('trusts X-Forwarded-For only from a proxy on this machine', async () => {
    const spoofed = async (from: string) => {
      const statuses: number[] = [];
      for (let i = 0; i < 11; i++) {
        const response = await t.app.inject({
          method: 'POST',
          url: '/api/auth/login',
          remoteAddress: from,
          headers: { 'x-forwarded-for': randomAddress() },
          payload: { username: uniqueName('spoof'), password: 'sprayed-pass' },
        });
        statuses.push(response.statusCode);
      }
      return statuses;
    };
    // A client on the network cannot escape its limit by naming another address each time…
    expect((await spoofed(randomAddress())).at(-1)).toBe(429);
    // …while behind a local reverse proxy each forwarded client is counted on its own.
    expect(await spoofed('127.0.0.1')).toEqual(Array(11).fill(401));
  });

  it('sends security headers, and no-store on API responses, errors included', async () => {
    for (const response of [await owner.get('/api/me'), await t.request('GET', '/api/me'), await owner.get('/api/nowhere')]) {
      expect(response.headers['cache-control']).toBe('no-store');
      expect(response.headers['content-security-policy']).toMatch(/default-src 'self'/);
      expect(response.headers['content-security-policy']).not.toMatch(/upgrade-insecure-requests/);
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.headers['x-frame-options']).toBe('SAMEORIGIN');
      expect(response.headers['strict-transport-security']).toBeDefined();
    }
  });

  it('answers the router’s own refusals in the one error shape', async () => {
    for (const url of ['/api/%%', '/api/products/%E0%A4%A']) {
      const response = await t.app.inject({ method: 'GET', url, headers: withToken(owner.token) });
      expectError({ status: response.statusCode, body: JSON.parse(response.body) }, 400, 'VALIDATION_FAILED');
      expect(JSON.parse(response.body).error.details).toEqual([{ field: 'url', message: 'is not a valid address' }]);
      expect(response.headers['cache-control']).toBe('no-store');
    }
    for (const length of [200, 201, 300]) {
      expectError(await owner.get(`/api/products/${'1'.repeat(length)}`), 404, 'NOT_FOUND');
    }
  });

  it('documents every error status with the one error schema in the OpenAPI document', async () => {
    const doc = (await t.request('GET', '/api/openapi.json')).body;
    expect(doc.components.schemas.Error.properties.error.required).toEqual(['code', 'message']);
    const errorsOf = (path: string, method: string) =>
      Object.keys(doc.paths[path][method].responses)
        .filter((status) => status >= '400')
        .sort();
    expect(errorsOf('/api/auth/login', 'post')).toEqual(['400', '413', '429']);
    expect(errorsOf('/api/auth/register', 'post')).toEqual(['400', '409', '413', '429']);
    expect(errorsOf('/api/auth/change-password', 'post')).toEqual(['400', '401', '413', '429']);
    expect(errorsOf('/api/me', 'get')).toEqual(['401']);
    expect(errorsOf('/api/products', 'post')).toEqual(['400', '401', '403', '404', '409', '413']);
    expect(errorsOf('/api/products/{id}', 'get')).toEqual(['400', '401', '403', '404']);
    for (const [path, methods] of Object.entries<Record<string, Json>>(doc.paths)) {
      for (const [method, operation] of Object.entries<Json>(methods)) {
        const errors = Object.entries<Json>(operation.responses).filter(([status]) => status >= '400');
        expect(errors.length, `${method} ${path}`).toBeGreaterThan(0);
        for (const [, response] of errors) expect(response.content['application/json'].schema).toEqual({ $ref: '#/components/schemas/Error' });
        const body = operation.requestBody?.content?.['application/json']?.schema;
        if (body?.type === 'object') expect(body.additionalProperties, `${method} ${path}`).toBe(false);
      }
    }
  });
});

// Real parallel requests on a pool of PostgreSQL connections; each from its own address, so only the
// count in the database stands between them and the password.
describeOnPostgres('password checks under parallel requests', () => {
  let t: TestApp;
  let second: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    second = await createTestApp();
  });
  const login = (app: TestApp, username: string, password: string) => app.request('POST', '/api/auth/login', { username, password });

  it('checks at most five of 40 parallel guesses, the right password last, and keeps the lock', async () => {
    const { username } = await registerOwner(t);
    const guesses = Array.from({ length: 39 }, (_, i) => `wrong-guess-${i}`);
    const results = await Promise.all([...guesses, PASSWORD].map((password) => login(t, username, password)));
    const statuses = results.map((r) => r.status);
    const checked = statuses.filter((s) => s === 401 || s === 200);
    expect(checked).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(35);
    // Whether or not the right password was among the five checked, the lock still holds.
    expect((await login(t, username, PASSWORD)).status).toBe(429);
  });

  it('checks exactly five of 100 parallel wrong guesses', async () => {
    const { username } = await registerOwner(t);
    const results = await Promise.all(Array.from({ length: 100 }, (_, i) => login(t, username, `wrong-guess-${i}`)));
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(95);
  });

  it('shares the count between two servers on one database', async () => {
    const { username } = await registerOwner(t);
    const results = await Promise.all(Array.from({ length: 30 }, (_, i) => login(i % 2 ? second : t, username, `wrong-guess-${i}`)));
    expect(results.filter((r) => r.status === 401)).toHaveLength(5);
    expect((await login(second, username, PASSWORD)).status).toBe(429);
  });
});
