import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { bookFigures, compareFigures } from '../src/db/book-figures.ts';
import { copyDatabase } from '../src/db/copy-database.ts';
import { openPglite, openPostgres } from '../src/db/database.ts';
import { migrate } from '../src/db/migrate.ts';
import { createTestApp, describeOnPostgres, type ApiResponse, type Client, type TestApp } from './support/harness.ts';
import { buildRichShop, getRoutes, urlsForRoute, type RichShop } from './support/rich-shop.ts';
import { createProduct, postBill } from './support/stock.ts';

const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** `npm run move-to-postgres` as a person runs it: a process, its exit code and what it printed. */
function moveToPostgres(from: string, to: string): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'packages/server/src/cli/move-to-postgres.ts', '--from', from, '--to', to], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, output })));
}

interface Visit {
  url: string;
  response: ApiResponse;
}

describeOnPostgres('moving the books from a PGlite folder to PostgreSQL', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'xiaocang-move-'));
  const admin = new pg.Client({ connectionString: inject('postgresUrl')! });
  const databases: string[] = [];
  /** An empty PostgreSQL database of its own, dropped after the tests. */
  const emptyDatabase = async () => {
    const name = `xiaocang_move_${process.pid}_${databases.length}_${Date.now()}`;
    await admin.query(`CREATE DATABASE ${name}`);
    databases.push(name);
    const url = new URL(inject('postgresUrl')!);
    url.pathname = `/${name}`;
    return url.toString();
  };

  /**
   * An answer as the books decide it: a CSV export without its export time, an Excel file (zip entries carry the
   * time they were written) and a shop backup (it carries the moment it was taken) by their status alone. JSON, images and PDFs stay byte for byte.
   */
  const comparable = (response: ApiResponse): ApiResponse => {
    const type = String(response.headers['content-type'] ?? '');
    if (type.startsWith('text/csv')) return { ...response, body: (response.body as Buffer).toString('utf8').replace(/^导出时间：.*$/m, '') };
    if (type.includes('spreadsheetml')) return { ...response, body: 'an Excel file' };
    if (type.startsWith('application/gzip')) return { ...response, body: 'a shop backup' };
    return response;
  };

  let shop: RichShop;
  let second: { owner: Client; productId: string; lastBillId: string };
  let routes: string[];
  let before: Visit[];
  const visitAll = async (t: TestApp): Promise<Visit[]> => {
    const visits: Visit[] = [];
    const clients = [shop.owner, shop.staff, second.owner].map((c) => t.clientFor(c.token, c.shopId, c.userId, c.username));
    for (const client of clients) {
      for (const route of routes) {
        const urls = client.shopId === shop.owner.shopId ? urlsForRoute(shop, route) : route.includes(':') ? [] : [route];
        for (const url of urls) visits.push({ url: `${client.username} ${url}`, response: comparable(await client.get(url)) });
      }
      visits.push({ url: `${client.username} ledger`, response: await client.get(`/api/products/${second.productId}/ledger`) });
    }
    return visits;
  };

  beforeAll(async () => {
    await admin.connect();
    const db = await openPglite(dataDir);
    await migrate(db);
    const source = await createTestApp(db);
    shop = await buildRichShop(source);
    const owner = await source.registerShop('第二家店');
    const productId = await createProduct(owner, { inboundPrice: '3.33' });
    await postBill(owner, 'in', [{ productId, quantity: '12.5', unitPrice: '3.3333' }]);
    const sale = await postBill(owner, 'out', [{ productId, quantity: '2.125' }]);
    expect(sale.status).toBe(201);
    second = { owner, productId, lastBillId: sale.body.id };
    routes = getRoutes(source);
    before = await visitAll(source);
    // The folder has one owner: the server steps aside for the move.
    await source.close();
  }, 300_000);

  afterAll(async () => {
    for (const name of databases) await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('copies every shop in one command, and every report reads the same on PostgreSQL', async () => {
    const to = await emptyDatabase();
    const moved = await moveToPostgres(dataDir, to);
    expect(moved.output).toContain('Moved and verified');
    expect(moved.code).toBe(0);
    expect(moved.output).toMatch(/stock_ledger_live: \d+ rows/);
    expect(moved.output).toContain(`shop ${second.owner.shopId} 第二家店`);

    const target = await createTestApp(openPostgres(to, 4));
    const after = await visitAll(target);
    expect(before.filter((visit) => visit.response.status === 200).length).toBeGreaterThan(60);
    expect(after.map((visit) => visit.url)).toEqual(before.map((visit) => visit.url));
    for (const [i, visit] of after.entries()) {
      expect(visit.response.status, visit.url).toBe(before[i]!.response.status);
      expect(visit.response.body, visit.url).toEqual(before[i]!.response.body);
    }
    // The same ids carry on: a bill posted now takes the next number and id, and the books stay whole.
    const next = await postBill(target.clientFor(second.owner.token, second.owner.shopId, second.owner.userId, second.owner.username), 'out', [
      { productId: second.productId, quantity: '1' },
    ]);
    expect(next.status).toBe(201);
    expect(BigInt(next.body.id)).toBeGreaterThan(BigInt(second.lastBillId));
    const verified = await target.clientFor(shop.owner.token, shop.owner.shopId, shop.owner.userId, shop.owner.username).get('/api/inventory/verify');
    expect(verified.body.drift).toEqual([]);
    await target.close();

    const again = await moveToPostgres(dataDir, to);
    expect(again.code).toBe(1);
    expect(again.output).toContain('already holds data');
  }, 300_000);

  it('finds a changed cost, and a copy whose check fails leaves the target empty', async () => {
    const source = await openPglite(dataDir);
    const target = openPostgres(await emptyDatabase(), 2);
    let tampered: ReturnType<typeof compareFigures> = [];
    try {
      await migrate(target);
      const figures = await source.transaction(bookFigures);
      await expect(
        copyDatabase(source, target, async (tx) => {
          await tx.query('UPDATE stock_ledger_live SET cost_amount = cost_amount + 0.01 WHERE shop_id = $1 AND line_id = (SELECT min(line_id) FROM stock_ledger WHERE shop_id = $1)', [
            second.owner.shopId,
          ]);
          tampered = compareFigures(figures, await bookFigures(tx));
          if (tampered.length) throw new Error('the copy differs');
        }),
      ).rejects.toThrow('the copy differs');
      const [row] = await target.query<{ count: string }>('SELECT count(*) AS count FROM stock_ledger');
      expect(row!.count).toBe('0');
    } finally {
      await source.close();
      await target.close();
    }
    const books = `shop ${second.owner.shopId} 第二家店`;
    expect(tampered.map((d) => `${d.books}: ${d.figure}`).sort()).toEqual(
      [`${books}: inventory verify: balances, ledger rows, drift`, `${books}: ledger: rows, quantity, amount, cost`, `${books}: table stock_ledger_live: rows, digest`].sort(),
    );
    const ledger = tampered.find((d) => d.figure.startsWith('ledger'))!;
    expect(ledger.source.split(', ').slice(0, 2)).toEqual(ledger.target.split(', ').slice(0, 2));
  }, 300_000);
});
