import { beforeAll, expect, it } from 'vitest';
import { setSwitches } from './support/rich-shop.ts';
import { createTestApp, describeOnDatabase, type TestApp } from './support/harness.ts';

describeOnDatabase('opening stock when a product is created', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });

  it('creates the product and posts its opening stock as one 期初入库 bill at the given cost', async () => {
    const owner = await t.registerShop();
    const created = await owner.post('/api/products', { name: '红茶', unit: '罐', inboundPrice: '30', openingStock: { quantity: '12', unitCost: '28.5' } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: '红茶', stockQuantity: '12.000', avgCost: '28.5000' });
    expect(created.body).not.toHaveProperty('openingStock');
    const bills = (await owner.get('/api/bills?direction=in')).body.items;
    expect(bills).toHaveLength(1);
    const bill = (await owner.get(`/api/bills/${bills[0].id}`)).body;
    expect(bill).toMatchObject({ billType: '期初入库', status: 'confirmed', supplierId: null, totalAmount: '342.00', outstandingAmount: '0.00' });
    expect(bill.lines).toMatchObject([{ productId: created.body.id, quantity: '12.000', unitPrice: '28.5000' }]);
    const config = (await owner.get('/api/config')).body;
    expect(config.inboundTypes).toContain('期初入库');
    expect((await owner.get('/api/inventory/verify')).body.drift).toEqual([]);
  });

  it('costs the stock at the inbound price when no cost is given, and still works after the type was removed', async () => {
    const owner = await t.registerShop();
    const config = (await owner.get('/api/config')).body;
    await owner.put('/api/config', { inboundTypes: config.inboundTypes.filter((name: string) => name !== '期初入库') });
    const created = await owner.post('/api/products', { name: '绿茶', unit: '罐', inboundPrice: '20', openingStock: { quantity: '3' } });
    expect(created.status).toBe(201);
    const [listed] = (await owner.get('/api/bills?direction=in')).body.items;
    expect(listed).toMatchObject({ billType: '期初入库', totalAmount: '60.00' });
  });

  it('refuses bad opening stock naming the field, and writes nothing', async () => {
    const owner = await t.registerShop();
    for (const [openingStock, field] of [
      [{ quantity: '0' }, 'openingStock.quantity'],
      [{ quantity: 'abc' }, 'openingStock.quantity'],
      [{ quantity: '1', unitCost: '-1' }, 'openingStock.unitCost'],
    ] as const) {
      const refused = await owner.post('/api/products', { name: '白茶', unit: '罐', openingStock });
      expect(refused.status).toBe(400);
      expect(refused.body.error.details.map((d: { field: string }) => d.field)).toContain(field);
    }
    const other = await t.registerShop('别家');
    const [otherPoint] = (await other.get('/api/stock-points')).body.items;
    const foreign = await owner.post('/api/products', { name: '白茶', unit: '罐', openingStock: { quantity: '1', stockPointId: otherPoint.id } });
    expect(foreign.status).toBe(404);
    expect((await owner.get('/api/products')).body.total).toBe(0);
    expect((await owner.get('/api/bills')).body.total).toBe(0);
  });

  it('a retry with the same Idempotency-Key makes one product and one bill', async () => {
    const owner = await t.registerShop();
    const body = { name: '普洱', unit: '饼', inboundPrice: '100', openingStock: { quantity: '5' } };
    const [first, second] = await Promise.all([
      owner.post('/api/products', body, { 'idempotency-key': 'new-puer' }),
      owner.post('/api/products', body, { 'idempotency-key': 'new-puer' }),
    ]);
    expect([first.status, second.status].sort()).toEqual([201, 201]);
    expect(second.body.id).toBe(first.body.id);
    expect((await owner.get('/api/products')).body.total).toBe(1);
    expect((await owner.get('/api/bills')).body.total).toBe(1);
  });

  it('staff who may not post inbound bills cannot slip stock in with a new product', async () => {
    const owner = await t.registerShop();
    const staff = await t.addStaff(owner);
    await setSwitches(owner, { disableInbound: true });
    const refused = await staff.post('/api/products', { name: '乌龙', unit: '罐', openingStock: { quantity: '9' } });
    expect(refused.status).toBe(403);
    expect((await owner.get('/api/products')).body.total).toBe(0);
  });
});
