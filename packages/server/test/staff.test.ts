import { beforeAll, expect, it } from 'vitest';
import { createTestApp, describeOnDatabase, uniqueName, type Client, type TestApp } from './support/harness.ts';

describeOnDatabase('staff, shop settings and config', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });

  const login = (username: string, password = 'password123') => t.request('POST', '/api/auth/login', { username, password });

  it('lets the owner create, list, get and update staff', async () => {
    const owner = await t.registerShop();
    const username = uniqueName('Clerk');
    const created = await owner.post('/api/staff', { username, password: 'password123', realName: '小张' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ username: username.toLowerCase(), realName: '小张', role: 'staff', status: 'active', lastLoginAt: null });
    const second = await owner.post('/api/staff', { username: uniqueName('clerk'), password: 'password123', realName: '老李' });

    const list = await owner.get('/api/staff');
    expect(list.body).toMatchObject({ total: 2, page: 1, pageSize: 20 });
    // The owner is not a staff member.
    expect(list.body.items.map((u: { id: string }) => u.id)).toEqual([created.body.id, second.body.id]);
    const searched = await owner.get('/api/staff?q=老李');
    expect(searched.body.items.map((u: { id: string }) => u.id)).toEqual([second.body.id]);
    expect((await owner.get('/api/staff?q=%25')).body.total).toBe(0);
    const paged = await owner.get('/api/staff?page=2&pageSize=1');
    expect(paged.body).toMatchObject({ total: 2, page: 2, pageSize: 1, items: [{ id: second.body.id }] });

    const got = await owner.get(`/api/staff/${created.body.id}`);
    expect(got.body).toEqual(created.body);
    const updated = await owner.put(`/api/staff/${created.body.id}`, { realName: '张三' });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ id: created.body.id, realName: '张三', status: 'active' });
    expect((await owner.get(`/api/staff/${owner.userId}`)).status).toBe(404);
  });

  it('refuses a duplicate staff username with 409', async () => {
    const owner = await t.registerShop();
    const username = uniqueName('clerk');
    await owner.post('/api/staff', { username, password: 'password123', realName: '甲' });
    const again = await owner.post('/api/staff', { username, password: 'password123', realName: '乙' });
    expect(again.status).toBe(409);
    expect(again.body.error.details).toEqual([{ field: 'username', message: expect.any(String) }]);
    const taken = await owner.post('/api/staff', { username: owner.username, password: 'password123', realName: '丙' });
    expect(taken.status).toBe(409);
    expect((await owner.get('/api/staff')).body.total).toBe(1);
  });

  it('gives staff 403 on every staff, shop and config write', async () => {
    const owner = await t.registerShop();
    const staff = await t.addStaff(owner);
    const calls: Array<[string, string, unknown?]> = [
      ['GET', '/api/staff'],
      ['POST', '/api/staff', { username: uniqueName('x'), password: 'password123', realName: '某' }],
      ['GET', `/api/staff/${staff.userId}`],
      ['PUT', `/api/staff/${staff.userId}`, { realName: '我自己' }],
      ['POST', `/api/staff/${staff.userId}/deactivate`, {}],
      ['POST', `/api/staff/${staff.userId}/reset-password`, { password: 'password456' }],
      ['PUT', '/api/shop', { allowNegativeStock: true }],
      ['PUT', '/api/config', { units: ['个'] }],
    ];
    for (const [method, url, body] of calls) {
      const response = await staff.request(method, url, body);
      expect(response.status, `${method} ${url}`).toBe(403);
      expect(response.body.error.code).toBe('FORBIDDEN');
    }
    expect((await staff.get('/api/shop')).body.allowNegativeStock).toBe(false);
    expect((await staff.get('/api/config')).body.units).toHaveLength(7);
    expect((await owner.get(`/api/staff/${staff.userId}`)).body.realName).toBe('员工');
  });

  it('deactivation ends the sessions of a staff member and refuses their login', async () => {
    const owner = await t.registerShop();
    const staff = await t.addStaff(owner);
    expect((await staff.get('/api/me')).status).toBe(200);
    const deactivated = await owner.post(`/api/staff/${staff.userId}/deactivate`);
    expect(deactivated.body.status).toBe('inactive');
    expect((await staff.get('/api/me')).status).toBe(401);
    expect((await login(staff.username)).status).toBe(401);
    expect((await owner.get('/api/staff?status=inactive')).body.items.map((u: { id: string }) => u.id)).toEqual([staff.userId]);
    expect((await owner.get('/api/staff?status=active')).body.total).toBe(0);

    const reactivated = await owner.put(`/api/staff/${staff.userId}`, { status: 'active' });
    expect(reactivated.body.status).toBe('active');
    // The old token stays dead; a fresh login works.
    expect((await staff.get('/api/me')).status).toBe(401);
    expect((await login(staff.username)).status).toBe(200);
  });

  it('tokens of a user deactivated through PUT stop working at once', async () => {
    const owner = await t.registerShop();
    const staff = await t.addStaff(owner);
    await owner.put(`/api/staff/${staff.userId}`, { status: 'inactive' });
    expect((await staff.get('/api/products')).status).toBe(401);
  });

  it('a password reset ends old sessions and the new password works', async () => {
    const owner = await t.registerShop();
    const staff = await t.addStaff(owner);
    const reset = await owner.post(`/api/staff/${staff.userId}/reset-password`, { password: 'brand-new-pass' });
    expect(reset.status).toBe(200);
    expect(reset.body.id).toBe(staff.userId);
    expect((await staff.get('/api/me')).status).toBe(401);
    expect((await login(staff.username)).status).toBe(401);
    const fresh = await login(staff.username, 'brand-new-pass');
    expect(fresh.status).toBe(200);
    expect(fresh.body.user.role).toBe('staff');
    const short = await owner.post(`/api/staff/${staff.userId}/reset-password`, { password: 'short' });
    expect(short.status).toBe(400);
    expect(short.body.error.details[0].field).toBe('password');
  });

  it('lets the owner change the shop name, the eight switches and negative stock', async () => {
    const owner = await t.registerShop('旧名字');
    const staff = await t.addStaff(owner);
    const switches = {
      disableInbound: true,
      disableOutbound: false,
      adminApproval: true,
      hideInboundPrice: true,
      ownRecordsOnly: false,
      hideInventory: true,
      disableProductEdit: false,
      disableStockPoint: true,
    };
    const updated = await owner.put('/api/shop', { name: '新名字', staffPermissions: switches, allowNegativeStock: true });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ name: '新名字', staffPermissions: switches, allowNegativeStock: true });

    // A partial update leaves the other switches as they were.
    const partial = await owner.put('/api/shop', { staffPermissions: { disableInbound: false } });
    expect(partial.body.staffPermissions).toEqual({ ...switches, disableInbound: false });
    expect(partial.body.name).toBe('新名字');
    expect((await owner.get('/api/shop')).body).toEqual(partial.body);

    // Staff see the switches that bind them; the owner is bound by none.
    const staffMe = await staff.get('/api/me');
    expect(staffMe.body.permissions).toEqual({ ...switches, disableInbound: false });
    expect(Object.values((await owner.get('/api/me')).body.permissions)).toEqual(Array(8).fill(false));

    const bad = await owner.put('/api/shop', { name: '', allowNegativeStock: 'yes' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((d: { field: string }) => d.field).sort()).toEqual(['allowNegativeStock', 'name']);
  });

  it('lets the owner edit bill types and units', async () => {
    const owner = await t.registerShop();
    const staff = await t.addStaff(owner);
    const changed = await owner.put('/api/config', { units: ['台', '个'], inboundTypes: ['采购入库', '赠品入库'] });
    expect(changed.status).toBe(200);
    expect(changed.body).toEqual({
      inboundTypes: ['采购入库', '赠品入库'],
      outboundTypes: ['销售出库', '领用出库', '报损出库', '盘亏出库', '调拨出库', '其他出库'],
      units: ['台', '个'],
    });
    expect((await staff.get('/api/config')).body).toEqual(changed.body);
    const repeated = await owner.put('/api/config', { units: ['个', '个'] });
    expect(repeated.status).toBe(400);
    expect(repeated.body.error.details[0].field).toBe('units');
    const empty = await owner.put('/api/config', { outboundTypes: [] });
    expect(empty.status).toBe(400);
    expect((await owner.get('/api/config')).body).toEqual(changed.body);
  });

  it('disableProductEdit forbids staff product and category writes, but not reads', async () => {
    const owner = await t.registerShop();
    const staff = await t.addStaff(owner);
    const category = (await owner.post('/api/categories', { name: '饮料' })).body;
    const product = (await owner.post('/api/products', { name: '可乐', unit: '瓶' })).body;
    await owner.put('/api/shop', { staffPermissions: { disableProductEdit: true } });
    await expectForbidden(staff, [
      ['POST', '/api/categories', { name: '零食' }],
      ['PUT', `/api/categories/${category.id}`, { name: '酒水' }],
      ['DELETE', `/api/categories/${category.id}`],
      ['POST', '/api/products', { name: '雪碧', unit: '瓶' }],
      ['PUT', `/api/products/${product.id}`, { name: '百事' }],
      ['DELETE', `/api/products/${product.id}`],
    ]);
    expect((await staff.get(`/api/products/${product.id}`)).body.name).toBe('可乐');
    expect((await staff.get('/api/categories')).body.total).toBe(1);
    // Stock points have their own switch, and the owner is never bound.
    expect((await staff.post('/api/stock-points', { name: '三号仓' })).status).toBe(201);
    expect((await owner.put(`/api/products/${product.id}`, { name: '百事' })).status).toBe(200);

    await owner.put('/api/shop', { staffPermissions: { disableProductEdit: false } });
    expect((await staff.post('/api/categories', { name: '零食' })).status).toBe(201);
  });

  it('disableStockPoint forbids staff stock-point writes', async () => {
    const owner = await t.registerShop();
    const staff = await t.addStaff(owner);
    const point = (await owner.post('/api/stock-points', { name: '二号仓' })).body;
    await owner.put('/api/shop', { staffPermissions: { disableStockPoint: true } });
    await expectForbidden(staff, [
      ['POST', '/api/stock-points', { name: '三号仓' }],
      ['PUT', `/api/stock-points/${point.id}`, { address: '别处' }],
      ['DELETE', `/api/stock-points/${point.id}`],
    ]);
    expect((await staff.get('/api/stock-points')).body.total).toBe(2);
    expect((await staff.post('/api/categories', { name: '饮料' })).status).toBe(201);
    expect((await owner.get(`/api/stock-points/${point.id}`)).body).toEqual(point);
  });

  async function expectForbidden(client: Client, calls: Array<[string, string, unknown?]>) {
    for (const [method, url, body] of calls) {
      const response = await client.request(method, url, body);
      expect(response.status, `${method} ${url}`).toBe(403);
      expect(response.body.error.code).toBe('FORBIDDEN');
    }
  }
});
