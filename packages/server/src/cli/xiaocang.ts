/**
 * `npx xiaocang <command>`: the operator's tools, on the database the server uses (DATABASE_URL, or the PGlite
 * folder DATA_DIR). Exit codes: 0 done, 1 refused or found wrong (the message says why), 2 not understood.
 */
import { createReadStream, existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ImportKind, type ImportResult } from '@xiaocang/contracts';
import { staffPermissionsOf, type Actor, type Role, type StaffPermissionOverrides, type StaffPermissions } from '@xiaocang/domain';
import { backupShopToFile } from '../backup/backup-shop.ts';
import { RestoreRefused, restoreShop } from '../backup/restore-shop.ts';
import { readConfig } from '../config.ts';
import { openDatabase, type Database } from '../db/database.ts';
import { uploadsConfigFromEnv } from '../integrations/storage/config.ts';
import { migrate } from '../db/migrate.ts';
import { AppError } from '../errors.ts';
import { importSheet } from '../use-cases/imports/import-sheet.ts';
import { replayLedgers } from '../use-cases/inventory/verify-inventory.ts';
import { archiveShop } from '../use-cases/archive/archive-shop.ts';
import { monthStart, shopDay } from '@xiaocang/domain';

const USAGE = `Usage: npx xiaocang <command>
  shops                                     list the shops: id, name, owner
  backup --shop <id> [--out <file>]         write one shop's backup file
  restore <file> [--username-suffix=<s>]    restore a backup as a new shop
  verify [--shop <id>]                      replay the ledgers; exit 1 if any balance drifts
  archive --shop <id> [--months <n> | --before <YYYY-MM-DD>]
                                            move bill lines and ledger rows older than the shop's
                                            archive period (or n months, or that day) to the archive
  import --shop <id> --kind <kind> <file.xlsx> [--dry-run] [--as <username>]
                                            import a filled-in template (kind: ${ImportKind.options.join(', ')})
                                            as the shop's owner or the member named; exit 1 if any row has a problem
  migrate                                   bring the schema up to date
The database is DATABASE_URL, or the PGlite folder DATA_DIR (default ./data).`;

class UsageError extends Error {}

