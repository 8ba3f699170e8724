import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, expect, it } from 'vitest';
import { createTestApp, describeOnDatabase, type Client, type TestApp } from './support/harness.ts';
import { setSwitches } from './support/rich-shop.ts';
import { createProduct, postBill } from './support/stock.ts';

/** Suppliers and customers: who may change them, and what bills remember of them. */
describeOnDatabase('suppliers and customers', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });

  async function shop() {
    const owner = await t.registerShop();
    const staff = await t.addStaff(owner);
    const supplier = (await owner.post('/api/suppliers', { name: '义乌批发', phone: '123' })).body.id as string;
    const customer = (await owner.post('/api/customers', { name: '老王' })).body.id as string;
    const productId = await createProduct(owner, { inboundPrice: '4', outboundPrice: '9' });
    return { owner, staff, supplier, customer, productId };
  }

  async function expectStatus(client: Client, calls: Array<[string, string, unknown?]>, status: number) {
    for (const [method, url, body] of calls) {
      const response = await client.request(method, url, body);
      expect(response.status, `${method} ${url}: ${JSON.stringify(response.body)}`).toBe(status);
    }
  }

  it('disableProductEdit keeps staff from creating, renaming and deleting them, while bills still name them', async () => {
    const { owner, staff, supplier, customer, productId } = await shop();
    const writes = (id: { supplier: string; customer: string }): Array<[string, string, unknown?]> => [
      ['POST', '/api/suppliers', { name: '新供应商' }],
      ['PUT', `/api/suppliers/${id.supplier}`, { name: '改名' }],
      ['DELETE', `/api/suppliers/${id.supplier}`],
      ['POST', '/api/customers', { name: '新客户' }],
      ['PUT', `/api/customers/${id.customer}`, { name: '改名', availableProductIds: [productId] }],
      ['DELETE', `/api/customers/${id.customer}`],
    ];
    // Without the switch a staff member may do all of it.
    const own = {
      supplier: (await staff.post('/api/suppliers', { name: '员工的供应商' })).body.id,
      customer: (await staff.post('/api/customers', { name: '员工的客户' })).body.id,
    };
    await expectStatus(staff, writes(own).slice(1, 2), 200);

    await setSwitches(owner, { disableProductEdit: true });
    const before = { supplier: (await owner.get(`/api/suppliers/${supplier}`)).body, customer: (await owner.get(`/api/customers/${customer}`)).body };
    await expectStatus(staff, writes({ supplier, customer }), 403);
    await expectStatus(staff, writes(own), 403);
    expect((await owner.get(`/api/suppliers/${supplier}`)).body).toEqual(before.supplier);
    expect((await owner.get(`/api/customers/${customer}`)).body).toEqual(before.customer);
    expect((await owner.get('/api/suppliers')).body.total).toBe(2);
    expect((await owner.get('/api/customers')).body.total).toBe(2);

    // Reading and using them stays open.
    expect((await staff.get(`/api/suppliers/${supplier}`)).body.name).toBe('义乌批发');
    // Priced at nothing, so nobody owes anybody and the owner may delete them below.
    expect((await postBill(staff, 'in', [{ productId, quantity: 5, unitPrice: 0 }], { supplierId: supplier })).body).toMatchObject({ status: 'confirmed', supplierName: '义乌批发' });
    expect((await postBill(staff, 'out', [{ productId, quantity: 1, unitPrice: 0 }], { customerId: customer })).body).toMatchObject({ status: 'confirmed', customerName: '老王' });
    // The owner is never bound.
    await expectStatus(owner, writes({ supplier, customer }).filter(([method]) => method !== 'POST'), 200);
  });

  it('a bill keeps the name its counterparty had when the bill was made or last edited', async () => {
    const { owner, supplier, customer, productId } = await shop();
    // Priced at nothing: the shop owes the supplier nothing, so it may be switched off below.
    const receipt = (await postBill(owner, 'in', [{ productId, quantity: 10, unitPrice: 0 }], { supplierId: supplier })).body;
    const sale = (await postBill(owner, 'out', [{ productId, quantity: 2 }], { customerId: customer })).body;
    const draft = (await postBill(owner, 'in', [{ productId, quantity: 1 }], { supplierId: supplier, confirm: false })).body;
    const reversed = (await postBill(owner, 'in', [{ productId, quantity: 3 }], { supplierId: supplier })).body;

    expect((await owner.put(`/api/suppliers/${supplier}`, { name: '义乌新批发' })).status).toBe(200);
    expect((await owner.put(`/api/customers/${customer}`, { name: '王总' })).status).toBe(200);

    expect((await owner.get(`/api/bills/${receipt.id}`)).body).toMatchObject({ supplierId: supplier, supplierName: '义乌批发', customerName: null });
    expect((await owner.get(`/api/bills/${sale.id}`)).body).toMatchObject({ customerId: customer, customerName: '老王', supplierName: null });
    const listed = (await owner.get('/api/bills?pageSize=200')).body.items as Array<{ id: string; supplierName: string | null; customerName: string | null }>;
    const named = (id: string) => listed.find((bill) => bill.id === id);
    expect([named(receipt.id)?.supplierName, named(sale.id)?.customerName, named(draft.id)?.supplierName]).toEqual(['义乌批发', '老王', '义乌批发']);
    // Search finds a bill by the name it shows.
    const found = (await owner.get(`/api/bills?q=${encodeURIComponent('老王')}`)).body.items as Array<{ id: string }>;
    expect(found.map((bill) => bill.id)).toEqual([sale.id]);

    // A counter-bill names whom its bill named; a bill made or edited now takes today's name.
    const counter = (await owner.post(`/api/bills/${reversed.id}/reverse`)).body;
    expect(counter).toMatchObject({ kind: 'reversal', supplierId: supplier, supplierName: '义乌批发' });
    const edited = await owner.put(`/api/bills/${draft.id}`, { billType: '采购入库', billDate: '2026-11-20', supplierId: supplier, lines: [{ productId, quantity: 2 }] });
    expect(edited.body).toMatchObject({ supplierName: '义乌新批发', totalQuantity: '2.000' });
    expect((await postBill(owner, 'out', [{ productId, quantity: 1 }], { customerId: customer })).body.customerName).toBe('王总');

    // Switching the supplier off changes nothing on its bills either.
    expect((await owner.delete(`/api/suppliers/${supplier}`)).status).toBe(200);
    expect((await owner.get(`/api/bills/${receipt.id}`)).body.supplierName).toBe('义乌批发');
  });

  it('migration 004 writes the names onto the bills made before it', async () => {
    const folder = fileURLToPath(new URL('../src/db/migrations/', import.meta.url));
    const files = readdirSync(folder).filter((name) => name.endsWith('.sql')).sort();
    const migration = files.find((name) => name.startsWith('004_'))!;
    const rolledBack = new Error('rolled back on purpose');
    let bills: unknown[] = [];
    // The schema as it was before 004, in a scratch schema of a transaction that never commits.
    await expect(
      t.db.transaction(async (tx) => {
        await tx.exec('CREATE SCHEMA before_004; SET LOCAL search_path TO before_004');
        for (const name of files.filter((file) => file < migration)) await tx.exec(readFileSync(folder + name, 'utf8'));
        await tx.exec(`
          INSERT INTO shops (id, name, staff_permissions) OVERRIDING SYSTEM VALUE VALUES (1, '老店', '{}');
          INSERT INTO users (shop_id, id, username, password_hash, real_name, role) OVERRIDING SYSTEM VALUE VALUES (1, 1, 'boss', 'x', '店主', 'owner');
          INSERT INTO suppliers (shop_id, id, name) OVERRIDING SYSTEM VALUE VALUES (1, 1, '义乌批发');
          INSERT INTO customers (shop_id, id, name) OVERRIDING SYSTEM VALUE VALUES (1, 1, '老王');
          INSERT INTO stock_points (shop_id, id, name, is_default) OVERRIDING SYSTEM VALUE VALUES (1, 1, '仓库', true);
          INSERT INTO stock_bills (shop_id, id, direction, bill_type, bill_date, stock_point_id, supplier_id, customer_id, status, created_by)
            OVERRIDING SYSTEM VALUE VALUES
            (1, 1, 'in', '采购入库', '2026-11-01', 1, 1, NULL, 'confirmed', 1),
            (1, 2, 'out', '销售出库', '2026-11-02', 1, NULL, 1, 'confirmed', 1),
            (1, 3, 'out', '领用出库', '2026-11-03', 1, NULL, NULL, 'draft', 1);`);
        await tx.exec(readFileSync(folder + migration, 'utf8'));
        bills = await tx.query('SELECT id::text, supplier_name, customer_name FROM stock_bills ORDER BY id');
        throw rolledBack;
      }),
    ).rejects.toBe(rolledBack);
    expect(bills).toEqual([
      { id: '1', supplier_name: '义乌批发', customer_name: null },
      { id: '2', supplier_name: null, customer_name: '老王' },
      { id: '3', supplier_name: null, customer_name: null },
    ]);
  });
});
