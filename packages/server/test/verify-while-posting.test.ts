import { beforeAll, afterAll, expect, it } from 'vitest';
import { replayLedgers } from '../src/use-cases/inventory/verify-inventory.ts';
import { createTestApp, describeOnDatabase, type Client, type TestApp } from './support/harness.ts';
import { createProduct, postBill } from './support/stock.ts';

describeOnDatabase('the books replayed while bills are posted', () => {
  let t: TestApp;
  let owner: Client;
  const products: string[] = [];
  beforeAll(async () => {
    t = await createTestApp();
    owner = await t.registerShop();
    for (let i = 0; i < 200; i++) products.push(await createProduct(owner, { inboundPrice: '1.00' }));
    expect((await postBill(owner, 'in', products.map((productId) => ({ productId, quantity: 100, unitPrice: 1 })))).status).toBe(201);
  }, 120_000);
  afterAll(() => t.close());

  it('finds no difference in books that postings keep changing (start-up checks them while requests go on)', async () => {
    let posting = true;
    const poster = (async () => {
      for (let i = 0; posting; i++) {
        const productId = products[i % products.length]!;
        const response = await postBill(owner, i % 2 ? 'out' : 'in', [{ productId, quantity: 1, unitPrice: 2 }]);
        expect(response.status).toBe(201);
      }
    })();
    try {
      for (let round = 0; round < 5; round++) {
        const verified = await replayLedgers(t.db, owner.shopId);
        expect(verified.drift).toEqual([]);
        expect(verified.checkedBalances).toBe(products.length);
      }
    } finally {
      posting = false;
      await poster;
    }
  });
});