function parsed() {
  try {
    return parseArgs({
      allowPositionals: true,
      options: {
        shop: { type: 'string' },
        out: { type: 'string' },
        months: { type: 'string' },
        before: { type: 'string' },
        kind: { type: 'string' },
        'dry-run': { type: 'boolean' },
        as: { type: 'string' },
        'username-suffix': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    process.exit(2);
  }
}
const { positionals, values } = parsed();
const [command, ...operands] = positionals;

/** One line per table, so a long backup or restore shows how far it got. */
const progress = (verb: string) => ({ table, rows }: { table: string; rows: number }) => process.stderr.write(`  ${verb} ${table}: ${rows} rows\n`);

function shopOption(): string {
  if (!values.shop || !/^[1-9]\d{0,17}$/.test(values.shop)) throw new UsageError('--shop needs a shop id (see: npx xiaocang shops)');
  return values.shop;
}

/** The day archiving goes up to: --before, or the first day of the month --months (else the shop's archive period) ago. */
async function archiveDate(db: Database, shopId: string): Promise<string> {
  if (values.before !== undefined) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(values.before)) throw new UsageError('--before needs a day as YYYY-MM-DD');
    return values.before;
  }
  if (values.months !== undefined && !/^[1-9]\d{0,2}$/.test(values.months)) throw new UsageError('--months needs a whole number of months');
  const [shop] = await db.query<{ months: number | null }>('SELECT archive_after_months AS months FROM shops WHERE id = $1', [shopId]);
  if (!shop) throw new UsageError(`There is no shop ${shopId} (see: npx xiaocang shops)`);
  const months = values.months ? Number(values.months) : shop.months;
  if (!months) throw new UsageError(`Shop ${shopId} has no archive period: give --months or --before`);
  return monthStart(shopDay(new Date()), -months);
}

/** The member the import runs as, with the switches that bind them, as a request of theirs would. */
async function memberOf(db: Database, shopId: string, username: string | undefined): Promise<Actor> {
  const [member] = await db.query<{ id: string; role: Role; staff_permissions: Partial<StaffPermissions>; permission_overrides: StaffPermissionOverrides }>(
    `SELECT u.id::text, u.role, sh.staff_permissions, u.permission_overrides
       FROM users u JOIN shops sh ON sh.id = u.shop_id
      WHERE u.shop_id = $1 AND u.status = 'active' AND ${username === undefined ? "u.role = 'owner'" : 'u.username = $2'}
      ORDER BY u.id LIMIT 1`,
    username === undefined ? [shopId] : [shopId, username],
  );
  if (!member) throw new AppError('NOT_FOUND', username === undefined ? `Shop ${shopId} has no active owner` : `Shop ${shopId} has no active member "${username}"`);
  return { shopId, userId: member.id, role: member.role, staffPermissions: staffPermissionsOf(member.staff_permissions, member.permission_overrides) };
}

/** The preview as the app shows it: counts, then each problem by row and column. */
function printImport(result: ImportResult) {
  const created = result.dryRun ? 'would create' : 'created';
  console.log(`${result.rows} rows: ${created} ${result.created}${result.withOpeningStock ? ` (${result.withOpeningStock} with opening stock)` : ''}, ${result.skipped.length} already in the shop, ${result.problems.length} problems`);
  for (const p of result.problems) console.log(`  第 ${p.row} 行「${p.column}」：${p.message}`);
  if (result.openingBillIds.length) console.log(`Opening stock bills: ${result.openingBillIds.join(', ')}`);
}

const commands: Record<string, (db: Database) => Promise<void>> = {
  async shops(db) {
    const shops = await db.query<{ id: string; name: string; owner: string | null }>(
      `SELECT s.id::text, s.name, (SELECT u.username FROM users u WHERE u.shop_id = s.id AND u.role = 'owner' ORDER BY u.id LIMIT 1) AS owner FROM shops s ORDER BY s.id`,
    );
    for (const shop of shops) console.log(`${shop.id}\t${shop.name}\t${shop.owner ?? ''}`);
  },
  async backup(db) {
    const shopId = shopOption();
    const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\..*/, '');
    const file = path.resolve(values.out ?? `xiaocang-shop-${shopId}-${stamp}.xcbackup`);
    if (existsSync(file)) throw new UsageError(`${file} exists already: name another file with --out`);
    await backupShopToFile(db, shopId, file, { store: uploadsConfigFromEnv(process.env, config.dataDir).store, onTable: progress('saved') });
    console.log(`Backed up shop ${shopId} to ${file}`);
  },
  async restore(db) {
    const [file] = operands;
    if (!file || !existsSync(file)) throw new UsageError('restore needs the path of a backup file');
    await migrate(db);
    const restored = await restoreShop(db, () => createReadStream(file), {
      usernameSuffix: values['username-suffix'],
      store: uploadsConfigFromEnv(process.env, config.dataDir).store,
      onTable: progress('restored'),
    });
    console.log(`Restored "${restored.name}" as shop ${restored.shopId}; its books verify. Sign in with the usernames it had${values['username-suffix'] ? ` plus "${values['username-suffix']}"` : ''}.`);
  },
  async verify(db) {
    const shopIds = values.shop ? [shopOption()] : (await db.query<{ id: string }>('SELECT id::text FROM shops ORDER BY id')).map((row) => row.id);
    let drifting = 0;
    for (const shopId of shopIds) {
      const result = await replayLedgers(db, shopId);
      drifting += result.drift.length;
      console.log(`shop ${shopId}: ${result.checkedBalances} balances, ${result.checkedLedgerRows} ledger rows, ${result.drift.length ? `${result.drift.length} DRIFTING` : 'all agree'}`);
    }
    if (drifting) process.exitCode = 1;
  },
  async archive(db) {
    const shopId = shopOption();
    const before = await archiveDate(db, shopId);
    const done = await archiveShop(db, shopId, before, ({ month, ledgerRows, lineRows }) =>
      process.stderr.write(`  archived ${month.slice(0, 7)}: ${ledgerRows} ledger rows, ${lineRows} bill lines\n`),
    );
    console.log(`Shop ${shopId}: ${done.ledgerRows} ledger rows and ${done.lineRows} bill lines archived; everything archived is dated before ${done.archivedBefore ?? before}.`);
  },
  async import(db) {
    const shopId = shopOption();
    const kind = ImportKind.safeParse(values.kind);
    if (!kind.success) throw new UsageError(`--kind needs one of ${ImportKind.options.join(', ')}`);
    const [file] = operands;
    if (!file || !existsSync(file)) throw new UsageError('import needs the path of an .xlsx file');
    const actor = await memberOf(db, shopId, values.as);
    const data = readFileSync(file);
    const dryRun = values['dry-run'] ?? false;
    process.stderr.write(`  checking ${path.basename(file)} as ${values.as ?? 'the owner'}${dryRun ? ' (dry run: nothing is written)' : ''}\n`);
    // Always checked first, so that a refused import lists its problems exactly as the preview does.
    const check = await importSheet(db, actor, { kind: kind.data, file: data, dryRun: true });
    if (dryRun || check.problems.length > 0) {
      printImport(check);
      if (check.problems.length > 0) {
        console.error(`Refused: ${check.problems.length} rows have problems${dryRun ? '' : ': nothing was imported'}`);
        process.exitCode = 1;
      }
      return;
    }
    process.stderr.write(`  importing ${check.created} ${kind.data}\n`);
    printImport(await importSheet(db, actor, { kind: kind.data, file: data, dryRun: false }));
  },
  async migrate(db) {
    const applied = await migrate(db);
    console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'The schema is up to date.');
  },
};

const run = command ? commands[command] : undefined;
if (values.help || !run) {
  console.error(command && !run ? `Unknown command "${command}".\n${USAGE}` : USAGE);
  process.exit(values.help ? 0 : 2);
}
const config = readConfig();
const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, pgliteSync: config.pgliteSync });
try {
  await run(db);
} catch (error) {
  if (error instanceof UsageError) {
    console.error(`${error.message}\n${USAGE}`);
    process.exitCode = 2;
  } else if (error instanceof RestoreRefused || error instanceof AppError) {
    console.error(`Refused: ${error.message}`);
    process.exitCode = 1;
  } else {
    throw error;
  }
} finally {
  await db.close();
}
