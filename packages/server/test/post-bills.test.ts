import { beforeAll, expect, it } from 'vitest';
import type { Transaction } from '../src/db/database.ts';
import { loadPostingBills, postBills } from '../src/use-cases/stock/post-bills.ts';
import { createTestApp, describeOnDatabase, type Client, type TestApp } from './support/harness.ts';
import { createProduct } from './support/stock.ts';

/**
 * The posting function called directly, inside a transaction of the test's own, on bills saved as drafts
 * through the API: what it writes, what it refuses, and that a refusal leaves nothing behind.
 */
describeOnDatabase('postBills, called directly', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });

  const draft = async (owner: Client, direction: 'in' | 'out', billDate: string, lines: Array<{ productId: string; quantity: string; unitPrice: string }>) => {
    const response = await owner.post('/api/bills', { direction, billType: direction === 'in' ? '采购入库' : '销售出库', billDate, lines });
    expect(response.status).toBe(201);
    return response.body.id as string;
  };
  const post = (owner: Client, billIds: string[], work?: (tx: Transaction) => Promise<void>) =>
    t.db.transaction(async (tx) => {
      const who = { shopId: owner.shopId, userId: owner.userId };
      await postBills(tx, who, await loadPostingBills(tx, owner.shopId, billIds));
      await work?.(tx);
    });
  const ledgerOf = (owner: Client, productId: string) =>
    t.db.query<{ quantity: string; unit_cost: string; cost_amount: string; balance_quantity: string; balance_avg_cost: string; balance_amount: string }>(
      `SELECT quantity::text, unit_cost::text, cost_amount::text, balance_quantity::text, balance_avg_cost::text, balance_amount::text
         FROM stock_ledger WHERE shop_id = $1 AND product_id = $2 ORDER BY bill_date, posting_seq, line_no`,
      [owner.shopId, productId],
    );
  const balanceOf = async (owner: Client, productId: string) =>
    (
      await t.db.query<{ quantity: string; avg_cost: string; total_cost: string; ledger_rows: number }>(
        'SELECT quantity::text, avg_cost::text, total_cost::text, ledger_rows::int FROM inventory_balances WHERE shop_id = $1 AND product_id = $2',
        [owner.shopId, productId],
      )
    )[0];

  it('writes the ledger rows, the balance at moving-average cost, the month and the bill’s place, for several bills in one call', async () => {
    const owner = await t.registerShop();
    const a = await createProduct(owner);
    const b = await createProduct(owner);
    const first = await draft(owner, 'in', '2026-11-02', [
      { productId: a, quantity: '10', unitPrice: '2.00' },
      { productId: b, quantity: '4', unitPrice: '1.50' },
    ]);
    const second = await draft(owner, 'in', '2026-11-03', [{ productId: a, quantity: '10', unitPrice: '3.00' }]);
    const sale = await draft(owner, 'out', '2026-11-04', [{ productId: a, quantity: '5', unitPrice: '9.00' }]);
    await post(owner, [first, second, sale]);

    expect(await ledgerOf(owner, a)).toEqual([
      { quantity: '10.000', unit_cost: '2.0000', cost_amount: '20.00', balance_quantity: '10.000', balance_avg_cost: '2.0000', balance_amount: '20.00' },
      { quantity: '10.000', unit_cost: '3.0000', cost_amount: '30.00', balance_quantity: '20.000', balance_avg_cost: '2.5000', balance_amount: '50.00' },
      { quantity: '-5.000', unit_cost: '2.5000', cost_amount: '-12.50', balance_quantity: '15.000', balance_avg_cost: '2.5000', balance_amount: '37.50' },
    ]);
    expect(await balanceOf(owner, a)).toEqual({ quantity: '15.000', avg_cost: '2.5000', total_cost: '37.50', ledger_rows: 3 });
    expect(await balanceOf(owner, b)).toEqual({ quantity: '4.000', avg_cost: '1.5000', total_cost: '6.00', ledger_rows: 1 });
    const months = await t.db.query<{ direction: string; amount: string; cost: string; bill_count: number }>(
      `SELECT direction, amount::text, cost::text, bill_count FROM stats_monthly_bill_types WHERE shop_id = $1 AND year = 2026 AND month = 11 ORDER BY direction`,
      [owner.shopId],
    );
    expect(months).toEqual([
      { direction: 'in', amount: '56.00', cost: '56.00', bill_count: 2 },
      { direction: 'out', amount: '45.00', cost: '12.50', bill_count: 1 },
    ]);
    const places = await t.db.query<{ id: string; posting_seq: string | null }>(
      'SELECT id::text, posting_seq::text FROM stock_bills WHERE shop_id = $1 AND id = ANY($2::bigint[]) ORDER BY posting_seq',
      [owner.shopId, [first, second, sale]],
    );
    expect(places.map((place) => place.id)).toEqual([first, second, sale]);
  });

  it('a bill dated before later postings rewrites the running balances and costs after it', async () => {
    const owner = await t.registerShop();
    const a = await createProduct(owner);
    await post(owner, [await draft(owner, 'in', '2026-11-10', [{ productId: a, quantity: '10', unitPrice: '4.00' }])]);
    await post(owner, [await draft(owner, 'out', '2026-11-12', [{ productId: a, quantity: '4', unitPrice: '9.00' }])]);
    await post(owner, [await draft(owner, 'in', '2026-11-01', [{ productId: a, quantity: '10', unitPrice: '2.00' }])]);

    expect((await ledgerOf(owner, a)).map((row) => [row.quantity, row.cost_amount, row.balance_quantity, row.balance_avg_cost, row.balance_amount])).toEqual([
      ['10.000', '20.00', '10.000', '2.0000', '20.00'],
      ['10.000', '40.00', '20.000', '3.0000', '60.00'],
      ['-4.000', '-12.00', '16.000', '3.0000', '48.00'],
    ]);
    expect(await balanceOf(owner, a)).toMatchObject({ quantity: '16.000', avg_cost: '3.0000', total_cost: '48.00' });
  });

  it('refuses an issue beyond the stock, naming it, and the transaction keeps nothing of it', async () => {
    const owner = await t.registerShop();
    const a = await createProduct(owner);
    await post(owner, [await draft(owner, 'in', '2026-11-10', [{ productId: a, quantity: '5', unitPrice: '4.00' }])]);
    const sale = await draft(owner, 'out', '2026-11-11', [{ productId: a, quantity: '6', unitPrice: '9.00' }]);

    await expect(post(owner, [sale])).rejects.toMatchObject({ code: 'INSUFFICIENT_STOCK', details: [expect.objectContaining({ productId: a, requested: '6.000', available: '5.000' })] });
    expect(await ledgerOf(owner, a)).toHaveLength(1);
    expect(await balanceOf(owner, a)).toMatchObject({ quantity: '5.000', total_cost: '20.00', ledger_rows: 1 });
    const [bill] = await t.db.query<{ posting_seq: string | null }>('SELECT posting_seq::text FROM stock_bills WHERE shop_id = $1 AND id = $2', [owner.shopId, sale]);
    expect(bill!.posting_seq).toBeNull();
  });

  it('a later failure in the same transaction takes the posting back with it', async () => {
    const owner = await t.registerShop();
    const a = await createProduct(owner);
    const receipt = await draft(owner, 'in', '2026-11-10', [{ productId: a, quantity: '5', unitPrice: '4.00' }]);
    await expect(
      post(owner, [receipt], async () => {
        throw new Error('the caller failed after posting');
      }),
    ).rejects.toThrow('the caller failed after posting');
    expect(await ledgerOf(owner, a)).toEqual([]);
    expect(await balanceOf(owner, a)).toBeUndefined();
  });

  it('a bill is posted once: loading it for posting again is refused', async () => {
    const owner = await t.registerShop();
    const a = await createProduct(owner);
    const receipt = await draft(owner, 'in', '2026-11-10', [{ productId: a, quantity: '5', unitPrice: '4.00' }]);
    await post(owner, [receipt]);
    await expect(post(owner, [receipt])).rejects.toMatchObject({ code: 'INVALID_STATE' });
    expect(await ledgerOf(owner, a)).toHaveLength(1);
  });
});
