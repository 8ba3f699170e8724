import type { Database } from '../db/database.ts';
import { quoted, schemaTables } from '../db/schema-tables.ts';
import { replayLedgers } from '../use-cases/inventory/verify-inventory.ts';

export interface BooksCheck {
  tables: number;
  shops: number;
  ledgerRows: number;
  /** Sentences for the owner; none when the books are sound. */
  problems: string[];
}

/**
 * Reads every row of every table once (PostgreSQL checks each page's checksum as it reads it) and replays
 * every shop's ledgers against its balances, so that a damaged data folder shows at start-up rather than
 * in a wrong report. Stops early once `signal` aborts (the server is stopping).
 */
export async function checkBooks(db: Database, signal?: AbortSignal): Promise<BooksCheck> {
  const check: BooksCheck = { tables: 0, shops: 0, ledgerRows: 0, problems: [] };
  const attempt = async <T>(what: string, work: () => Promise<T>): Promise<T | undefined> => {
    try {
      return await work();
    } catch (error) {
      check.problems.push(`${what}: ${(error as Error).message}`);
      return undefined;
    }
  };
  const tables = (await attempt('the list of tables cannot be read', () => schemaTables(db))) ?? [];
  for (const table of tables) {
    if (signal?.aborted) return check;
    // count(t.*) needs every whole row, so the table itself is read, not an index of it.
    await attempt(`table ${table.name} cannot be read`, () => db.query(`SELECT count(t.*) FROM ${quoted(table.name)} t`));
    check.tables++;
  }
  const shops = (await attempt('the shops cannot be read', () => db.query<{ id: string; name: string }>('SELECT id, name FROM shops ORDER BY id'))) ?? [];
  for (const shop of shops) {
    if (signal?.aborted) return check;
    const verified = await attempt(`the books of shop ${shop.id} (${shop.name}) cannot be replayed`, () => replayLedgers(db, shop.id));
    check.shops++;
    if (!verified) continue;
    check.ledgerRows += verified.checkedLedgerRows;
    const [first] = verified.drift;
    if (first) {
      check.problems.push(
        `shop ${shop.id} (${shop.name}): ${verified.drift.length} figure(s) differ from its ledger, ` +
          `e.g. product ${first.productId} at stock point ${first.stockPointId}: ${first.problem} (expected ${first.expected}, found ${first.actual})`,
      );
    }
  }
  return check;
}

/** What the owner reads when the books in a data folder are damaged or the folder cannot be opened. */
export function restoreAdvice(dataDir: string): string {
  return [
    'What to do:',
    '  1. Stop the server. Keep the damaged folder: rename it (for example to data-damaged), do not delete it.',
    `  2. Put the last backup of the folder back as ${dataDir} and start again. Bills posted after that backup`,
    '     must be entered again; GET /api/inventory/verify then shows whether the books are whole.',
    '  3. Without a backup, start nothing on the damaged folder: keep it as it is for whoever will repair it.',
    '  Backups, and when to move to PostgreSQL: see "What a power cut does to ./data" in README.md.',
  ].join('\n');
}
