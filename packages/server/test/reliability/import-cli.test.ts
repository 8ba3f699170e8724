import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPglite } from '../../src/db/database.ts';
import { migrate } from '../../src/db/migrate.ts';
import { createTestApp, databaseKind } from '../support/harness.ts';
import { setSwitches } from '../support/rich-shop.ts';

const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

/** `npx xiaocang …` as an operator runs it, on the PGlite folder. */
function xiaocang(dataDir: string, args: string[]): Promise<{ code: number | null; output: string }> {
  const child = spawn(path.join(REPO_ROOT, 'node_modules/.bin/xiaocang'), args, { cwd: dataDir, env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, output })));
}

async function sheet(file: string, header: string[], rows: unknown[][]): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('资料');
  sheet.addRow(header);
  for (const row of rows) sheet.addRow(row);
  writeFileSync(file, Buffer.from(await workbook.xlsx.writeBuffer()));
  return file;
}

const count = async (dataDir: string, table: string, shopId: string) => {
  const db = await openPglite(dataDir);
  try {
    return (await db.query<{ count: string }>(`SELECT count(*)::text AS count FROM ${table} WHERE shop_id = $1`, [shopId]))[0]!.count;
  } finally {
    await db.close();
  }
};

describe.runIf(databaseKind === 'pglite')('npx xiaocang import on a PGlite folder [pglite]', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'xiaocang-import-cli-'));
  let shopId: string;
  let staffName: string;
  beforeAll(async () => {
    const db = await openPglite(dataDir);
    await migrate(db);
    const t = await createTestApp(db);
    const owner = await t.registerShop('命令行导入小店');
    shopId = owner.shopId;
    staffName = (await t.addStaff(owner)).username;
    await setSwitches(owner, { disableProductEdit: true });
    await t.close();
  }, 120_000);
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('checks, lists problems by row and column, imports once, and exits 0, 1 or 2 as a script expects', async () => {
    const customers = ['名称*', '编码', '联系人', '电话', '地址', '备注', '微信号', '价格等级', '代理时长（月）'];
    const wrong = await sheet(path.join(dataDir, 'wrong.xlsx'), customers, [['张三', 'C-1'], ['', 'C-2'], ['王五', 'C-3', '', '', '', '', '', '', '三年']]);
    const refused = await xiaocang(dataDir, ['import', '--shop', shopId, '--kind', 'customers', wrong]);
    expect(refused.code).toBe(1);
    expect(refused.output).toContain('第 3 行「名称」：必填');
    expect(refused.output).toContain('第 4 行「代理时长（月）」：须为整数');
    expect(refused.output).toContain('Refused: 2 rows have problems: nothing was imported');
    expect(await count(dataDir, 'customers', shopId)).toBe('0');

    const good = await sheet(path.join(dataDir, 'good.xlsx'), customers, [['张三', 'C-1'], ['李四', 'C-2', '', '13900001111']]);
    const dryRun = await xiaocang(dataDir, ['import', '--shop', shopId, '--kind', 'customers', good, '--dry-run']);
    expect([dryRun.code, dryRun.output]).toEqual([0, expect.stringContaining('2 rows: would create 2, 0 already in the shop, 0 problems')]);
    expect(await count(dataDir, 'customers', shopId)).toBe('0');
    const done = await xiaocang(dataDir, ['import', '--shop', shopId, '--kind', 'customers', good]);
    expect([done.code, done.output]).toEqual([0, expect.stringContaining('2 rows: created 2, 0 already in the shop, 0 problems')]);
    const again = await xiaocang(dataDir, ['import', '--shop', shopId, '--kind', 'customers', good]);
    expect([again.code, again.output]).toEqual([0, expect.stringContaining('2 rows: created 0, 2 already in the shop, 0 problems')]);
    expect(await count(dataDir, 'customers', shopId)).toBe('2');
    expect(await count(dataDir, 'audit_log', shopId)).not.toBe('0');

    const notExcel = path.join(dataDir, 'list.csv');
    writeFileSync(notExcel, '名称\n张三\n');
    const bad = await xiaocang(dataDir, ['import', '--shop', shopId, '--kind', 'suppliers', notExcel]);
    expect([bad.code, bad.output]).toEqual([1, expect.stringContaining('Refused: file is not an Excel .xlsx file')]);
    // As a member whose switches keep them from editing master data: refused like their request would be.
    const asStaff = await xiaocang(dataDir, ['import', '--shop', shopId, '--kind', 'categories', '--as', staffName, await sheet(path.join(dataDir, 'c.xlsx'), ['名称*'], [['茶叶']])]);
    expect([asStaff.code, asStaff.output]).toEqual([1, expect.stringContaining('Refused: You are not allowed')]);
    expect((await xiaocang(dataDir, ['import', '--shop', shopId, '--kind', 'categories', '--as', 'nobody', good])).code).toBe(1);

    expect((await xiaocang(dataDir, ['import', '--shop', shopId, good])).code).toBe(2);
    expect((await xiaocang(dataDir, ['import', '--shop', shopId, '--kind', 'bills', good])).code).toBe(2);
    expect((await xiaocang(dataDir, ['import', '--kind', 'customers', good])).code).toBe(2);
    expect((await xiaocang(dataDir, ['import', '--shop', shopId, '--kind', 'customers', path.join(dataDir, 'none.xlsx')])).code).toBe(2);
  }, 300_000);
});
