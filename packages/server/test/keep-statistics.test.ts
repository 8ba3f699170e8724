import { randomInt } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Database } from '../src/db/database.ts';
import { keepStatistics } from '../src/jobs/keep-statistics.ts';
import { describeOnDatabase, openTestDatabase } from './support/harness.ts';

describeOnDatabase('planner statistics of growing tables', () => {
  let db: Database;
  const table = `statistics_probe_${randomInt(1e9)}`;
  beforeAll(async () => {
    db = await openTestDatabase(2);
    await db.query(`CREATE TABLE ${table} (id int PRIMARY KEY, quantity numeric NOT NULL)`);
  });
  afterAll(async () => {
    await db.query(`DROP TABLE IF EXISTS ${table}`);
    await db.close();
  });

  const lastAnalysed = async () =>
    (await db.query<{ analysed: Date | null }>(`SELECT last_analyze AS analysed FROM pg_stat_user_tables WHERE relname = $1`, [table]))[0]?.analysed ?? null;

  it('analyses a table once enough of it has changed, and leaves a quiet one alone', async () => {
    const warnings: unknown[] = [];
    const job = keepStatistics(db, { warn: (...args: unknown[]) => void warnings.push(args), info: () => undefined } as never, 50);
    try {
      // A new table with no rows written is never stale.
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(await lastAnalysed()).toBeNull();
      await db.query(`INSERT INTO ${table} SELECT n, n * 1.5 FROM generate_series(1, 500) n`);
      const deadline = Date.now() + 20_000;
      while ((await lastAnalysed()) === null && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
      expect(await lastAnalysed()).not.toBeNull();
      const [stats] = await db.query<{ rows: number }>(`SELECT reltuples::int AS rows FROM pg_class WHERE relname = $1`, [table]);
      expect(stats!.rows).toBe(500);
    } finally {
      await job.stop();
    }
    expect(warnings).toEqual([]);
  });

  // A connection's counts of the rows it wrote reach the shared statistics at the end of a statement, no sooner than a second apart.
  const flushCounts = async () => {
    await db.transaction(async (tx) => {
      await tx.query('SELECT pg_stat_force_next_flush()');
    });
    await db.query('SELECT 1');
  };

  it('reads the size of a table analysed before its activity counters were reset, as PGlite has them after a start', async () => {
    const other = `${table}_known`;
    await db.query(`CREATE TABLE ${other} (id int PRIMARY KEY)`);
    try {
      await db.query(`INSERT INTO ${other} SELECT generate_series(1, 2000)`);
      await db.query(`ANALYZE ${other}`);
      await flushCounts();
      await db.query(`SELECT pg_stat_reset_single_table_counters($1::regclass)`, [other]);
      // 100 changed rows: stale for a table of no known size, not for one of 2,000 rows (50 + 200).
      await db.query(`INSERT INTO ${other} SELECT generate_series(2001, 2100)`);
      await flushCounts();
      const job = keepStatistics(db, { warn: () => undefined, info: () => undefined } as never, 50);
      try {
        await new Promise((resolve) => setTimeout(resolve, 1000));
      } finally {
        await job.stop();
      }
      const [row] = await db.query<{ analysed: Date | null }>(`SELECT last_analyze AS analysed FROM pg_stat_user_tables WHERE relname = $1`, [other]);
      expect(row!.analysed).toBeNull();
    } finally {
      await db.query(`DROP TABLE IF EXISTS ${other}`);
    }
  });
});
