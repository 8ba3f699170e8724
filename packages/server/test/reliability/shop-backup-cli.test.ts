import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPglite } from '../../src/db/database.ts';
import { migrate } from '../../src/db/migrate.ts';
import { createTestApp, databaseKind } from '../support/harness.ts';
import { buildRichShop } from '../support/rich-shop.ts';

const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  output: string;
}

/** `npx xiaocang …` as an operator runs it; `killWhen` sends SIGKILL once the output shows it. */
function xiaocang(dataDir: string, args: string[], killWhen?: RegExp): Promise<Run> {
  const child = spawn(path.join(REPO_ROOT, 'node_modules/.bin/xiaocang'), args, { cwd: dataDir, env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const take = (chunk: Buffer) => {
    output += chunk.toString();
    if (killWhen?.test(output)) child.kill('SIGKILL');
  };
  child.stdout.on('data', take);
  child.stderr.on('data', take);
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal, output })));
}

const shopCount = async (dataDir: string) => {
  const db = await openPglite(dataDir);
  try {
    return (await db.query<{ count: string }>('SELECT count(*)::text AS count FROM shops'))[0]!.count;
  } finally {
    await db.close();
  }
};

describe.runIf(databaseKind === 'pglite')('npx xiaocang backup and restore on a PGlite folder [pglite]', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'xiaocang-cli-'));
  let shopId: string;
  beforeAll(async () => {
    const db = await openPglite(dataDir);
    await migrate(db);
    const t = await createTestApp(db);
    shopId = (await buildRichShop(t, '命令行小店')).owner.shopId;
    await t.close();
  }, 300_000);
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('backs up, restores beside the original, verifies, and says why it refuses, with exit codes a script can trust', async () => {
    const file = path.join(dataDir, 'shop.xcbackup');
    const backup = await xiaocang(dataDir, ['backup', '--shop', shopId, '--out', file]);
    expect(backup.output).toContain(`Backed up shop ${shopId}`);
    expect(backup.code).toBe(0);
    expect(backup.output).toMatch(/saved stock_ledger_live: \d+ rows/);

    const clash = await xiaocang(dataDir, ['restore', file]);
    expect([clash.code, clash.output]).toEqual([1, expect.stringContaining('usernames are taken')]);
    const restored = await xiaocang(dataDir, ['restore', file, '--username-suffix=-copy']);
    expect(restored.output).toMatch(/Restored "命令行小店" as shop \d+; its books verify/);
    expect(restored.code).toBe(0);
    const verify = await xiaocang(dataDir, ['verify']);
    expect(verify.output).toMatch(/all agree[\s\S]*all agree/);
    expect(verify.code).toBe(0);

    const tampered = path.join(dataDir, 'tampered.xcbackup');
    writeFileSync(tampered, gzipSync(Buffer.from(gunzipSync(readFileSync(file)).toString('utf8').replace('命令行小店', '别人的店'))));
    const refused = await xiaocang(dataDir, ['restore', tampered, '--username-suffix=-t']);
    expect([refused.code, refused.output]).toEqual([1, expect.stringContaining('checksum does not match')]);
    expect((await xiaocang(dataDir, ['backup'])).code).toBe(2);
    expect((await xiaocang(dataDir, ['backup', '--shop', '999999', '--out', path.join(dataDir, 'none.xcbackup')])).code).toBe(1);
    expect(existsSync(path.join(dataDir, 'none.xcbackup'))).toBe(false);
    expect((await xiaocang(dataDir, ['rewind'])).code).toBe(2);
  }, 300_000);

  it('archives a shop’s old months from the command line, one line per month, and says why it refuses', async () => {
    const noPeriod = await xiaocang(dataDir, ['archive', '--shop', shopId]);
    expect([noPeriod.code, noPeriod.output]).toEqual([2, expect.stringContaining('has no archive period')]);
    expect((await xiaocang(dataDir, ['archive', '--shop', shopId, '--before', '2999-01-01'])).code).toBe(1);
    const archived = await xiaocang(dataDir, ['archive', '--shop', shopId, '--months', '1']);
    expect(archived.output).toMatch(/archived \d{4}-\d{2}: [1-9]\d* ledger rows, [1-9]\d* bill lines/);
    expect(archived.output).toMatch(new RegExp(`Shop ${shopId}: [1-9]\\d* ledger rows and [1-9]\\d* bill lines archived; everything archived is dated before \\d{4}-\\d{2}-01`));
    expect(archived.code).toBe(0);
    expect((await xiaocang(dataDir, ['verify', '--shop', shopId])).code).toBe(0);
  }, 300_000);

  it('leaves nothing of a restore or a backup killed halfway', async () => {
    const file = path.join(dataDir, 'again.xcbackup');
    expect((await xiaocang(dataDir, ['backup', '--shop', shopId, '--out', file])).code).toBe(0);
    const before = await shopCount(dataDir);
    const killed = await xiaocang(dataDir, ['restore', file, '--username-suffix=-killed'], /restored stock_bills/);
    expect(killed.signal).toBe('SIGKILL');
    expect(await shopCount(dataDir)).toBe(before);

    const halfway = await xiaocang(dataDir, ['backup', '--shop', shopId, '--out', path.join(dataDir, 'half.xcbackup')], /saved stock_bills/);
    expect(halfway.signal).toBe('SIGKILL');
    expect(readdirSync(dataDir).filter((name) => name.startsWith('half.xcbackup') && !name.endsWith('.partial'))).toEqual([]);
    // The folder still opens and the books still verify after both kills.
    expect((await xiaocang(dataDir, ['verify'])).code).toBe(0);
  }, 300_000);
});
