import { Readable, PassThrough } from 'node:stream';
import { shiftDay, shopDay } from '@xiaocang/domain';
import { beforeAll, expect, it } from 'vitest';
import { writeShopBackup } from '../src/backup/backup-shop.ts';
import { restoreShop } from '../src/backup/restore-shop.ts';
import type { Queryable } from '../src/db/database.ts';
import { archiveOldBills } from '../src/jobs/archive-old-bills.ts';
import { archiveShop } from '../src/use-cases/archive/archive-shop.ts';
import { createTestApp, describeOnDatabase, describeOnPostgres, type Client, type TestApp } from './support/harness.ts';
import { buildRichShop, type RichShop } from './support/rich-shop.ts';
import { everyAnswer, signIn } from './support/shop-answers.ts';
import { createProduct, postBill, postDaysAgo } from './support/stock.ts';

/** The shop's books row by row, without what differs between two shops by nature (ids of new bills, posting numbers). */
async function books(db: Queryable, shopId: string) {
  return {
    ledger: await db.query(
      `SELECT stock_point_id::text, product_id::text, bill_date::text, direction, movement, bill_kind, quantity::text, unit_price::text, amount::text,
              unit_cost::text, cost_amount::text, balance_quantity::text, balance_avg_cost::text, balance_amount::text
         FROM stock_ledger WHERE shop_id = $1 ORDER BY stock_point_id, product_id, bill_date, posting_seq, line_no`,
      [shopId],
    ),
    balances: await db.query('SELECT stock_point_id::text, product_id::text, quantity::text, avg_cost::text, total_cost::text FROM inventory_balances WHERE shop_id = $1 ORDER BY 1, 2', [shopId]),
    months: await db.query('SELECT year, month, direction, bill_type, amount::text, cost::text, bill_count FROM stats_monthly_bill_types WHERE shop_id = $1 ORDER BY 1, 2, 3, 4', [shopId]),
  };
}

const archivedRows = async (db: Queryable, shopId: string) =>
  (
    await db.query<{ ledger: number; lines: number; late: number }>(
      `SELECT (SELECT count(*)::int FROM stock_ledger_archive WHERE shop_id = $1) AS ledger,
              (SELECT count(*)::int FROM stock_bill_lines_archive WHERE shop_id = $1) AS lines,
              (SELECT count(*)::int FROM stock_ledger_archive a JOIN shops s ON s.id = a.shop_id WHERE a.shop_id = $1 AND a.bill_date >= s.archived_before) AS late`,
      [shopId],
    )
  )[0]!;

/** The answers with the shop's archive date, which archiving changes by nature, set aside. */
const withoutArchiveDate = (answers: Map<string, unknown>) =>
  new Map([...answers].map(([key, answer]) => [key, JSON.stringify(answer).replace(/\\"archivedBefore\\":\\"[\d-]+\\"/g, '\\"archivedBefore\\":null')]));

