import { beforeAll, expect, it } from 'vitest';
import { createTestApp, describeOnDatabase, uniqueName, type Client, type TestApp } from './support/harness.ts';
import { ALL_OFF, setMemberSwitches, setSwitches } from './support/rich-shop.ts';
import { createProduct, postBill } from './support/stock.ts';

/** The owner sets switches for one staff member; every other switch follows the shop's set. */
describeOnDatabase('staff switches per member', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });

  /** A product holding 20 at 4.00, sold at 9.00, and two staff members. */
  async function shop() {
    const owner = await t.registerShop();
    const [amy, bo] = [await t.addStaff(owner), await t.addStaff(owner)];
    const productId = await createProduct(owner, { inboundPrice: '4', outboundPrice: '9' });
    expect((await postBill(owner, 'in', [{ productId, quantity: 20 }])).status).toBe(201);
    return { owner, amy, bo, productId };
  }

  /** What a member sees of the product: its purchase price and its stock, absent when hidden. */
  const productSeenBy = async (client: Client, productId: string) => {
    const product = (await client.get(`/api/products/${productId}`)).body;
    return { inboundPrice: product.inboundPrice, stockQuantity: product.stockQuantity };
  };
  const permissionsOf = async (client: Client) => (await client.get('/api/me')).body.permissions;

  it('two members with different overrides see and may do different things on the same routes', async () => {
    const { owner, amy, bo, productId } = await shop();
    await setSwitches(owner, { hideInboundPrice: true });
    await setMemberSwitches(owner, amy.userId, { hideInventory: true, disableOutbound: true });
    await setMemberSwitches(owner, bo.userId, { hideInboundPrice: false });

    expect(await productSeenBy(amy, productId)).toEqual({ inboundPrice: undefined, stockQuantity: undefined });
    expect(await productSeenBy(bo, productId)).toEqual({ inboundPrice: '4.00', stockQuantity: '20.000' });
    expect(await permissionsOf(amy)).toEqual({ ...ALL_OFF, hideInboundPrice: true, hideInventory: true, disableOutbound: true });
    expect(await permissionsOf(bo)).toEqual(ALL_OFF);

    expect((await amy.get('/api/inventory')).status).toBe(403);
    expect((await bo.get('/api/inventory')).body.totals).toMatchObject({ stockValue: '80.00' });
    expect((await postBill(amy, 'out', [{ productId, quantity: 1 }])).status).toBe(403);
    const sale = await postBill(bo, 'out', [{ productId, quantity: 1 }]);
    expect(sale.body).toMatchObject({ status: 'confirmed', totalCost: '4.00', lines: [{ stockAfter: '19.000' }] });
    // The same bill, read by each.
    const amySees = (await amy.get(`/api/bills/${sale.body.id}`)).body;
    expect(amySees).not.toHaveProperty('totalCost');
    expect(amySees.lines[0]).not.toHaveProperty('stockAfter');
    expect((await bo.get(`/api/bills/${sale.body.id}`)).body.lines[0]).toMatchObject({ stockAfter: '19.000', costAmount: '4.00' });

    // The owner sees each member's overrides and the switches that bind them.
    expect((await owner.get(`/api/staff/${amy.userId}`)).body).toMatchObject({
      permissionOverrides: { hideInventory: true, disableOutbound: true },
      permissions: { ...ALL_OFF, hideInboundPrice: true, hideInventory: true, disableOutbound: true },
    });
    const listed = (await owner.get('/api/staff')).body.items as Array<{ id: string; permissionOverrides: object; permissions: object }>;
    expect(listed.find((member) => member.id === bo.userId)).toMatchObject({ permissionOverrides: { hideInboundPrice: false }, permissions: ALL_OFF });
  });

  it('a change binds the member from their next request; the shop\'s set still reaches members who did not set that switch', async () => {
    const { owner, amy, bo, productId } = await shop();
    expect(await productSeenBy(amy, productId)).toEqual({ inboundPrice: '4.00', stockQuantity: '20.000' });

    const changed = await owner.put(`/api/staff/${amy.userId}`, { permissionOverrides: { hideInboundPrice: true } });
    expect(changed.body).toMatchObject({ permissionOverrides: { hideInboundPrice: true }, permissions: { hideInboundPrice: true } });
    expect(await productSeenBy(amy, productId)).toEqual({ inboundPrice: undefined, stockQuantity: '20.000' });
    expect(await productSeenBy(bo, productId)).toEqual({ inboundPrice: '4.00', stockQuantity: '20.000' });

    // The shop hides stock from everyone, except a member whose own setting says otherwise.
    await setMemberSwitches(owner, bo.userId, { hideInventory: false });
    await setSwitches(owner, { hideInventory: true, adminApproval: true });
    expect(await productSeenBy(amy, productId)).toEqual({ inboundPrice: undefined, stockQuantity: undefined });
    expect(await productSeenBy(bo, productId)).toEqual({ inboundPrice: '4.00', stockQuantity: '20.000' });
    expect((await postBill(amy, 'out', [{ productId, quantity: 1 }])).body.status).toBe('pending');
    expect((await postBill(bo, 'out', [{ productId, quantity: 1 }])).body.status).toBe('pending');

    // null returns a switch to the shop's set; other overrides stay.
    await setMemberSwitches(owner, amy.userId, { adminApproval: false });
    const cleared = await owner.put(`/api/staff/${amy.userId}`, { permissionOverrides: { hideInboundPrice: null } });
    expect(cleared.body.permissionOverrides).toEqual({ adminApproval: false });
    expect(await productSeenBy(amy, productId)).toEqual({ inboundPrice: '4.00', stockQuantity: undefined });
    expect((await postBill(amy, 'out', [{ productId, quantity: 1 }])).body.status).toBe('confirmed');
    // A deactivated and reactivated member keeps their settings.
    await owner.post(`/api/staff/${amy.userId}/deactivate`);
    expect((await owner.put(`/api/staff/${amy.userId}`, { status: 'active' })).body.permissionOverrides).toEqual({ adminApproval: false });
  });

  it('only the owner sets them, at creation or later, and a misnamed switch is refused by name', async () => {
    const { owner, amy, bo } = await shop();
    expect((await amy.put(`/api/staff/${bo.userId}`, { permissionOverrides: { hideInventory: false } })).status).toBe(403);
    expect((await amy.put(`/api/staff/${amy.userId}`, { permissionOverrides: { hideInventory: false } })).status).toBe(403);
    expect((await owner.put(`/api/staff/${owner.userId}`, { permissionOverrides: { hideInventory: true } })).status).toBe(404);

    const misnamed = await owner.put(`/api/staff/${amy.userId}`, { permissionOverrides: { hideStock: true } });
    expect([misnamed.status, misnamed.body.error.details[0].field]).toEqual([400, 'permissionOverrides.hideStock']);
    const notBoolean = await owner.put(`/api/staff/${amy.userId}`, { permissionOverrides: { hideInventory: 'yes' } });
    expect([notBoolean.status, notBoolean.body.error.details[0].field]).toEqual([400, 'permissionOverrides.hideInventory']);
    expect((await owner.get(`/api/staff/${amy.userId}`)).body.permissionOverrides).toEqual({});

    const created = await owner.post('/api/staff', {
      username: uniqueName('staff'),
      password: 'password123',
      realName: '小陈',
      permissionOverrides: { ownRecordsOnly: true, hideInventory: null },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ permissionOverrides: { ownRecordsOnly: true }, permissions: { ...ALL_OFF, ownRecordsOnly: true } });
  });
});
