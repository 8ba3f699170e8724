import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { Readable, type Writable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import type { Database, Transaction } from '../db/database.ts';
import type { FileStore } from '../integrations/storage/file-store.ts';
import { fileKey, type FileVariant } from '../use-cases/uploads/upload-addresses.ts';
import { quoted, schemaTables } from '../db/schema-tables.ts';
import { notFound } from '../errors.ts';
import { BACKUP_FORMAT, BACKUP_VERSION, GLOBAL_ROWS, LEFT_OUT, type BackupHeader, type BackupTrailer } from './backup-format.ts';
import { shopTotals } from './shop-totals.ts';

const ROWS_PER_FETCH = 2000;

export interface BackupProgress {
  table: string;
  rows: number;
}

export interface BackupOptions {
  /** Where the shop's uploaded photos are: their files go into the backup with the rows. */
  store?: FileStore;
  onTable?: (progress: BackupProgress) => void;
}

/** The lines of one shop's backup, read in one transaction so that the file is one moment of the books. */
async function* backupLines(tx: Transaction, shopId: string, { store, onTable }: BackupOptions): AsyncGenerator<string> {
  // Written into the cursor's statement, so only a plain id may pass.
  const [shop] = /^[1-9]\d{0,17}$/.test(shopId) ? await tx.query<{ name: string }>('SELECT name FROM shops WHERE id = $1', [shopId]) : [];
  if (!shop) throw notFound('Shop', 'shop');
  const hash = createHash('sha256');
  const line = (value: string) => {
    const text = `${value}\n`;
    hash.update(text);
    return text;
  };
  const migrations = (await tx.query<{ name: string }>('SELECT name FROM schema_migrations ORDER BY name')).map((row) => row.name);
  const header: BackupHeader = { format: BACKUP_FORMAT, version: BACKUP_VERSION, migrations, shop: { id: shopId, name: shop.name }, createdAt: new Date().toISOString() };
  yield line(JSON.stringify(header));
  const rows: Record<string, number> = {};
  for (const table of await schemaTables(tx)) {
    const owner = table.ownedByShop ? 'shop_id' : GLOBAL_ROWS[table.name];
    if (!owner || LEFT_OUT.has(table.name)) continue;
    yield line(JSON.stringify({ table: table.name, columns: table.columns }));
    const order = table.key.length ? ` ORDER BY ${table.key.map(quoted).join(', ')}` : '';
    await tx.query(
      `DECLARE backup_rows NO SCROLL CURSOR FOR
         SELECT row_to_json(t)::text AS row FROM (SELECT ${table.columns.map(quoted).join(', ')} FROM ${quoted(table.name)} WHERE ${quoted(owner)} = ${shopId}${order}) t`,
    );
    let count = 0;
    for (;;) {
      const batch = await tx.query<{ row: string }>(`FETCH ${ROWS_PER_FETCH} FROM backup_rows`);
      if (!batch.length) break;
      yield batch.map((entry) => line(entry.row)).join('');
      count += batch.length;
    }
    await tx.query('CLOSE backup_rows');
    rows[table.name] = count;
    onTable?.({ table: table.name, rows: count });
  }
  if (store) {
    const tokens = await tx.query<{ token: string }>('SELECT token FROM uploads WHERE shop_id = $1 ORDER BY id', [shopId]);
    for (const { token } of tokens) {
      for (const variant of ['full', 'thumb'] as FileVariant[]) {
        // A file its row outlived (a store emptied by hand) is left out; the restore keeps the row as it was.
        const file = await store.get(fileKey(shopId, token, variant));
        if (file) yield line(JSON.stringify({ file: token, variant, data: (await buffer(file.body)).toString('base64') }));
      }
    }
    onTable?.({ table: 'files', rows: tokens.length });
  }
  const trailer: BackupTrailer = { end: true, rows, totals: await shopTotals(tx, shopId), sha256: hash.digest('hex') };
  yield `${JSON.stringify(trailer)}\n`;
}

/** Writes one shop's backup, compressed, to a stream (a download). */
export async function writeShopBackup(db: Database, shopId: string, out: Writable, options: BackupOptions = {}): Promise<void> {
  await db.transaction(async (tx) => {
    // One snapshot for every table: rows posted while the file is written belong to the next backup.
    await tx.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
    await pipeline(Readable.from(backupLines(tx, shopId, options)), createGzip(), out);
  });
}

/** Writes one shop's backup to a file: to a temporary name first, renamed when complete, so a kill leaves no partial file. */
export async function backupShopToFile(db: Database, shopId: string, file: string, options: BackupOptions = {}): Promise<void> {
  const partial = `${file}.partial`;
  try {
    await writeShopBackup(db, shopId, createWriteStream(partial), options);
    await rename(partial, file);
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
}
