import type { Bill, InventoryVerification } from '@xiaocang/contracts';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { clientOf } from '../../bench/http.ts';
import type { Database } from '../../src/db/database.ts';
import { describeOnDatabase } from '../support/harness.ts';
import { createProcessStore, stockedShop, type ProcessStore } from './processes.ts';

/**
 * The load's bills (every bill after the stocking one) that are not fully posted: not confirmed, no
 * place in the ledger, or not exactly one posted line and one ledger row for each of their 5 lines.
 */
async function partialBillsAfter(db: Database, shopId: string, stockingBillId: string) {
  return db.query(
    `SELECT b.id, b.status, b.bill_no, b.posting_seq, count(DISTINCT l.id) AS lines, count(DISTINCT g.id) AS ledger_rows,
            count(DISTINCT l.id) FILTER (WHERE g.line_id IS NULL) AS unposted_lines
       FROM stock_bills b
       LEFT JOIN stock_bill_lines l ON l.shop_id = b.shop_id AND l.bill_id = b.id
       LEFT JOIN stock_ledger g ON g.shop_id = b.shop_id AND g.line_id = l.id
      WHERE b.shop_id = $1 AND b.id > $2
      GROUP BY b.shop_id, b.id
     HAVING b.status <> 'confirmed' OR b.posting_seq IS NULL OR b.bill_no LIKE '~%' OR count(DISTINCT l.id) <> 5
         OR count(DISTINCT g.id) <> 5 OR count(DISTINCT l.id) FILTER (WHERE g.line_id IS NULL) > 0`,
    [shopId, stockingBillId],
  );
}

describeOnDatabase('a server killed mid-posting loses and corrupts nothing', () => {
  let store: ProcessStore;
  beforeAll(async () => {
    store = await createProcessStore();
  });
  afterAll(async () => store?.dispose());

  it('SIGKILL under posting load, restart: every acknowledged bill is there, no partial bill, no drift', async () => {
    let server = await store.start();
    const { owner, productIds } = await stockedShop(server, 8, 1000);
    const acknowledged: string[] = [];
    let killing = false;
    const worker = async (seed: number) => {
      for (let i = 0; ; i++) {
        const direction = (seed + i) % 2 === 0 ? 'in' : 'out';
        const lines = Array.from({ length: 5 }, (_, j) => ({ productId: productIds[(seed + i + j) % productIds.length]!, quantity: 1, unitPrice: '4.10' }));
        try {
          const response = await owner.request<Bill>('POST', '/api/bills', {
            direction,
            billType: direction === 'in' ? '采购入库' : '销售出库',
            billDate: '2026-11-20',
            lines,
            confirm: true,
          });
          if (response.status === 201) acknowledged.push(response.body.id);
          else throw new Error(`unexpected ${response.status}: ${JSON.stringify(response.body)}`);
        } catch (error) {
          // From the kill on, requests fail (cut off mid-flight or refused): the worker stops. Before it, nothing may fail.
          if (!killing) throw error;
          return;
        }
      }
    };
    const load = Promise.allSettled(Array.from({ length: 8 }, (_, seed) => worker(seed)));
    while (acknowledged.length < 40) await new Promise((resolve) => setTimeout(resolve, 20));
    killing = true;
    await server.kill();
    const outcomes = await load;
    expect(outcomes.filter((o) => o.status === 'rejected')).toEqual([]);

    server = await store.start();
    const again = clientOf(server.url, owner.token, owner.shopId, owner.userId);
    for (const id of acknowledged) {
      const bill = await again.request<Bill>('GET', `/api/bills/${id}`);
      expect(bill.status).toBe(200);
      expect(bill.body.status).toBe('confirmed');
    }
    const verified = await again.request<InventoryVerification>('GET', '/api/inventory/verify');
    expect(verified.body.drift).toEqual([]);
    expect(verified.body.checkedLedgerRows).toBeGreaterThanOrEqual(8 + acknowledged.length * 5);
    await server.stop();

    const db = await store.open();
    try {
      const [first] = await db.query<{ id: string }>('SELECT min(id) AS id FROM stock_bills WHERE shop_id = $1', [owner.shopId]);
      expect(await partialBillsAfter(db, owner.shopId, first!.id)).toEqual([]);
    } finally {
      await db.close();
    }
    // Two server starts and a minute of load: on a busy 2-core machine this outgrows the default minute.
  }, 180_000);
});
