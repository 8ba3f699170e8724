import { beforeAll, expect, it } from 'vitest';
import { createTestApp, describeOnDatabase, uniqueName, type TestApp } from './support/harness.ts';

const PASSWORD = 'Secret-pass-42';

describeOnDatabase('accounts', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });

  const register = (username: string, shopName = '阿里小铺') =>
    t.request('POST', '/api/auth/register', { shopName, username, password: PASSWORD, realName: '王老板' });
  const login = (username: string, password = PASSWORD) => t.request('POST', '/api/auth/login', { username, password });
  const withToken = (token: string) => ({ authorization: `Bearer ${token}` });

  it('registers a shop with its owner and the default bill types, units and stock point', async () => {
    const username = uniqueName('Boss');
    const registered = await register(username);
    expect(registered.status).toBe(201);
    const { token, user, shop } = registered.body;
    expect(token).toMatch(new RegExp(`^${shop.id}\\.`));
    expect(user).toMatchObject({ username: username.toLowerCase(), realName: '王老板', role: 'owner', status: 'active' });
    expect(shop).toMatchObject({ name: '阿里小铺', allowNegativeStock: false });
    expect(Object.values(shop.staffPermissions)).toEqual(Array(8).fill(false));

    const config = await t.request('GET', '/api/config', undefined, withToken(token));
    expect(config.body).toEqual({
      inboundTypes: ['采购入库', '退货入库', '盘盈入库', '调拨入库', '其他入库', '期初入库'],
      outboundTypes: ['销售出库', '领用出库', '报损出库', '盘亏出库', '调拨出库', '其他出库'],
      units: ['个', '件', '箱', '瓶', '包', '袋', '千克'],
    });
    const points = await t.request('GET', '/api/stock-points', undefined, withToken(token));
    expect(points.body.total).toBe(1);
    expect(points.body.items[0]).toMatchObject({ isDefault: true, status: 'active' });

    const me = await t.request('GET', '/api/me', undefined, withToken(token));
    expect(me.status).toBe(200);
    expect(me.body.user.id).toBe(user.id);
    expect(me.body.shop.id).toBe(shop.id);
    expect(me.body.permissions.disableProductEdit).toBe(false);
  });

  it('keeps passwords out of every response and stores only an scrypt hash', async () => {
    const username = uniqueName('owner');
    const bodies = [await register(username), await login(username)];
    const token = bodies[1]!.body.token;
    bodies.push(await t.request('GET', '/api/me', undefined, withToken(token)));
    bodies.push(await t.request('POST', '/api/staff', { username: uniqueName('s'), password: PASSWORD, realName: '小李' }, withToken(token)));
    bodies.push(await t.request('GET', '/api/staff', undefined, withToken(token)));
    bodies.push(await t.request('POST', `/api/staff/${bodies[3]!.body.id}/reset-password`, { password: `${PASSWORD}x` }, withToken(token)));
    for (const response of bodies) {
      expect(response.status).toBeLessThan(300);
      const text = JSON.stringify(response.body);
      expect(text).not.toContain(PASSWORD);
      expect(text).not.toMatch(/scrypt|password/i);
    }
    const [row] = await t.db.query<{ password_hash: string }>('SELECT password_hash FROM users WHERE username = $1', [username.toLowerCase()]);
    expect(row!.password_hash).toMatch(/^scrypt\$32768\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
  });

  it('logs in case-insensitively, and logout revokes only that token', async () => {
    const username = uniqueName('Owner');
    const first = (await register(username)).body.token;
    const second = await login(username.toUpperCase());
    expect(second.status).toBe(200);
    expect(second.body.user.username).toBe(username.toLowerCase());
    expect(second.body.user.lastLoginAt).not.toBeNull();
    expect(second.body.token).not.toBe(first);

    const out = await t.request('POST', '/api/auth/logout', {}, withToken(second.body.token));
    expect(out).toMatchObject({ status: 200, body: { ok: true } });
    const after = await t.request('GET', '/api/me', undefined, withToken(second.body.token));
    expect(after.status).toBe(401);
    expect(after.body.error.code).toBe('UNAUTHENTICATED');
    expect((await t.request('GET', '/api/me', undefined, withToken(first))).status).toBe(200);
  });

  it('refuses wrong passwords and unknown users with the same 401', async () => {
    const username = uniqueName('owner');
    await register(username);
    const wrong = await login(username, 'not-the-password');
    const unknown = await login(uniqueName('nobody'), PASSWORD);
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body).toEqual(unknown.body);
  });

  it('throttles a username after five failed logins, even for the right password', async () => {
    const username = uniqueName('owner');
    await register(username);
    const other = uniqueName('owner');
    await register(other);
    for (let attempt = 1; attempt <= 5; attempt++) expect((await login(username, 'wrong-password')).status).toBe(401);
    const locked = await login(username);
    expect(locked.status).toBe(429);
    expect(locked.body.error.code).toBe('TOO_MANY_REQUESTS');
    // The lock is per username: another account logs in as usual.
    expect((await login(other)).status).toBe(200);
  });

  it('counts a correct password as no guess, but forgets no failure within the window', async () => {
    const username = uniqueName('owner');
    await register(username);
    for (let attempt = 1; attempt <= 4; attempt++) expect((await login(username, 'wrong-password')).status).toBe(401);
    for (let attempt = 1; attempt <= 3; attempt++) expect((await login(username)).status).toBe(200);
    expect((await login(username, 'wrong-password')).status).toBe(401);
    expect((await login(username)).status).toBe(429);
  });

  it('refuses a username already taken in any shop, whatever its case', async () => {
    const username = uniqueName('owner');
    await register(username);
    const again = await register(username.toUpperCase(), '另一家店');
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ code: 'DUPLICATE', details: [{ field: 'username' }] });
    const shops = await t.db.query('SELECT 1 FROM shops WHERE name = $1', ['另一家店']);
    expect(shops).toHaveLength(0);
  });

  it('names every bad registration field', async () => {
    const response = await t.request('POST', '/api/auth/register', { shopName: '  ', username: 'a b', password: 'short' });
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('VALIDATION_FAILED');
    const fields = response.body.error.details.map((d: { field: string }) => d.field).sort();
    expect(fields).toEqual(['password', 'realName', 'shopName', 'username']);
  });

  it('needs a valid token for everything but register and login', async () => {
    const me = await t.request('GET', '/api/me');
    expect(me.status).toBe(401);
    expect(me.body.error.code).toBe('UNAUTHENTICATED');
    for (const token of ['garbage', '1.abc', `1.${'A'.repeat(43)}`]) {
      expect((await t.request('GET', '/api/products', undefined, withToken(token))).status).toBe(401);
    }
    expect((await t.request('POST', '/api/auth/logout', {})).status).toBe(401);
  });
});
