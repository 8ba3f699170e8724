/**
 * `npm run move-to-postgres -- --to postgres://…` copies the books in the PGlite data folder (DATA_DIR, or
 * --from) into an empty PostgreSQL database in one transaction, and commits only when every shop's figures
 * (ledger replay, balances, ledger sums, bills, monthly figures, and the rows of every table) come out the
 * same on both sides. Exits non-zero, with nothing committed, on any difference.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { bookFigures, compareFigures } from '../db/book-figures.ts';
import { readConfig } from '../config.ts';
import { copyDatabase } from '../db/copy-database.ts';
import { openPglite, openPostgres } from '../db/database.ts';
import { migrate } from '../db/migrate.ts';

const USAGE = 'Usage: npm run move-to-postgres -- --to postgres://user@host:5432/database [--from <PGlite data folder>]';

class FiguresDiffer extends Error {}

const { values } = parseArgs({ options: { to: { type: 'string' }, from: { type: 'string' } } });
if (!values.to) fail(USAGE);
const to = values.to!;
const from = values.from ? path.resolve(values.from) : readConfig().dataDir;
if (!existsSync(path.join(from, 'PG_VERSION'))) fail(`There is no PGlite data folder at ${from}.\n${USAGE}`);
// PGlite writes this file while it has the folder open and removes it when it closes cleanly.
if (existsSync(path.join(from, 'postmaster.pid'))) {
  fail(`${from} is open in a running server, or its server did not stop cleanly: stop it (or start it and stop it once), then move.`);
}

const source = await openPglite(from);
const target = openPostgres(to, 2);
try {
  await migrate(source);
  await migrate(target);
  console.log(`Reading the books in ${from} …`);
  const before = await source.transaction(bookFigures);
  const copied = await copyDatabase(source, target, async (tx) => {
    const differences = compareFigures(before, await bookFigures(tx));
    if (differences.length) {
      const lines = differences.map((d) => `  ${d.books} — ${d.figure}:\n    in ${from}: ${d.source}\n    in PostgreSQL: ${d.target}`);
      throw new FiguresDiffer(`The copy differs from the folder in ${differences.length} figure(s); nothing was committed:\n${lines.join('\n')}`);
    }
  });
  for (const table of copied) console.log(`  ${table.name}: ${table.rows} rows`);
  for (const [books, figures] of before) {
    if (figures.size === 0) continue;
    console.log(`${books}: ${figures.size} figures the same in both, among them`);
    for (const [figure, value] of figures) if (!figure.startsWith('table ')) console.log(`  ${figure}: ${value}`);
    const drift = figures.get('inventory verify: balances, ledger rows, drift')?.split(', ')[2];
    if (drift && drift !== '0') console.log(`  WARNING: these books already differed from their ledger in ${from}; they were copied as they are.`);
  }
  console.log(`\nMoved and verified. Start Xiaocang on PostgreSQL with DATABASE_URL=${redacted(to)} npm start, and keep ${from} as a backup.`);
} catch (error) {
  console.error(error instanceof FiguresDiffer ? error.message : `Nothing was moved: ${(error as Error).message}`);
  process.exitCode = 1;
} finally {
  await source.close();
  await target.close();
}

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

function redacted(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}
