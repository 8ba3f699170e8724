import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import { clientOf, registerOwner } from '../../bench/http.ts';
import { startServerProcess, type ServerProcess } from '../../bench/server-process.ts';
import { openPglite, openPostgres, type Database } from '../../src/db/database.ts';
import { databaseKind } from '../support/harness.ts';

/**
 * Where real server processes keep their data for one test: a PostgreSQL database of its own
 * (created here, dropped by dispose) or a PGlite folder of its own.
 */
export interface ProcessStore {
  /** A server process on this store, with more environment if given. */
  start(env?: NodeJS.ProcessEnv): Promise<ServerProcess>;
  /** Direct access for checks; on PGlite only while no server process holds the folder. */
  open(): Promise<Database>;
  dispose(): Promise<void>;
}

export async function createProcessStore(kind = databaseKind): Promise<ProcessStore> {
  if (kind === 'pglite') {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'xiaocang-reliability-'));
    return {
      start: (env) => startServerProcess({ dataDir, env }),
      open: () => openPglite(dataDir),
      dispose: async () => rmSync(dataDir, { recursive: true, force: true }),
    };
  }
  const testUrl = new URL(inject('postgresUrl')!);
  const name = `xiaocang_proc_${process.pid}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: testUrl.toString() });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(testUrl);
  url.pathname = `/${name}`;
  return {
    start: (env) => startServerProcess({ databaseUrl: url.toString(), env }),
    open: async () => openPostgres(url.toString(), 4),
    dispose: async () => {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}

export type ProcessClient = ReturnType<typeof clientOf>;

/** A shop with products stocked through the API of a running server process. */
export async function stockedShop(server: ServerProcess, products: number, quantity: number) {
  const owner = await registerOwner(server.url, '可靠性小店');
  const ids: string[] = [];
  for (let i = 0; i < products; i++) {
    const created = await owner.request<{ id: string }>('POST', '/api/products', { name: `商品${i}`, unit: '个', inboundPrice: '3.00', outboundPrice: '5.00' });
    ids.push(created.body.id);
  }
  const stocked = await owner.request('POST', '/api/bills', {
    direction: 'in',
    billType: '采购入库',
    billDate: '2026-11-01',
    lines: ids.map((productId) => ({ productId, quantity, unitPrice: '3.33' })),
    confirm: true,
  });
  if (stocked.status !== 201) throw new Error(`stocking failed: ${JSON.stringify(stocked.body)}`);
  return { owner, productIds: ids };
}
