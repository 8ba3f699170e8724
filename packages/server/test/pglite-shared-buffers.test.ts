import { mkdirSync, mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openPglite } from '../src/db/database.ts';
import { sharedBuffersSetting } from '../src/db/pglite-folder.ts';
import { databaseKind } from './support/harness.ts';

const scratch = mkdtempSync(path.join(tmpdir(), 'xiaocang-shared-buffers-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A file of `megabytes` that takes no room on the disk: its size is what counts. */
function sparseFile(file: string, megabytes: number): void {
  writeFileSync(file, '');
  truncateSync(file, Math.round(megabytes * 1024 * 1024));
}

/** A folder whose tables (under base/) take `megabytes`, in two files of two databases. */
function folderWithTables(name: string, megabytes: number): string {
  const folder = path.join(scratch, name);
  for (const [database, share] of [['1', 0.25], ['5', 0.75]] as const) {
    mkdirSync(path.join(folder, 'base', database), { recursive: true });
    sparseFile(path.join(folder, 'base', database, '16384'), megabytes * share);
  }
  return folder;
}

describe('PGlite shared buffers', () => {
  it('give a folder the size of its tables, between 32 and 128 MB', () => {
    expect(sharedBuffersSetting(folderWithTables('small', 5), '')).toBe('32MB');
    expect(sharedBuffersSetting(folderWithTables('middle', 70.5), '')).toBe('71MB');
    expect(sharedBuffersSetting(folderWithTables('large', 900), '')).toBe('128MB');
    expect(sharedBuffersSetting(undefined, '')).toBe('32MB');
  });

  it('take PGLITE_SHARED_BUFFERS as it is when it is a size, and refuse anything else by name', () => {
    expect(sharedBuffersSetting(folderWithTables('told', 5), '512MB')).toBe('512MB');
    for (const nonsense of ['lots', '64', '64 MB', '0MB', '-1GB', '64mb']) {
      expect(() => sharedBuffersSetting(undefined, nonsense)).toThrow(`PGLITE_SHARED_BUFFERS must be a size such as 64MB or 1GB, not "${nonsense}"`);
    }
  });
});

describe.runIf(databaseKind === 'pglite')('PGlite started with the shared buffers worked out [pglite]', () => {
  it('runs a database in memory with 32 MB, and a data folder with what its tables take', async () => {
    const inMemory = await openPglite(undefined);
    try {
      expect(await inMemory.query("SELECT current_setting('shared_buffers') AS size")).toEqual([{ size: '32MB' }]);
    } finally {
      await inMemory.close();
    }
    const dataDir = path.join(scratch, 'data');
    await (await openPglite(dataDir, 'off')).close();
    // Grows the tables past the least pool, as a shop's ledger does, before the next start.
    sparseFile(path.join(dataDir, 'base', '1', 'grown'), 60);
    const reopened = await openPglite(dataDir, 'off');
    try {
      const [setting] = await reopened.query<{ size: string }>("SELECT current_setting('shared_buffers') AS size");
      expect(Number(setting?.size.replace('MB', ''))).toBeGreaterThan(60);
    } finally {
      await reopened.close();
    }
  });
});
