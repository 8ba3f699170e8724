import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Transaction } from '../../src/db/database.ts';
import { openTestDatabase } from './harness.ts';

const MIGRATIONS = fileURLToPath(new URL('../../src/db/migrations/', import.meta.url));

class RolledBack extends Error {}

/**
 * The schema as it stood before `migration`, in a schema of its own inside a transaction that is rolled back,
 * so the test database is left as it was. `work` gets the transaction and `apply`, which runs the migration.
 */
export async function withSchemaBefore(migration: string, work: (tx: Transaction, apply: () => Promise<void>) => Promise<void>): Promise<void> {
  const db = await openTestDatabase(1);
  try {
    await db.transaction(async (tx) => {
      const schema = `before${migration.slice(0, 3)}_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
      await tx.exec(`CREATE SCHEMA ${schema}; SET LOCAL search_path TO ${schema}`);
      for (const name of readdirSync(MIGRATIONS).filter((file) => file.endsWith('.sql') && file < migration).sort()) {
        await tx.exec(readFileSync(MIGRATIONS + name, 'utf8'));
      }
      await work(tx, async () => tx.exec(readFileSync(MIGRATIONS + migration, 'utf8')));
      throw new RolledBack();
    });
  } catch (error) {
    if (!(error instanceof RolledBack)) throw error;
  } finally {
    await db.close();
  }
}
