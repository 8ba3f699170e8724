import { createHash } from 'node:crypto';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import type { Database, Transaction } from '../db/database.ts';
import { quoted, schemaTables, type SchemaTable } from '../db/schema-tables.ts';
import { BACKUP_FORMAT, BACKUP_VERSION, USERNAME_TABLES, type BackupHeader, type BackupTrailer } from './backup-format.ts';
import { shopTotals } from './shop-totals.ts';

const ROWS_PER_INSERT = 2000;

/** A backup this deployment cannot or must not restore, in words for whoever runs the restore. */
export class RestoreRefused extends Error {
  override readonly name = 'RestoreRefused';
}

export interface RestoreOptions {
  /** Added to every username, for a shop restored beside its original (usernames are unique across the deployment). */
  usernameSuffix?: string;
  onTable?: (progress: { table: string; rows: number }) => void;
}

export interface RestoredShop {
  shopId: string;
  name: string;
  rows: Record<string, number>;
}

async function* linesOf(input: Readable): AsyncGenerator<string> {
  const gunzip = createGunzip();
  const unpacked = pipeline(input, gunzip);
  const unreadable = (error: unknown) => new RestoreRefused(`The file is not a readable backup (${(error as Error).message})`);
  // Reported through the lines below (or after them): not an unhandled rejection.
  unpacked.catch(() => undefined);
  try {
    for await (const line of createInterface({ input: gunzip, crlfDelay: Infinity })) yield line;
  } catch (error) {
    throw unreadable(error);
  }
  await unpacked.catch((error: unknown) => {
    throw unreadable(error);
  });
}

function parse<T>(line: string, what: string): T {
  try {
    return JSON.parse(line) as T;
  } catch {
    throw new RestoreRefused(`The file is damaged: ${what} is not readable`);
  }
}

/** Makes sure a number the restored rows took is never handed out again by the deployment's sequences. */
async function advanceSequences(tx: Transaction, tables: string[]): Promise<void> {
  const identities = await tx.query<{ table_name: string; column_name: string; sequence: string }>(
    `SELECT c.relname AS table_name, a.attname AS column_name, pg_get_serial_sequence(quote_ident(c.relname), a.attname) AS sequence
       FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
      WHERE c.relnamespace = 'public'::regnamespace AND a.attidentity <> '' AND c.relname = ANY($1)`,
    [tables],
  );
  for (const identity of identities) {
    await tx.query(
      `SELECT setval($1::regclass, m) FROM (SELECT max(${quoted(identity.column_name)}) AS m FROM ${quoted(identity.table_name)}) x
        WHERE m > (SELECT last_value FROM ${identity.sequence})`,
      [identity.sequence],
    );
  }
}

/**
 * Reads the whole file once before anything is written: its format and version, then its checksum, so that a
 * changed, cut or foreign file is refused in words. Returns its header and trailer.
 */
async function checkFile(input: Readable, knownMigrations: Set<string>): Promise<{ header: BackupHeader; trailer: BackupTrailer }> {
  const hash = createHash('sha256');
  let header: BackupHeader | null = null;
  let trailer: BackupTrailer | null = null;
  for await (const line of linesOf(input)) {
    if (trailer) throw new RestoreRefused('The file is damaged: it goes on after its end');
    if (!header) {
      header = parse<BackupHeader>(line, 'its first line');
      if (header?.format !== BACKUP_FORMAT) throw new RestoreRefused('This is not a Xiaocang shop backup');
      const newer = header.migrations.filter((name) => !knownMigrations.has(name));
      if (header.version > BACKUP_VERSION || newer.length) {
        throw new RestoreRefused(`This backup comes from a newer version of Xiaocang (${newer.join(', ') || `format ${header.version}`}): upgrade, then restore`);
      }
    } else if (line.startsWith('{"end":')) {
      trailer = parse<BackupTrailer>(line, 'its last line');
      continue;
    }
    hash.update(`${line}\n`);
  }
  if (!header || !trailer) throw new RestoreRefused('The file is cut short: it has no end');
  if (hash.digest('hex') !== trailer.sha256) throw new RestoreRefused('The file has been changed since it was written: its checksum does not match');
  return { header, trailer };
}

/**
 * Restores one shop's backup as a new shop of this deployment. The file is read twice (`open` gives it from the
 * start each time): once to check it, then to write it in one transaction, which commits only when the row
 * counts match and the restored books come out with the totals they had when saved (verify included). Ids are
 * kept: every key includes the shop, so they cannot clash.
 */
