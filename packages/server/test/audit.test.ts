import { shopDay } from '@xiaocang/domain';
import { addDays } from '@xiaocang/analytics';
import { beforeAll, expect, it } from 'vitest';
import { createTestApp, describeOnDatabase, type Client, type TestApp } from './support/harness.ts';
import { createProduct, postBill } from './support/stock.ts';

interface Entry {
  userId: string | null;
  userName: string | null;
  action: string;
  actionLabel: string;
  entity: string;
  entityLabel: string;
  entityId: string | null;
  recordName: string | null;
  changes: Array<{ field: string; label: string; before: string | null; after: string | null }>;
}
const trail = async (owner: Client, query = '') => (await owner.get<{ items: Entry[]; total: number }>(`/api/audit?pageSize=200${query}`)).body;

describeOnDatabase('audit trail', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });

  it('keeps who changed which fields of a record, before and after, and shows it to the owner by record and by person', async () => {
    const owner = await t.registerShop('审计小店');
    const staff = await t.addStaff(owner);
    const cola = await createProduct(owner, { name: '可乐', unit: '瓶', outboundPrice: '3' });
    expect((await owner.put(`/api/products/${cola}`, { name: '可乐 330ml', outboundPrice: '3.5' })).status).toBe(200);
    // The same values again change nothing, and leave no row.
    expect((await owner.put(`/api/products/${cola}`, { outboundPrice: '3.50' })).status).toBe(200);
    expect((await postBill(staff, 'in', [{ productId: cola, quantity: 5, unitPrice: 2 }])).status).toBe(201);

    const history = await trail(owner, `&entity=product&entityId=${cola}`);
    expect(history.items.map((entry) => entry.action)).toEqual(['update', 'create']);
    const [update, create] = history.items;
    expect(update).toMatchObject({ actionLabel: '修改', entityLabel: '商品', recordName: '可乐 330ml', userId: owner.userId });
    expect(update!.changes).toEqual([
      { field: 'name', label: '名称', before: '可乐', after: '可乐 330ml' },
      { field: 'outboundPrice', label: '零售价', before: '3.00', after: '3.50' },
    ]);
    expect(create!.changes).toContainEqual({ field: 'name', label: '名称', before: null, after: '可乐' });

    const byStaff = await trail(owner, `&userId=${staff.userId}`);
    expect(byStaff.items.length).toBeGreaterThan(0);
    expect(byStaff.items.every((entry) => entry.userId === staff.userId && entry.userName !== null)).toBe(true);
    expect(byStaff.items.map((entry) => `${entry.entity}:${entry.action}`)).toEqual(['bill:confirm', 'bill:create']);
  });

  it('records what a draft bill, a staff member and the shop settings were before and after', async () => {
    const owner = await t.registerShop();
    const staff = await t.addStaff(owner);
    const tea = await createProduct(owner, { name: '绿茶', unit: '瓶' });
    const draft = await postBill(owner, 'in', [{ productId: tea, quantity: 2, unitPrice: 1 }], { confirm: false });
    expect(
      (await owner.put(`/api/bills/${draft.body.id}`, { billType: '采购入库', billDate: '2026-11-20', lines: [{ productId: tea, quantity: 3, unitPrice: 1 }], remarks: '补货' })).status,
    ).toBe(200);
    expect((await owner.put(`/api/staff/${staff.userId}`, { realName: '小王', status: 'inactive' })).status).toBe(200);
    expect((await owner.put('/api/shop', { allowNegativeStock: true })).status).toBe(200);

    const bill = (await trail(owner, `&entity=bill&entityId=${draft.body.id}`)).items[0]!;
    expect(bill.changes).toEqual([
      { field: 'remarks', label: '备注', before: '', after: '补货' },
      { field: 'lines', label: '明细', before: '绿茶 ×2.000 @1.0000', after: '绿茶 ×3.000 @1.0000' },
    ]);
    const member = (await trail(owner, `&entity=staff&entityId=${staff.userId}`)).items[0]!;
    expect(member.changes).toEqual(expect.arrayContaining([{ field: 'status', label: '状态', before: 'active', after: 'inactive' }]));
    expect(member.recordName).toBe('小王');
    const shop = (await trail(owner, '&entity=shop')).items[0]!;
    expect(shop.changes).toEqual([{ field: 'allowNegativeStock', label: '允许负库存', before: 'false', after: 'true' }]);
  });

  it('filters by shop day and refuses a period that ends before it starts', async () => {
    const owner = await t.registerShop();
    await createProduct(owner);
    const today = shopDay(new Date());
    expect((await trail(owner, `&from=${today}&to=${today}`)).total).toBeGreaterThanOrEqual(2);
    expect((await trail(owner, `&to=${addDays(today, -1)}`)).total).toBe(0);
    const refused = await owner.get(`/api/audit?from=${today}&to=${addDays(today, -1)}`);
    expect(refused.status).toBe(400);
    expect(refused.body.error.details[0].field).toBe('to');
  });

  it('is the owner’s alone, shows no other shop’s rows, and no statement can change or remove a row', async () => {
    const owner = await t.registerShop();
    const staff = await t.addStaff(owner);
    const other = await t.registerShop();
    const product = await createProduct(other, { name: '别家商品' });
    expect((await staff.get('/api/audit')).status).toBe(403);
    const mine = await trail(owner);
    expect(mine.items.some((entry) => entry.recordName === '别家商品')).toBe(false);
    expect((await trail(owner, `&entity=product&entityId=${product}`)).total).toBe(0);

    await expect(t.db.query(`UPDATE audit_log SET action = 'nothing' WHERE shop_id = $1`, [owner.shopId])).rejects.toThrow(/append-only/);
    await expect(t.db.query('DELETE FROM audit_log WHERE shop_id = $1', [owner.shopId])).rejects.toThrow(/append-only/);
    expect((await trail(owner)).total).toBe(mine.total);
  });

  it('never keeps a password, even in what a create was given', async () => {
    const owner = await t.registerShop();
    const created = await owner.post('/api/staff', { username: `s${Date.now()}`, password: 'secret-pass-1', realName: '新人' });
    expect(created.status).toBe(201);
    expect((await owner.post(`/api/staff/${created.body.id}/reset-password`, { password: 'secret-pass-2' })).status).toBeLessThan(300);
    const text = JSON.stringify(await trail(owner));
    expect(text).not.toContain('secret-pass');
  });
});
