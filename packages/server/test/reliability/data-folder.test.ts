import { mkdtempSync, openSync, rmSync, writeSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServerProcess } from '../../bench/server-process.ts';
import { readConfig } from '../../src/config.ts';
import { startServer, type RunningServer } from '../../src/start.ts';
import { databaseKind } from '../support/harness.ts';

const PAGE = 8192;

/** Overwrites bytes inside a file of the folder, as a disk or a lost write would. */
function damage(file: string, offset: number, length = 64) {
  const fd = openSync(file, 'r+');
  try {
    writeSync(fd, Buffer.alloc(length, 0x5a), 0, length, offset);
  } finally {
    closeSync(fd);
  }
}

describe.runIf(databaseKind === 'pglite')('the books in a PGlite data folder are checked at start-up [pglite]', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'xiaocang-folder-'));
  const config = { ...readConfig({}), port: 0, dataDir, appDir: path.join(dataDir, 'no-app') };
  let server: RunningServer;
  let shop: { token: string; shopId: string; productId: string };
  const api = (method: 'GET' | 'POST', url: string, payload?: object) =>
    server.app.inject({ method, url, headers: { authorization: `Bearer ${shop.token}` }, ...(payload ? { payload } : {}) });
  const restart = async () => {
    await server.stop();
    server = await startServer(config);
    return server.booksChecked;
  };

  beforeAll(async () => {
    server = await startServer(config);
    const registered = await server.app.inject({
      method: 'POST',
      url: '/api/auth/register',
      payload: { shopName: '账本小店', username: `folder${process.pid}`, password: 'password123', realName: '店主' },
    });
    shop = { token: registered.json().token, shopId: registered.json().shop.id, productId: '' };
    shop.productId = (await api('POST', '/api/products', { name: '茶叶', unit: '盒' })).json().id;
    for (const [direction, quantity] of [['in', 10], ['out', 3], ['in', 5]] as const) {
      const bill = await api('POST', '/api/bills', {
        direction,
        billType: direction === 'in' ? '采购入库' : '销售出库',
        billDate: '2026-11-20',
        lines: [{ productId: shop.productId, quantity, unitPrice: '12.34' }],
        confirm: true,
      });
      expect(bill.statusCode).toBe(201);
    }
  }, 300_000);

  afterAll(async () => {
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('sound books: every table read, every ledger replayed, no problem, served', async () => {
    const check = await restart();
    expect(check).toMatchObject({ shops: 1, ledgerRows: 3, problems: [] });
    expect(check!.tables).toBeGreaterThan(15);
    expect((await api('GET', '/api/inventory')).statusCode).toBe(200);
  }, 120_000);

  it('a balance that differs from its ledger: the books are not served, and the owner is told what to do', async () => {
    await server.db.query('UPDATE inventory_balances SET quantity = quantity + 1 WHERE shop_id = $1', [shop.shopId]);
    const check = await restart();
    expect(check!.problems).toHaveLength(1);
    expect(check!.problems[0]).toContain(`shop ${shop.shopId} (账本小店): 1 figure(s) differ from its ledger`);
    const refused = await api('GET', '/api/inventory');
    expect(refused.statusCode).toBe(503);
    expect(refused.json().error.code).toBe('DATA_DAMAGED');
    expect(refused.json().error.message).toContain('Restore the last backup');
    expect((await api('POST', '/api/bills', {})).statusCode).toBe(503);
    expect((await server.app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
    await server.db.query('UPDATE inventory_balances SET quantity = quantity - 1 WHERE shop_id = $1', [shop.shopId]);
  }, 120_000);

  it('a damaged page of the ledger is found by its checksum', async () => {
    const [ledger] = await server.db.query<{ file: string }>("SELECT pg_relation_filepath('stock_ledger_live') AS file");
    await server.stop();
    damage(path.join(dataDir, ledger!.file), PAGE / 2);
    server = await startServer(config);
    const check = await server.booksChecked;
    expect(check!.problems.join('\n')).toMatch(/table stock_ledger_live cannot be read: invalid page in block 0/);
    expect((await api('GET', '/api/inventory')).json().error.code).toBe('DATA_DAMAGED');
  }, 120_000);

  it('a folder PostgreSQL cannot start from: the server does not start and says why and what to do', async () => {
    await server.stop();
    damage(path.join(dataDir, 'global', 'pg_control'), 100, 16);
    const failed = await startServerProcess({ dataDir }).then(
      async (started) => {
        await started.stop();
        return 'started';
      },
      (error: Error) => error.message,
    );
    expect(failed).toContain('server exited with 1 before listening');
    expect(failed).toContain('FATAL:  incorrect checksum in control file');
    expect(failed).toContain('Put the last backup of the folder back');
    server = undefined as unknown as RunningServer;
  }, 120_000);
});