export async function restoreShop(db: Database, open: () => Readable, options: RestoreOptions = {}): Promise<RestoredShop> {
  const knownMigrations = new Set((await db.query<{ name: string }>('SELECT name FROM schema_migrations')).map((row) => row.name));
  const { header, trailer } = await checkFile(open(), knownMigrations);
  return db.transaction(async (tx) => {
    const schema = new Map((await schemaTables(tx)).map((table) => [table.name, table]));
    let current: { table: SchemaTable; columns: string[]; rows: string[]; count: number } | null = null;
    let shopId: string | null = null;
    const rows: Record<string, number> = {};

    const writeRows = async (table: SchemaTable, columns: string[], batch: string) => {
      if (table.name === 'shops') {
        if (shopId) throw new RestoreRefused('The file is damaged: it holds more than one shop');
        const values = columns.filter((column) => column !== 'id');
        const [row] = await tx.query<{ id: string }>(
          `INSERT INTO shops (${values.map(quoted).join(', ')}) SELECT ${values.map(quoted).join(', ')} FROM json_populate_recordset(NULL::shops, $1::json) RETURNING id::text`,
          [batch],
        );
        shopId = row!.id;
        return;
      }
      if (!shopId) throw new RestoreRefused('The file is damaged: its rows come before its shop');
      const renamed = options.usernameSuffix && USERNAME_TABLES.has(table.name);
      if (table.name === 'login_names') {
        const names = (JSON.parse(batch) as Array<{ username: string }>).map((row) => `${row.username}${options.usernameSuffix ?? ''}`);
        const taken = await tx.query<{ username: string }>('SELECT username FROM login_names WHERE username = ANY($1) ORDER BY username', [names]);
        if (taken.length) {
          throw new RestoreRefused(
            `These usernames are taken in this deployment: ${taken.map((row) => row.username).join(', ')}. Restore with a username suffix (--username-suffix) to keep both shops.`,
          );
        }
      }
      const values = columns.map((column) =>
        column === 'shop_id' ? '$2::bigint' : renamed && column === 'username' ? `${quoted(column)} || $3::text` : quoted(column),
      );
      await tx.query(
        `INSERT INTO ${quoted(table.name)} (${columns.map(quoted).join(', ')}) OVERRIDING SYSTEM VALUE
         SELECT ${values.join(', ')} FROM json_populate_recordset(NULL::${quoted(table.name)}, $1::json)`,
        renamed ? [batch, shopId, options.usernameSuffix] : [batch, shopId],
      );
    };
    const insert = async () => {
      if (!current || current.rows.length === 0) return;
      const batch = `[${current.rows.join(',')}]`;
      current.count += current.rows.length;
      current.rows = [];
      await writeRows(current.table, current.columns, batch);
    };
    const finishTable = async () => {
      await insert();
      if (!current) return;
      rows[current.table.name] = current.count;
      options.onTable?.({ table: current.table.name, rows: current.count });
    };

    let first = true;
    for await (const line of linesOf(open())) {
      if (first) {
        first = false;
      } else if (line.startsWith('{"end":')) {
        await finishTable();
      } else if (line.startsWith('{"table":')) {
        await finishTable();
        const named = parse<{ table: string; columns: string[] }>(line, 'a table header');
        const table = schema.get(named.table);
        const unknown = table ? named.columns.filter((column) => !table.columns.includes(column)) : [named.table];
        if (!table || unknown.length) throw new RestoreRefused(`This backup holds data this version does not know (${named.table} ${unknown.join(', ')})`);
        current = { table, columns: named.columns, rows: [], count: 0 };
      } else {
        if (!current) throw new RestoreRefused('The file is damaged: a row comes before its table');
        current.rows.push(line);
        if (current.rows.length >= ROWS_PER_INSERT) await insert();
      }
    }
    const missing = Object.entries(trailer.rows).filter(([table, count]) => rows[table] !== count);
    if (missing.length) throw new RestoreRefused(`The file is damaged: rows are missing from ${missing.map(([table]) => table).join(', ')}`);
    if (!shopId) throw new RestoreRefused('The file holds no shop');
    await advanceSequences(tx, ['shops', ...Object.keys(rows)]);
    const totals = await shopTotals(tx, shopId);
    const differing = Object.keys(trailer.totals).filter((figure) => totals[figure] !== trailer.totals[figure]);
    if (differing.length) {
      throw new RestoreRefused(
        `The restored books differ from the saved ones (${differing.map((figure) => `${figure}: ${trailer.totals[figure]} saved, ${totals[figure]} restored`).join('; ')}); nothing was restored`,
      );
    }
    return { shopId, name: header.shop.name, rows };
  });
}
