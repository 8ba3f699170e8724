import fs, { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openPglite, type Database } from '../src/db/database.ts';
import { databaseKind } from './support/harness.ts';

const scratch = mkdtempSync(path.join(tmpdir(), 'xiaocang-file-sizes-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Counts the fstat() calls made while `work` runs: NODEFS asks the size of a file that way. */
async function fstatCalls(work: () => Promise<unknown>): Promise<number> {
  const fstatSync = fs.fstatSync;
  let calls = 0;
  fs.fstatSync = ((...args: Parameters<typeof fstatSync>) => {
    calls++;
    return fstatSync(...args);
  }) as typeof fstatSync;
  try {
    await work();
  } finally {
    fs.fstatSync = fstatSync;
  }
  return calls;
}

const count = async (db: Database) => Number((await db.query<{ n: string }>('SELECT count(*)::int8 AS n FROM grows'))[0]!.n);

describe.runIf(databaseKind === 'pglite')('PGlite data folder: file sizes kept between system calls [pglite]', () => {
  it('reads each table whole as it grows, shrinks and grows again, and after a restart', async () => {
    const dataDir = path.join(scratch, 'shrinks');
    let db = await openPglite(dataDir, 'commit');
    try {
      await db.query('CREATE TABLE grows (id int PRIMARY KEY, filler text)');
      let rows = 0;
      // Each batch extends the table's file; each count scans it to the end PostgreSQL believes it has.
      for (let batch = 0; batch < 20; batch++) {
        await db.query("INSERT INTO grows SELECT g, repeat('x', 200) FROM generate_series($1::int, $2::int) g", [rows + 1, rows + 1000]);
        rows += 1000;
        expect(await count(db)).toBe(rows);
      }
      // VACUUM gives back the empty pages at the end: the file is truncated under the table.
      await db.query('DELETE FROM grows WHERE id > 500');
      await db.query('VACUUM grows');
      expect(await count(db)).toBe(500);
      await db.query("INSERT INTO grows SELECT g, repeat('y', 200) FROM generate_series(501, 3000) g");
      expect(await count(db)).toBe(3000);
      // TRUNCATE gives the table a new file; the old one is truncated and removed.
      await db.query('TRUNCATE grows');
      await db.query("INSERT INTO grows SELECT g, 'z' FROM generate_series(1, 10) g");
      expect(await count(db)).toBe(10);
    } finally {
      await db.close();
    }
    db = await openPglite(dataDir, 'commit');
    try {
      expect(await count(db)).toBe(10);
      expect(await db.query<{ filler: string }>('SELECT DISTINCT filler FROM grows')).toEqual([{ filler: 'z' }]);
    } finally {
      await db.close();
    }
  });

  it('asks the system for a table file’s size once, not at every scan', async () => {
    const db = await openPglite(path.join(scratch, 'scans'), 'commit');
    try {
      await db.query('CREATE TABLE grows (id int PRIMARY KEY, filler text)');
      await db.query("INSERT INTO grows SELECT g, 'x' FROM generate_series(1, 100) g");
      await count(db);
      const calls = await fstatCalls(async () => {
        for (let scan = 0; scan < 200; scan++) await count(db);
      });
      expect(calls).toBeLessThan(20);
    } finally {
      await db.close();
    }
  });
});