describeOnDatabase('archiving old bills', () => {
  let t: TestApp;
  let shop: RichShop;
  let twin: { owner: Client; shopId: string };
  let scarfId: string;

  beforeAll(async () => {
    t = await createTestApp();
    shop = await buildRichShop(t, '归档样板店');
    // A copy of the shop that is never archived: whatever is done to both must leave the same books.
    const chunks: Buffer[] = [];
    const out = new PassThrough().on('data', (chunk: Buffer) => chunks.push(chunk));
    await writeShopBackup(t.db, shop.owner.shopId, out);
    const restored = await restoreShop(t.db, () => Readable.from([Buffer.concat(chunks)]), { usernameSuffix: '-twin' });
    twin = { owner: await signIn(t, `${shop.owner.username}-twin`, restored.shopId), shopId: restored.shopId };
    scarfId = (await shop.owner.get(`/api/bills/${shop.historyBillIds[1]}`)).body.lines[0].productId;
  }, 300_000);

  it('answers every report, balance, ledger and bill the same after archiving, and verify stays empty', async () => {
    const before = await everyAnswer(t, shop);
    const archiveDay = shiftDay(shop.today, -10);
    const outcome = await archiveShop(t.db, shop.owner.shopId, archiveDay);
    expect(outcome.archivedBefore).toBe(archiveDay);
    const archived = await archivedRows(t.db, shop.owner.shopId);
    expect(archived.ledger).toBe(outcome.ledgerRows);
    expect(archived.ledger).toBeGreaterThanOrEqual(6);
    expect(archived.lines).toBe(outcome.lineRows);
    expect(archived.late).toBe(0);

    const after = await everyAnswer(t, shop);
    expect(after.size).toBeGreaterThan(200);
    const [was, is] = [withoutArchiveDate(before), withoutArchiveDate(after)];
    expect([...is].filter(([key, answer]) => answer !== was.get(key)).map(([key]) => key)).toEqual([]);
    expect(is).toEqual(was);
    expect((await shop.owner.get('/api/shop')).body).toMatchObject({ archivedBefore: archiveDay, archiveAfterMonths: null });
    expect((await shop.owner.get('/api/inventory/verify')).body.drift).toEqual([]);
    // An archived bill still opens, lines and all.
    expect((await shop.owner.get(`/api/bills/${shop.historyBillIds[1]}`)).body.lines).toHaveLength(1);
    // Archiving again moves nothing more.
    expect(await archiveShop(t.db, shop.owner.shopId, archiveDay)).toMatchObject({ ledgerRows: 0, lineRows: 0 });
  }, 300_000);

  it('posts a bill dated among archived rows, and reverses an archived bill, exactly as on a shop never archived', async () => {
    const same = async (what: (owner: Client) => Promise<{ status: number; body: unknown }>) => {
      for (const owner of [shop.owner, twin.owner]) {
        const response = await what(owner);
        expect(response.status, JSON.stringify(response.body)).toBeLessThan(300);
      }
    };
    // A dearer receipt 100 days ago changes the cost of every later movement of the scarf, archived ones included.
    await same((owner) => postBill(owner, 'in', [{ productId: scarfId, quantity: '2', unitPrice: '9.99' }], { billDate: shiftDay(shop.today, -100) }));
    expect((await shop.owner.get('/api/shop')).body.archivedBefore).toBe(shiftDay(shop.today, -100));
    expect((await archivedRows(t.db, shop.owner.shopId)).late).toBe(0);
    await same((owner) => owner.post(`/api/bills/${shop.historyBillIds[2]}/reverse`));
    await same((owner) => postDaysAgo(owner, 'out', scarfId, 3, 60));
    expect(await books(t.db, shop.owner.shopId)).toEqual(await books(t.db, twin.shopId));

    await archiveShop(t.db, shop.owner.shopId, shiftDay(shop.today, -10));
    expect(await books(t.db, shop.owner.shopId)).toEqual(await books(t.db, twin.shopId));
    await same((owner) => owner.post(`/api/bills/${shop.historyBillIds[3]}/reverse`));
    expect(await books(t.db, shop.owner.shopId)).toEqual(await books(t.db, twin.shopId));
    expect((await shop.owner.get('/api/inventory/verify')).body.drift).toEqual([]);
  }, 300_000);

  it('replays a bill dated on the archive date from the live rows alone, archived rows left as they were', async () => {
    const archiveDay = shiftDay(shop.today, -10);
    await archiveShop(t.db, shop.owner.shopId, archiveDay);
    const archived = await t.db.query('SELECT * FROM stock_ledger_archive WHERE shop_id = $1 ORDER BY id', [shop.owner.shopId]);
    expect(archived.length).toBeGreaterThan(0);
    for (const owner of [shop.owner, twin.owner]) {
      expect((await postBill(owner, 'out', [{ productId: scarfId, quantity: '1', unitPrice: '20' }], { billDate: shiftDay(shop.today, -5) })).status).toBe(201);
      // Dated on the archive date: nothing comes back, and every later row of the scarf is live.
      expect((await postBill(owner, 'in', [{ productId: scarfId, quantity: '3', unitPrice: '7.77' }], { billDate: archiveDay })).status).toBe(201);
    }
    expect((await shop.owner.get('/api/shop')).body.archivedBefore).toBe(archiveDay);
    expect(await t.db.query('SELECT * FROM stock_ledger_archive WHERE shop_id = $1 ORDER BY id', [shop.owner.shopId])).toEqual(archived);
    expect(await books(t.db, shop.owner.shopId)).toEqual(await books(t.db, twin.shopId));
    expect((await shop.owner.get('/api/inventory/verify')).body.drift).toEqual([]);
  }, 300_000);

  it('takes the owner’s archive period, and the daily pass archives the months older than it once a day', async () => {
    const owner = await t.registerShop('按月归档小店');
    const product = await createProduct(owner, { name: '腊肠' });
    for (const daysAgo of [200, 120, 40, 1]) expect((await postDaysAgo(owner, 'in', product, 5, daysAgo)).status).toBe(201);

    expect((await owner.put('/api/shop', { archiveAfterMonths: 2 })).body.error.details).toMatchObject([{ field: 'archiveAfterMonths' }]);
    expect((await owner.put('/api/shop', { archiveAfterMonths: 3 })).body).toMatchObject({ archiveAfterMonths: 3, archivedBefore: null });
    const staff = await t.addStaff(owner);
    expect((await staff.put('/api/shop', { archiveAfterMonths: null })).status).toBe(403);

    const now = new Date();
    expect(await archiveOldBills(t.db, now)).toBeGreaterThanOrEqual(1);
    const { archivedBefore } = (await owner.get('/api/shop')).body;
    expect(archivedBefore).toMatch(/^\d{4}-\d{2}-01$/);
    expect(archivedBefore < shiftDay(shopDay(now), -59)).toBe(true);
    expect((await archivedRows(t.db, owner.shopId)).ledger).toBe(2);
    expect(await archiveOldBills(t.db, now)).toBe(0);
    expect((await owner.get('/api/inventory/verify')).body.drift).toEqual([]);

    expect((await owner.put('/api/shop', { archiveAfterMonths: null })).body).toMatchObject({ archiveAfterMonths: null, archivedBefore });
    await expect(archiveShop(t.db, owner.shopId, shiftDay(shopDay(now), 1))).rejects.toMatchObject({ details: [{ field: 'before' }] });
  });
});

