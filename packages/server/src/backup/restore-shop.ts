import { createHash } from 'node:crypto';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import type { Database, Transaction } from '../db/database.ts';
import { quoted, schemaTables, type SchemaTable } from '../db/schema-tables.ts';
import type { FileStore } from '../integrations/storage/file-store.ts';
import { fileKey, type FileVariant } from '../use-cases/uploads/upload-addresses.ts';
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
  /** Where the restored shop's photos go; without it their rows are restored and their files are not. */
  store?: FileStore;
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
/** Tables that changed name since backups began (migration 023 made the old names views over live and archive). */
const RENAMED: Readonly<Record<string, string>> = { stock_ledger: 'stock_ledger_live', stock_bill_lines: 'stock_bill_lines_live' };
const tableNow = (name: string) => RENAMED[name] ?? name;

async function advanceSequences(tx: Transaction, tables: string[]): Promise<void> {
  const identities = await tx.query<{ table_name: string; column_name: string; sequence: string }>(
    `SELECT c.relname AS table_name, a.attname AS column_name, pg_get_serial_sequence(quote_ident(c.relname), a.attname) AS sequence
       FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
      WHERE c.relnamespace = 'public'::regnamespace AND a.attidentity <> '' AND c.relname = ANY($1)`,
    [tables],
  );
  const sequences = identities.map((identity) => ({ sequence: identity.sequence, table: identity.table_name, column: identity.column_name }));
  // Posting order too: a later posting must come after the restored ones, and the kept report totals find what was posted since by it.
  if (tables.includes('stock_bills')) sequences.push({ sequence: 'posting_seq', table: 'stock_bills', column: 'posting_seq' });
  for (const { sequence, table, column } of sequences) {
    await tx.query(
      `SELECT setval($1::regclass, m) FROM (SELECT max(${quoted(column)}) AS m FROM ${quoted(table)}) x
        WHERE m > (SELECT last_value FROM ${sequence})`,
      [sequence],
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
  const filesWritten: string[] = [];
  try {
    return await restoreChecked(db, open, options, { header, trailer, filesWritten });
  } catch (error) {
    // The rows were rolled back: the photos written for them go too.
    for (const key of filesWritten) await options.store?.delete(key);
    throw error;
  }
}

async function restoreChecked(
  db: Database,
  open: () => Readable,
  options: RestoreOptions,
  { header, trailer, filesWritten }: { header: BackupHeader; trailer: BackupTrailer; filesWritten: string[] },
): Promise<RestoredShop> {
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
      current = null;
    };

    let first = true;
    for await (const line of linesOf(open())) {
      if (first) {
        first = false;
      } else if (line.startsWith('{"end":')) {
        await finishTable();
      } else if (line.startsWith('{"file":')) {
        await finishTable();
        const file = parse<{ file: string; variant: FileVariant; data: string }>(line, 'a photo');
        if (!shopId || !/^[\w-]{22,64}$/.test(file.file) || !['full', 'thumb'].includes(file.variant)) throw new RestoreRefused('The file is damaged: a photo is not readable');
        if (options.store) {
          const key = fileKey(shopId, file.file, file.variant);
          await options.store.put(key, Buffer.from(file.data, 'base64'), 'image/jpeg');
          filesWritten.push(key);
        }
      } else if (line.startsWith('{"table":')) {
        await finishTable();
        const named = parse<{ table: string; columns: string[] }>(line, 'a table header');
        const table = schema.get(tableNow(named.table));
        const unknown = table ? named.columns.filter((column) => !table.columns.includes(column)) : [named.table];
        if (!table || unknown.length) throw new RestoreRefused(`This backup holds data this version does not know (${named.table} ${unknown.join(', ')})`);
        current = { table, columns: named.columns, rows: [], count: 0 };
      } else {
        if (!current) throw new RestoreRefused('The file is damaged: a row comes before its table');
        current.rows.push(line);
        if (current.rows.length >= ROWS_PER_INSERT) await insert();
      }
    }
    const missing = Object.entries(trailer.rows).filter(([table, count]) => rows[tableNow(table)] !== count);
    if (missing.length) throw new RestoreRefused(`The file is damaged: rows are missing from ${missing.map(([table]) => table).join(', ')}`);
    if (!shopId) throw new RestoreRefused('The file holds no shop');
    await advanceSequences(tx, ['shops', ...Object.keys(rows)]);
    // Photos are addressed under their shop's id: the restored shop's records point at its own copies.
    const [from, to] = [`/uploads/${header.shop.id}/`, `/uploads/${shopId}/`];
    await tx.query(`UPDATE products SET image_url = replace(image_url, $2, $3) WHERE shop_id = $1 AND image_url LIKE $2 || '%'`, [shopId, from, to]);
    await tx.query(`UPDATE goods SET images = replace(images::text, $2, $3)::jsonb WHERE shop_id = $1 AND strpos(images::text, $2) > 0`, [shopId, from, to]);
    await tx.query(`UPDATE stock_bills SET attachments = replace(attachments::text, $2, $3)::jsonb WHERE shop_id = $1 AND strpos(attachments::text, $2) > 0`, [shopId, from, to]);
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
