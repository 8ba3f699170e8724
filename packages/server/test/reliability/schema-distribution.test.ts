import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Database, Queryable } from '../../src/db/database.ts';
import { GLOBAL_TABLES } from '../../src/db/global-tables.ts';
import { describeOnDatabase, openTestDatabase } from '../support/harness.ts';

/**
 * Reads the catalog and names every way the schema could not be distributed by shop: a table that
 * is neither global nor carries shop_id in its primary key, each unique constraint or index, and each
 * foreign key (matched to the referenced table's shop_id unless that table is global).
 */
async function distributionViolations(db: Queryable): Promise<string[]> {
  const tables = await db.query<{ name: string; has_shop_id: boolean }>(
    `SELECT c.relname AS name, EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'shop_id' AND NOT a.attisdropped) AS has_shop_id
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p')`,
  );
  const keys = await db.query<{ table_name: string; name: string; kind: string; columns: string[]; referenced: string | null; referenced_columns: string[] | null }>(
    `SELECT c.relname AS table_name, k.conname AS name, k.contype AS kind,
            ARRAY(SELECT a.attname::text FROM unnest(k.conkey) WITH ORDINALITY u(n, i) JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = u.n ORDER BY u.i) AS columns,
            r.relname AS referenced,
            ARRAY(SELECT a.attname::text FROM unnest(k.confkey) WITH ORDINALITY u(n, i) JOIN pg_attribute a ON a.attrelid = k.confrelid AND a.attnum = u.n ORDER BY u.i) AS referenced_columns
       FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
       LEFT JOIN pg_class r ON r.oid = k.confrelid
      WHERE n.nspname = current_schema() AND k.contype IN ('p', 'u', 'f')
     UNION ALL
     SELECT c.relname, i.relname, 'i',
            ARRAY(SELECT a.attname::text FROM unnest(x.indkey::int2[]) u(n) JOIN pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = u.n), NULL, NULL
       FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class c ON c.oid = x.indrelid JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = current_schema() AND x.indisunique AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = x.indexrelid)`,
  );
  const global = new Set<string>(GLOBAL_TABLES);
  const violations: string[] = [];
  for (const name of GLOBAL_TABLES) if (!tables.some((t) => t.name === name)) violations.push(`${name}: listed as global but does not exist`);
  for (const table of tables.filter((t) => !global.has(t.name))) {
    if (!table.has_shop_id) {
      violations.push(`${table.name}: no shop_id and not in GLOBAL_TABLES`);
      continue;
    }
    const own = keys.filter((k) => k.table_name === table.name);
    if (!own.some((k) => k.kind === 'p')) violations.push(`${table.name}: no primary key`);
    for (const key of own) {
      const at = key.columns.indexOf('shop_id');
      if (at < 0) violations.push(`${table.name}.${key.name}: ${key.columns.join(', ')} lacks shop_id`);
      else if (key.kind === 'f' && !global.has(key.referenced!) && key.referenced_columns![at] !== 'shop_id') {
        violations.push(`${table.name}.${key.name}: shop_id does not reference ${key.referenced}.shop_id`);
      }
    }
  }
  return violations;
}

describeOnDatabase('the schema can be distributed by shop', () => {
  let db: Database;
  beforeAll(async () => {
    db = await openTestDatabase(2);
  });
  afterAll(async () => db?.close());

  it('every table is global (one list) or has shop_id in every primary key, unique constraint and foreign key', async () => {
    expect(await distributionViolations(db)).toEqual([]);
  });

  it('a table that breaks the rule is caught', async () => {
    const rollback = new Error('rollback');
    const caught = await db
      .transaction(async (tx) => {
        await tx.exec(`CREATE TABLE bad_notes (shop_id bigint NOT NULL, id bigint PRIMARY KEY, product_id bigint, code text UNIQUE,
                         FOREIGN KEY (shop_id, product_id) REFERENCES products (shop_id, id));
                       CREATE TABLE bad_orphans (id bigint PRIMARY KEY);
                       CREATE TABLE bad_links (shop_id bigint NOT NULL, bill_id bigint NOT NULL, PRIMARY KEY (shop_id, bill_id),
                         FOREIGN KEY (bill_id, shop_id) REFERENCES stock_bills (shop_id, id))`);
        expect((await distributionViolations(tx)).sort()).toEqual([
          'bad_links.bad_links_bill_id_shop_id_fkey: shop_id does not reference stock_bills.shop_id',
          'bad_notes.bad_notes_code_key: code lacks shop_id',
          'bad_notes.bad_notes_pkey: id lacks shop_id',
          'bad_orphans: no shop_id and not in GLOBAL_TABLES',
        ]);
        throw rollback;
      })
      .catch((error: unknown) => error);
    expect(caught).toBe(rollback);
  });
});
