import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Database } from './database.ts';

const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations/', import.meta.url));

const migrationFiles = () =>
  readdirSync(MIGRATIONS_DIR)
    .filter((name) => name.endsWith('.sql'))
    .sort();

/** Names every migration by its name and content: another key once one is added or changed. */
export function migrationsKey(): string {
  const hash = createHash('sha256');
  for (const name of migrationFiles()) hash.update(`${name}\0`).update(readFileSync(MIGRATIONS_DIR + name)).update('\0');
  return hash.digest('hex').slice(0, 16);
}

/**
 * Applies the ordered .sql files not yet recorded, all in one transaction. Servers starting together on
 * one database queue on an advisory lock: the first migrates, the others then find nothing to do.
 */
export async function migrate(db: Database): Promise<string[]> {
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock(7316001)');
    await tx.query('CREATE TABLE IF NOT EXISTS schema_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())');
    const applied = new Set((await tx.query<{ name: string }>('SELECT name FROM schema_migrations')).map((row) => row.name));
    const pending = migrationFiles().filter((name) => !applied.has(name));
    for (const name of pending) {
      await tx.exec(readFileSync(MIGRATIONS_DIR + name, 'utf8'));
      await tx.query('INSERT INTO schema_migrations (name) VALUES ($1)', [name]);
    }
    return pending;
  });
}
