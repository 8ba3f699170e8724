import type { ImportKind, ImportResult } from '@xiaocang/contracts';
import type { Actor } from '@xiaocang/domain';
import type { Database } from '../../db/database.ts';
import { AppError } from '../../errors.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { requireWriteAccess } from '../catalog/write-access.ts';
import { reason, type ImportDefinition, type ImportRow, type ImportTarget } from './import-definition.ts';
import { IMPORT_KINDS } from './import-kinds.ts';
import { readSheet, type SheetProblem, type SheetRow } from './read-sheet.ts';

/** Checks every row; what is already in the shop is skipped, so importing the same file again adds nothing. */
function plan(definition: ImportDefinition, rows: SheetRow[], target: ImportTarget<ImportRow>, problems: SheetProblem[]) {
  const headerOf = (key: string) => definition.columns.find((c) => c.key === key)?.header ?? key;
  const create: ImportRow[] = [];
  const skipped: ImportResult['skipped'] = [];
  const seen = new Map<string, number>();
  for (const { row, cells } of rows) {
    const parsed = definition.schema.safeParse(cells);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) problems.push({ row, column: headerOf(String(issue.path[0])), message: reason(issue.message) });
      continue;
    }
    const value = parsed.data;
    const keys = definition.keys(value);
    const earlier = keys.map((key) => seen.get(key)).find((found) => found !== undefined);
    if (earlier !== undefined) {
      problems.push({ row, column: headerOf(definition.keyColumn(value)), message: `与第 ${earlier} 行重复` });
      continue;
    }
    seen.set(keys[0]!, row);
    if (keys.some((key) => target.known.has(key))) {
      skipped.push({ row, name: value.name, reason: `已有这个${definition.noun}` });
      continue;
    }
    const refused = target.check?.(value);
    if (refused) problems.push({ row, column: headerOf(refused.column), message: refused.message });
    else create.push(value);
  }
  return { create, skipped };
}

/**
 * Records of one kind from its template's spreadsheet. `dryRun` checks every row and says what would happen;
 * otherwise all rows go in, in one transaction, or, when any row is wrong, none.
 */
export async function importSheet(db: Database, actor: Actor, { kind, file, dryRun }: { kind: ImportKind; file: Buffer; dryRun: boolean }): Promise<ImportResult> {
  const definition = IMPORT_KINDS[kind];
  requireWriteAccess(actor, definition.catalog);
  const sheet = await readSheet(file, definition.columns);
  return db.transaction(async (tx) => {
    // One import at a time per shop: two copies of the same file sent together must not both add the rows.
    await tx.query('SELECT pg_advisory_xact_lock(7316002, $1::int)', [Number(actor.shopId) % 2_147_483_647]);
    const target = await definition.open(tx, actor);
    const problems = [...sheet.problems];
    const { create, skipped } = plan(definition, sheet.rows, target, problems);
    problems.sort((a, b) => a.row - b.row);
    const withOpeningStock = definition.withOpeningStock ? create.filter((row) => definition.withOpeningStock!(row)).length : 0;
    const result = { dryRun, rows: sheet.rows.length, created: create.length, withOpeningStock, skipped, problems, openingBillIds: [] as string[] };
    if (dryRun) return result;
    if (problems.length > 0) {
      throw new AppError(
        'VALIDATION_FAILED',
        `${problems.length} rows have problems: nothing was imported`,
        problems.map((p) => ({ field: `rows.${p.row}.${definition.columns.find((c) => c.header === p.column)?.key ?? p.column}`, message: `第 ${p.row} 行「${p.column}」：${p.message}` })),
      );
    }
    if (create.length === 0) return result;
    const { openingBillIds } = await target.write(create);
    await recordAudit(tx, actor, 'import', definition.catalog.entity, null, { rows: sheet.rows.length, created: create.length, skipped: skipped.length, openingBillIds });
    return { ...result, openingBillIds };
  });
}
