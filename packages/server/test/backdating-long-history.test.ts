import { beforeAll, expect, it } from 'vitest';
import { createTestApp, describeOnDatabase, type Client, type TestApp } from './support/harness.ts';
import { seedShopHistory } from './support/seeded-history.ts';
import { balanceOf, postBill } from './support/stock.ts';

// More later rows than one round of reading and rewriting takes (10,000), so a backdated bill crosses chunks.
const HOT_ROWS = 12_500;

describeOnDatabase('backdating before a long history', () => {
  let t: TestApp;
  let owner: Client;
  let hot: string;
  beforeAll(async () => {
    t = await createTestApp();
    owner = await t.registerShop();
    hot = await seedShopHistory(t, owner, { others: 5, ledgerRows: HOT_ROWS * 5 + 100, hotRows: HOT_ROWS, firstDay: '2025-01-01', days: 600 });
    // Leave one unit at the end of the history: the lowest point now lies in its last chunk.
    const { quantity } = (await balanceOf(owner, hot))!;
    expect((await postBill(owner, 'out', [{ productId: hot, quantity: Number(quantity) - 1, unitPrice: 1 }])).status).toBe(201);
  }, 120_000);

  it('refuses a backdated issue that the end of the history cannot bear, and the rewritten chunks roll back', async () => {
    const ledgerBefore = (await owner.get(`/api/products/${hot}/ledger?page=1&pageSize=50`)).body;
    const refused = await postBill(owner, 'out', [{ productId: hot, quantity: 2, unitPrice: 1 }], { billDate: '2025-01-02' });
    expect(refused.status).toBe(409);
    expect(refused.body.error.details).toEqual([expect.objectContaining({ productId: hot, requested: '2.000', available: '1.000' })]);
    expect((await owner.get(`/api/products/${hot}/ledger?page=1&pageSize=50`)).body).toEqual(ledgerBefore);
    expect(await balanceOf(owner, hot)).toMatchObject({ quantity: '1.000' });
    expect((await owner.get('/api/inventory/verify')).body.drift).toEqual([]);
  }, 60_000);

  it('rewrites every later row of a backdated receipt across chunks, and the books still replay exactly', async () => {
    const posted = await postBill(owner, 'in', [{ productId: hot, quantity: 5, unitPrice: '0.01' }], { billDate: '2025-01-02' });
    expect(posted.status).toBe(201);
    expect(await balanceOf(owner, hot)).toMatchObject({ quantity: '6.000' });
    const newest = (await owner.get(`/api/products/${hot}/ledger?page=1&pageSize=1`)).body;
    expect(newest.total).toBeGreaterThan(HOT_ROWS);
    const verification = (await owner.get('/api/inventory/verify')).body;
    expect(verification.drift).toEqual([]);
    expect(verification.checkedLedgerRows).toBeGreaterThan(HOT_ROWS * 5);
  }, 60_000);
});
