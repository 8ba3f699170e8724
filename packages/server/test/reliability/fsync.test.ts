import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServerProcess, type ServerProcess } from '../../bench/server-process.ts';
import type { PgliteSync } from '../../src/db/pglite-folder.ts';
import { databaseKind } from '../support/harness.ts';
import { clientOf } from '../../bench/http.ts';
import { stockedShop } from './processes.ts';

const HAS_STRACE = spawnSync('strace', ['-V']).status === 0;

/**
 * describe() when strace is installed. Without it the suite is skipped with a plain message, unless
 * REQUIRE_STRACE=1 (as in CI) asks for a failure instead.
 */
function describeWithStrace(name: string, body: () => void): void {
  // The flushes traced are PGlite's own; on PostgreSQL the server does them and this suite does not apply.
  if (databaseKind !== 'pglite') {
    describe.skip(name, body);
  } else if (HAS_STRACE) {
    describe(name, body);
  } else if (process.env.REQUIRE_STRACE === '1') {
    describe(name, () => {
      it('needs strace', () => {
        throw new Error('strace is missing: install it with "apt-get install -y strace".');
      });
    });
  } else {
    console.warn('Skipping the fsync tracing test: strace is missing (apt-get install -y strace; REQUIRE_STRACE=1 makes this an error).');
    describe.skip(name, body);
  }
}

/** strace attached to a running process: its flushes and its writes to sockets and files, until `stop`. */
async function trace(pid: number, file: string): Promise<{ stop(): Promise<string> }> {
  const args = ['-f', '-yy', '-s', '16', '-e', 'trace=fsync,fdatasync,write,writev,sendto,sendmsg', '-e', 'signal=none', '-o', file, '-p', String(pid)];
  const strace = spawn('strace', args, { stdio: ['ignore', 'ignore', 'pipe'] });
  const exited = new Promise<void>((resolve) => strace.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    let said = '';
    strace.stderr.on('data', (chunk: Buffer) => {
      said += chunk.toString();
      if (said.includes(`Process ${pid} attached`)) resolve();
    });
    void exited.then(() => reject(new Error(`strace could not attach (it needs to be allowed to trace the process: root, or kernel.yama.ptrace_scope=0): ${said}`)));
  });
  return {
    async stop() {
      strace.kill('SIGINT');
      await exited;
      return readFileSync(file, 'utf8');
    },
  };
}

interface Traced {
  /** Responses with 201 Created, in order. */
  created: number;
  /** fsync() of a WAL file. */
  walFlushes: number;
  /** fsync() or fdatasync() of anything in the data folder. */
  flushes: number;
  /** Bills acknowledged with no WAL flush since the bill before. */
  acknowledgedUnflushed: number;
}

/** Reads strace's lines (`-yy` names each descriptor: `fsync(19</…/pg_wal/…>)`, `writev(96<TCP:[a->b]>, …)`). */
function analyse(lines: string, dataDir: string): Traced {
  const traced: Traced = { created: 0, walFlushes: 0, flushes: 0, acknowledgedUnflushed: 0 };
  let flushedSinceLastResponse = false;
  for (const line of lines.split('\n')) {
    if (/\b(fsync|fdatasync)\(\d+<([^>]*)>/.exec(line)?.[2]?.startsWith(`${dataDir}/`)) traced.flushes++;
    // No closing parenthesis required: under load strace splits a call another thread interrupts into
    // `fsync(19</…/pg_wal/…> <unfinished ...>` and a later `<... fsync resumed>) = 0`.
    if (/\bfsync\(\d+<[^>]*\/pg_wal\/[^>]*>/.test(line)) {
      traced.walFlushes++;
      flushedSinceLastResponse = true;
    }
    if (/\b(write|writev|sendto|sendmsg)\(\d+<TCP:\[[^\]]*\]>, .*HTTP\/1\.1 201/.test(line)) {
      traced.created++;
      if (!flushedSinceLastResponse) traced.acknowledgedUnflushed++;
      flushedSinceLastResponse = false;
    }
  }
  return traced;
}

describeWithStrace('what reaches the disk while a server on PGlite posts bills, traced with strace [pglite]', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'xiaocang-fsync-'));
  const traceFile = path.join(dataDir, '..', `${path.basename(dataDir)}.strace`);
  const BILLS = 20;
  let shop: { token: string; shopId: string; userId: string; productIds: string[] } | undefined;

  /** The server with the setting, traced while it posts BILLS bills one after another. */
  const postTraced = async (sync: PgliteSync, settle = 0) => {
    const env = { PGLITE_SYNC: process.env.PGLITE_SYNC, CHECK_BOOKS_ON_START: process.env.CHECK_BOOKS_ON_START };
    Object.assign(process.env, { PGLITE_SYNC: sync, CHECK_BOOKS_ON_START: '0' });
    let server: ServerProcess;
    try {
      server = await startServerProcess({ dataDir });
    } finally {
      for (const [name, value] of Object.entries(env)) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    }
    try {
      if (!shop) {
        const { owner, productIds } = await stockedShop(server, 5, 1000);
        shop = { token: owner.token, shopId: owner.shopId, userId: owner.userId, productIds };
      }
      const owner = clientOf(server.url, shop.token, shop.shopId, shop.userId);
      const tracing = await trace(server.child.pid!, traceFile);
      const started = performance.now();
      for (let i = 0; i < BILLS; i++) {
        const direction = i % 2 ? 'out' : 'in';
        const response = await owner.request('POST', '/api/bills', {
          direction,
          billType: direction === 'in' ? '采购入库' : '销售出库',
          billDate: '2026-11-20',
          lines: shop.productIds.map((productId) => ({ productId, quantity: 1, unitPrice: '2.50' })),
          confirm: true,
        });
        expect(response.status).toBe(201);
      }
      const seconds = (performance.now() - started) / 1000;
      await new Promise((resolve) => setTimeout(resolve, settle));
      return { ...analyse(await tracing.stop(), dataDir), seconds };
    } finally {
      await server.stop();
    }
  };

  beforeAll(() => rmSync(traceFile, { force: true }));
  afterAll(() => {
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(traceFile, { force: true });
  });

  it('PGLITE_SYNC=commit (the default): every bill is flushed to the disk before it is acknowledged', async () => {
    const traced = await postTraced('commit');
    expect(traced.created).toBe(BILLS);
    expect(traced.acknowledgedUnflushed).toBe(0);
    expect(traced.walFlushes).toBeGreaterThanOrEqual(BILLS);
  }, 300_000);

  it('PGLITE_SYNC=periodic: the WAL is flushed about once a second, whatever the number of bills', async () => {
    const traced = await postTraced('periodic', 2500);
    expect(traced.created).toBe(BILLS);
    // One flush per second of posting at most (and one more for the rest), at least one once it settled.
    expect(traced.walFlushes).toBeGreaterThanOrEqual(1);
    expect(traced.walFlushes).toBeLessThanOrEqual(Math.ceil(traced.seconds) + 3);
  }, 300_000);

  it('PGLITE_SYNC=off (PGlite as it comes): nothing is ever flushed', async () => {
    const traced = await postTraced('off', 1500);
    expect(traced.created).toBe(BILLS);
    expect(traced.flushes).toBe(0);
  }, 300_000);
});
