import type pg from 'pg';
import { loadLater } from '../load-later.ts';
import type { Queryable } from './database.ts';

/** A table of the application's schema, as copying and comparing whole databases need it. */
export interface SchemaTable {
  name: string;
  /** Its columns that take values (generated columns left out), in table order. */
  columns: string[];
  /** Its primary key columns: the order its rows are read and compared in. */
  key: string[];
  ownedByShop: boolean;
}

export const quoted = (identifier: string) => (loadLater('pg') as typeof pg).escapeIdentifier(identifier);

/**
 * The application's tables (schema_migrations aside: each database records its own migrations), read
 * from the catalog so that tables added by later migrations come along, each after the tables its
 * foreign keys point to.
 */
export async function schemaTables(db: Queryable): Promise<SchemaTable[]> {
  const tables = await db.query<{ name: string; columns: string[]; key: string[] | null }>(
    `SELECT c.relname AS name,
            (SELECT json_agg(a.attname ORDER BY a.attnum) FROM pg_attribute a
              WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = '') AS columns,
            (SELECT json_agg(a.attname ORDER BY k.position)
               FROM pg_index i
              CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, position)
               JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
              WHERE i.indrelid = c.oid AND i.indisprimary) AS key
       FROM pg_class c
      WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = 'r' AND c.relname <> 'schema_migrations'
      ORDER BY c.relname`,
  );
  const references = await db.query<{ child: string; parent: string }>(
    `SELECT child.relname AS child, parent.relname AS parent
       FROM pg_constraint f
       JOIN pg_class child ON child.oid = f.conrelid
       JOIN pg_class parent ON parent.oid = f.confrelid
      WHERE f.contype = 'f' AND f.connamespace = 'public'::regnamespace AND f.conrelid <> f.confrelid`,
  );
  const ordered: SchemaTable[] = [];
  const placed = new Set<string>();
  let remaining = tables;
  while (remaining.length) {
    const ready = remaining.filter((table) => references.every((ref) => ref.child !== table.name || placed.has(ref.parent)));
    if (!ready.length) throw new Error(`The foreign keys of ${remaining.map((table) => table.name).join(', ')} form a cycle`);
    for (const table of ready) {
      placed.add(table.name);
      ordered.push({ name: table.name, columns: table.columns, key: table.key ?? [], ownedByShop: table.columns.includes('shop_id') });
    }
    remaining = remaining.filter((table) => !placed.has(table.name));
  }
  return ordered;
}
