import type { Database, Transaction } from './database.ts';
import { quoted, schemaTables } from './schema-tables.ts';

const ROWS_PER_BATCH = 2000;

export interface CopiedTable {
  name: string;
  rows: number;
}

/**
 * Copies every row of every application table from source to target, both already migrated to the same
 * schema, in one transaction on the target: parents before the tables that refer to them, ids and
 * sequences as they are. Rows travel as JSON text, so numbers, dates and timestamps arrive exactly as
 * they left. Refuses a target that already holds rows. `check` runs in the target's transaction after the
 * copy; when it throws, nothing is committed.
 */
export async function copyDatabase(
  source: Database,
  target: Database,
  check: (target: Transaction) => Promise<void> = async () => undefined,
): Promise<CopiedTable[]> {
  const sourceMigrations = await migrationNames(source);
  const targetMigrations = await migrationNames(target);
  if (sourceMigrations !== targetMigrations) {
    throw new Error(`The two databases are at different schema versions:\n  source: ${sourceMigrations}\n  target: ${targetMigrations}`);
  }
  const tables = await schemaTables(source);
  return source.transaction((from) =>
    target.transaction(async (to) => {
      for (const table of tables) {
        const [row] = await to.query<{ used: boolean }>(`SELECT EXISTS (SELECT 1 FROM ${quoted(table.name)}) AS used`);
        if (row!.used) throw new Error(`The target database already holds data (table ${table.name}): move into an empty database`);
      }
      const copied: CopiedTable[] = [];
      for (const table of tables) {
        const name = quoted(table.name);
        const columns = table.columns.map(quoted).join(', ');
        const order = table.key.length ? ` ORDER BY ${table.key.map(quoted).join(', ')}` : '';
        await from.query(`DECLARE copied_rows NO SCROLL CURSOR FOR SELECT row_to_json(t)::text AS row FROM (SELECT ${columns} FROM ${name}${order}) t`);
        let rows = 0;
        for (;;) {
          const batch = await from.query<{ row: string }>(`FETCH ${ROWS_PER_BATCH} FROM copied_rows`);
          if (!batch.length) break;
          await to.query(
            `INSERT INTO ${name} (${columns}) OVERRIDING SYSTEM VALUE SELECT ${columns} FROM json_populate_recordset(NULL::${name}, $1::json)`,
            [`[${batch.map((entry) => entry.row).join(',')}]`],
          );
          rows += batch.length;
        }
        await from.query('CLOSE copied_rows');
        copied.push({ name: table.name, rows });
      }
      const sequences = await from.query<{ name: string; last_value: string | null }>(
        "SELECT sequencename AS name, last_value FROM pg_sequences WHERE schemaname = 'public' AND last_value IS NOT NULL",
      );
      for (const sequence of sequences) await to.query('SELECT setval($1::regclass, $2::bigint)', [quoted(sequence.name), sequence.last_value]);
      await check(to);
      return copied;
    }),
  );
}

async function migrationNames(db: Database): Promise<string> {
  const rows = await db.query<{ name: string }>('SELECT name FROM schema_migrations ORDER BY name');
  return rows.map((row) => row.name).join(', ');
}
