import { beforeAll, expect, it } from 'vitest';
import { createTestApp, describeOnDatabase, type TestApp } from './support/harness.ts';

const ids = (body: { items: Array<{ id: string }> }) => body.items.map((item) => item.id);

describeOnDatabase('master data', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });

  it('creates a product with every field and reads it back by id, by code and in the list', async () => {
    const owner = await t.registerShop();
    const category = (await owner.post('/api/categories', { name: '饮料' })).body;
    const supplier = (await owner.post('/api/suppliers', { name: '可口可乐公司', code: 'S-01' })).body;
    const created = await owner.post('/api/products', {
      name: '可乐',
      code: 'COLA-500',
      categoryId: category.id,
      unit: '瓶',
      specification: '500ml',
      supplierId: supplier.id,
      imageUrl: 'https://img.example.com/cola.png',
      inboundPrice: '2.5',
      outboundPrice: 3.8,
      warningStock: '12.25',
      isEnabled: true,
      remarks: '冷藏',
    });
    expect(created.status).toBe(201);
    const product = created.body;
    expect(product).toEqual({
      id: expect.stringMatching(/^\d+$/),
      name: '可乐',
      code: 'COLA-500',
      categoryId: category.id,
      categoryName: '饮料',
      unit: '瓶',
      specification: '500ml',
      supplierId: supplier.id,
      supplierName: '可口可乐公司',
      imageUrl: 'https://img.example.com/cola.png',
      inboundPrice: '2.50',
      outboundPrice: '3.80',
      warningStock: '12.250',
      moq: '0.000',
      packSize: '0.000',
      isEnabled: true,
      remarks: '冷藏',
      stockQuantity: '0.000',
      avgCost: null,
      prices: [],
      createdBy: owner.userId,
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    expect((await owner.get(`/api/products/${product.id}`)).body).toEqual(product);
    expect((await owner.get('/api/products/by-code/COLA-500')).body).toEqual(product);
    expect((await owner.get('/api/products/by-code/NOPE')).status).toBe(404);
    expect((await owner.get('/api/products')).body).toEqual({ items: [product], total: 1, page: 1, pageSize: 20 });

    const defaults = (await owner.post('/api/products', { name: '散装糖', unit: '千克' })).body;
    expect(defaults).toMatchObject({ code: null, categoryId: null, categoryName: null, supplierId: null, inboundPrice: '0.00', isEnabled: true, specification: '' });
  });

  it('updates each product field and clears optional links', async () => {
    const owner = await t.registerShop();
    const category = (await owner.post('/api/categories', { name: '零食' })).body;
    const product = (await owner.post('/api/products', { name: '薯片', code: 'P1', unit: '包', categoryId: category.id })).body;
    const updated = await owner.put(`/api/products/${product.id}`, {
      name: '乐事薯片',
      code: '',
      categoryId: null,
      inboundPrice: 4,
      outboundPrice: '6.5',
      warningStock: 3,
      remarks: '原味',
    });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({
      name: '乐事薯片',
      code: null,
      categoryId: null,
      categoryName: null,
      unit: '包',
      inboundPrice: '4.00',
      outboundPrice: '6.50',
      warningStock: '3.000',
      remarks: '原味',
    });
    expect((await owner.get('/api/products/by-code/P1')).status).toBe(404);
  });

  it('pages, searches name and code, and filters products', async () => {
    const owner = await t.registerShop();
    const drinks = (await owner.post('/api/categories', { name: '饮料' })).body;
    const made: string[] = [];
    for (let i = 1; i <= 5; i++) {
      const body = { name: `商品${i}`, code: `SKU-${i}`, unit: '个', categoryId: i <= 2 ? drinks.id : null, isEnabled: i !== 5 };
      made.push((await owner.post('/api/products', body)).body.id);
    }
    const search = await owner.post('/api/products', { name: '100%果汁', code: 'JUICE_1', unit: '瓶' });

    const page2 = await owner.get('/api/products?page=2&pageSize=2');
    expect(page2.body).toMatchObject({ total: 6, page: 2, pageSize: 2 });
    expect(page2.body.items).toHaveLength(2);
    const all = await owner.get('/api/products?pageSize=200');
    expect(new Set(ids(all.body))).toEqual(new Set([...made, search.body.id]));
    expect(ids((await owner.get('/api/products?q=sku-3')).body)).toEqual([made[2]]);
    expect(ids((await owner.get('/api/products?q=商品4')).body)).toEqual([made[3]]);
    // LIKE wildcards in ?q= are searched for literally.
    expect(ids((await owner.get('/api/products?q=%25')).body)).toEqual([search.body.id]);
    expect(ids((await owner.get('/api/products?q=E_1')).body)).toEqual([search.body.id]);
    expect(new Set(ids((await owner.get(`/api/products?categoryId=${drinks.id}`)).body))).toEqual(new Set(made.slice(0, 2)));
    expect(ids((await owner.get('/api/products?isEnabled=false')).body)).toEqual([made[4]]);
    expect((await owner.get('/api/products?isEnabled=true')).body.total).toBe(5);

    const tooBig = await owner.get('/api/products?pageSize=201');
    expect(tooBig.status).toBe(400);
    expect(tooBig.body.error.details[0].field).toBe('pageSize');
    expect((await owner.get('/api/products?page=0')).status).toBe(400);
  });

  it('soft-deletes a product: it stays readable, switched off', async () => {
    const owner = await t.registerShop();
    const product = (await owner.post('/api/products', { name: '旧货', code: 'OLD', unit: '件' })).body;
    const deleted = await owner.delete(`/api/products/${product.id}`);
    expect(deleted.status).toBe(200);
    expect(deleted.body.isEnabled).toBe(false);
    expect((await owner.get(`/api/products/${product.id}`)).body.isEnabled).toBe(false);
    expect((await owner.get('/api/products?isEnabled=true')).body.total).toBe(0);
    expect((await owner.get('/api/products?isEnabled=false')).body.total).toBe(1);
  });

  it('refuses duplicate codes and names with 409 naming the field', async () => {
    const owner = await t.registerShop();
    await owner.post('/api/products', { name: 'A', code: 'X1', unit: '个' });
    const other = (await owner.post('/api/products', { name: 'B', code: 'X2', unit: '个' })).body;
    const duplicates: Array<[string, string, unknown, string]> = [
      ['POST', '/api/products', { name: 'C', code: 'X1', unit: '个' }, 'code'],
      ['PUT', `/api/products/${other.id}`, { code: 'X1' }, 'code'],
    ];
    await owner.post('/api/categories', { name: '饮料' });
    duplicates.push(['POST', '/api/categories', { name: '饮料' }, 'name']);
    await owner.post('/api/suppliers', { name: '甲', code: 'SUP' });
    duplicates.push(['POST', '/api/suppliers', { name: '乙', code: 'SUP' }, 'code']);
    await owner.post('/api/customers', { name: '丙', code: 'CUS' });
    duplicates.push(['POST', '/api/customers', { name: '丁', code: 'CUS' }, 'code']);
    duplicates.push(['POST', '/api/stock-points', { name: '默认仓库' }, 'name']);
    for (const [method, url, body, field] of duplicates) {
      const response = await owner.request(method, url, body);
      expect(response.status, `${method} ${url}`).toBe(409);
      expect(response.body.error).toMatchObject({ code: 'DUPLICATE', details: [{ field }] });
    }
    expect((await owner.get(`/api/products/${other.id}`)).body.code).toBe('X2');
    // Codes are unique per shop only, and records without a code never collide.
    const elsewhere = await t.registerShop();
    expect((await elsewhere.post('/api/products', { name: 'A', code: 'X1', unit: '个' })).status).toBe(201);
    expect((await owner.post('/api/suppliers', { name: '无编码一' })).status).toBe(201);
    expect((await owner.post('/api/suppliers', { name: '无编码二', code: '' })).status).toBe(201);
  });

  it('manages categories with status filter and soft delete', async () => {
    const owner = await t.registerShop();
    const drinks = (await owner.post('/api/categories', { name: '饮料' })).body;
    const snacks = (await owner.post('/api/categories', { name: '零食' })).body;
    expect(drinks).toMatchObject({ name: '饮料', status: 'active' });
    const renamed = await owner.put(`/api/categories/${drinks.id}`, { name: '酒水饮料' });
    expect(renamed.body.name).toBe('酒水饮料');
    expect((await owner.delete(`/api/categories/${snacks.id}`)).body.status).toBe('inactive');
    expect(ids((await owner.get('/api/categories?status=active')).body)).toEqual([drinks.id]);
    expect(ids((await owner.get('/api/categories?status=inactive')).body)).toEqual([snacks.id]);
    expect(ids((await owner.get('/api/categories?q=酒水')).body)).toEqual([drinks.id]);
    // An update changes only what it names: renaming does not switch the category back on.
    const renamedInactive = await owner.put(`/api/categories/${snacks.id}`, { name: '休闲零食' });
    expect(renamedInactive.body).toMatchObject({ name: '休闲零食', status: 'inactive' });
    expect((await owner.get(`/api/categories/${snacks.id}`)).body.status).toBe('inactive');
    expect((await owner.get('/api/categories?status=gone')).status).toBe(400);
  });

  it('manages suppliers with every field, search by code and soft delete', async () => {
    const owner = await t.registerShop();
    const fields = { name: '华润批发', code: 'HR-01', address: '深圳南山', contactPerson: '陈经理', phone: '13800000000', remarks: '月结' };
    const created = await owner.post('/api/suppliers', fields);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ ...fields, status: 'active', createdBy: owner.userId });
    await owner.post('/api/suppliers', { name: '其他批发', code: 'QT-02' });
    expect(ids((await owner.get('/api/suppliers?q=hr-0')).body)).toEqual([created.body.id]);
    expect(ids((await owner.get('/api/suppliers?q=华润')).body)).toEqual([created.body.id]);
    const updated = await owner.put(`/api/suppliers/${created.body.id}`, { phone: '021-1234', code: null });
    expect(updated.body).toMatchObject({ ...fields, phone: '021-1234', code: null });
    expect((await owner.delete(`/api/suppliers/${created.body.id}`)).body.status).toBe('inactive');
    expect(ids((await owner.get('/api/suppliers?status=inactive')).body)).toEqual([created.body.id]);
    expect((await owner.get('/api/suppliers?status=active')).body.total).toBe(1);
  });

  it('manages customers with available products and service months', async () => {
    const owner = await t.registerShop();
    const cola = (await owner.post('/api/products', { name: '可乐', unit: '瓶' })).body;
    const tea = (await owner.post('/api/products', { name: '绿茶', unit: '瓶' })).body;
    const created = await owner.post('/api/customers', {
      name: '张记小卖部',
      code: 'C-1',
      phone: '139',
      availableProductIds: [tea.id, cola.id, tea.id],
      serviceMonths: 12,
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: '张记小卖部', code: 'C-1', serviceMonths: 12, status: 'active' });
    expect(created.body.availableProducts).toEqual([
      { id: cola.id, name: '可乐' },
      { id: tea.id, name: '绿茶' },
    ]);
    expect(created.body).not.toHaveProperty('availableProductIds');

    const narrowed = await owner.put(`/api/customers/${created.body.id}`, { availableProductIds: [cola.id], serviceMonths: 6 });
    expect(narrowed.body).toMatchObject({ serviceMonths: 6, availableProducts: [{ id: cola.id, name: '可乐' }] });
    const untouched = await owner.put(`/api/customers/${created.body.id}`, { name: '张记超市' });
    expect(untouched.body).toMatchObject({ name: '张记超市', availableProducts: [{ id: cola.id, name: '可乐' }] });
    const missing = await owner.put(`/api/customers/${created.body.id}`, { availableProductIds: [cola.id, '999999999'] });
    expect(missing.status).toBe(404);
    expect(missing.body.error.details).toEqual([{ field: 'availableProductIds.1', message: 'not found' }]);
    expect((await owner.get(`/api/customers/${created.body.id}`)).body.availableProducts).toEqual([{ id: cola.id, name: '可乐' }]);

    const badMonths = await owner.post('/api/customers', { name: '李四', serviceMonths: -1 });
    expect(badMonths.status).toBe(400);
    expect(badMonths.body.error.details[0].field).toBe('serviceMonths');
    expect((await owner.delete(`/api/customers/${created.body.id}`)).body.status).toBe('inactive');
    expect((await owner.get('/api/customers?status=active')).body.total).toBe(0);
  });

  it('keeps exactly one default stock point, which cannot be deleted or switched off', async () => {
    const owner = await t.registerShop();
    const original = (await owner.get('/api/stock-points')).body.items[0];
    const second = (await owner.post('/api/stock-points', { name: '二号仓', code: 'W2', address: '后院' })).body;
    expect(second).toMatchObject({ name: '二号仓', code: 'W2', address: '后院', isDefault: false, status: 'active' });

    for (const [method, url, body] of [
      ['DELETE', `/api/stock-points/${original.id}`],
      ['PUT', `/api/stock-points/${original.id}`, { status: 'inactive' }],
      ['PUT', `/api/stock-points/${original.id}`, { isDefault: false }],
    ] as Array<[string, string, unknown?]>) {
      const response = await owner.request(method, url, body);
      expect(response.status, `${method} ${url} ${JSON.stringify(body)}`).toBe(409);
    }
    expect((await owner.get(`/api/stock-points/${original.id}`)).body).toMatchObject({ isDefault: true, status: 'active' });
    const readdressed = await owner.put(`/api/stock-points/${original.id}`, { address: '前店' });
    expect(readdressed.status).toBe(200);
    expect(readdressed.body).toMatchObject({ address: '前店', isDefault: true, status: 'active' });

    const moved = await owner.put(`/api/stock-points/${second.id}`, { isDefault: true });
    expect(moved.body.isDefault).toBe(true);
    expect((await owner.get(`/api/stock-points/${original.id}`)).body.isDefault).toBe(false);
    const list = await owner.get('/api/stock-points');
    expect(list.body.items.filter((p: { isDefault: boolean }) => p.isDefault).map((p: { id: string }) => p.id)).toEqual([second.id]);
    expect((await owner.delete(`/api/stock-points/${original.id}`)).body.status).toBe('inactive');
    expect(ids((await owner.get('/api/stock-points?status=active')).body)).toEqual([second.id]);

    // An inactive stock point cannot become the default.
    const refused = await owner.put(`/api/stock-points/${original.id}`, { isDefault: true });
    expect(refused.status).toBe(409);
    expect((await owner.get(`/api/stock-points/${second.id}`)).body.isDefault).toBe(true);
    const third = await owner.post('/api/stock-points', { name: '三号仓', isDefault: true });
    expect(third.body.isDefault).toBe(true);
    expect((await owner.get(`/api/stock-points/${second.id}`)).body.isDefault).toBe(false);
  });

  it('hides inbound prices and stock from staff the shop restricts', async () => {
    const owner = await t.registerShop();
    const staff = await t.addStaff(owner);
    const product = (await owner.post('/api/products', { name: '可乐', code: 'K', unit: '瓶', inboundPrice: 2, outboundPrice: 3 })).body;
    await owner.put('/api/shop', { staffPermissions: { hideInboundPrice: true, hideInventory: true } });
    for (const body of [
      (await staff.get(`/api/products/${product.id}`)).body,
      (await staff.get('/api/products/by-code/K')).body,
      (await staff.get('/api/products')).body.items[0],
    ]) {
      expect(body.outboundPrice).toBe('3.00');
      expect(body).not.toHaveProperty('inboundPrice');
      expect(body).not.toHaveProperty('stockQuantity');
    }
    expect((await owner.get(`/api/products/${product.id}`)).body.inboundPrice).toBe('2.00');
  });
});
