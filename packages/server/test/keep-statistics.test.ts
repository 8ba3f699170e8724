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
    const job = keepStatistics(db, { warn: (...args: unknown[]) => void warnings.push(args) } as never, 50);
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
});