describeOnPostgres('archiving beside parallel postings', () => {
  it('keeps the books exact while postings, backdated ones among them, run during an archive run', async () => {
    const t = await createTestApp();
    const owner = await t.registerShop('并发归档小店');
    const products = [await createProduct(owner, { name: '甲' }), await createProduct(owner, { name: '乙' })];
    for (const product of products) for (let daysAgo = 150; daysAgo >= 5; daysAgo -= 5) expect((await postDaysAgo(owner, 'in', product, 2, daysAgo)).status).toBe(201);

    const archiving = archiveShop(t.db, owner.shopId, shiftDay(shopDay(new Date()), -30));
    const postings = Array.from({ length: 12 }, (_, i) => postDaysAgo(owner, i % 2 ? 'out' : 'in', products[i % 2]!, 1, [0, 3, 45, 100][i % 4]!));
    const [, ...posted] = await Promise.all([archiving, ...postings]);
    expect(posted.map((response) => response.status)).toEqual(Array(12).fill(201));
    await archiveShop(t.db, owner.shopId, shiftDay(shopDay(new Date()), -30));

    expect((await owner.get('/api/inventory/verify')).body.drift).toEqual([]);
    expect((await archivedRows(t.db, owner.shopId)).late).toBe(0);
    const [count] = await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM stock_ledger WHERE shop_id = $1', [owner.shopId]);
    expect(count!.n).toBe(2 * 30 + 12);
  });
});
