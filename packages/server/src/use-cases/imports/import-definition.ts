import type { Actor } from '@xiaocang/domain';
import { z } from 'zod';
import type { Transaction } from '../../db/database.ts';
import type { CatalogDefinition } from '../catalog/definition.ts';
import type { SheetColumn } from './read-sheet.ts';

/** A row of a sheet once checked: at least a name, which the preview shows for a skipped row. */
export type ImportRow = { name: string };

/** What the shop holds that an import needs, read inside the import's transaction. */
export interface ImportTarget<Row extends ImportRow> {
  /** The keys (see `keys`) of every record already in the shop. */
  known: Set<string>;
  /** A row the kind cannot take although its cells are valid (a unit the shop lacks and the caller may not add). */
  check?(row: Row): { column: string; message: string } | undefined;
  /** Writes every row (none is in the shop, none repeats another) and says which opening bills it posted. */
  write(rows: Row[]): Promise<{ openingBillIds: string[] }>;
}

/**
 * One kind of master data brought in from a spreadsheet; `importSheet` and `sheetTemplate` serve every kind the
 * same way: the same file checks, the same preview, the same all-or-nothing transaction and the same audit row.
 */
export interface ImportDefinition<Row extends ImportRow = ImportRow> {
  /** Writing needs the catalog's write action; the audit trail names its entity. */
  catalog: CatalogDefinition<unknown>;
  /** The template's sheet name, and the word for one record in the preview (已有这个…). */
  noun: string;
  columns: readonly SheetColumn[];
  /** One row's cells (text, empty ones left out) as the record; its messages are read by `reason`. */
  schema: z.ZodType<Row>;
  /**
   * What a record is known by, the first key its own: a row whose keys meet a record of the shop is skipped, so the
   * same file imported twice adds nothing; one whose keys meet an earlier row's first key repeats it.
   */
  keys(row: Row): string[];
  /** The column a repeated row is reported in. */
  keyColumn(row: Row): string;
  /** The help sheet's sentence on which rows are taken as already in the shop. */
  matchRule: string;
  /** Rows that bring opening stock, counted in the preview. */
  withOpeningStock?(row: Row): boolean;
  open(tx: Transaction, actor: Actor): Promise<ImportTarget<Row>>;
}

/** A whole number typed in a cell, checked by the API's own rule for the field. */
export const wholeNumber = (rule: z.ZodNumber) => z.string().regex(/^-?\d+$/, 'must be a whole number').transform(Number).pipe(rule);

/** The checks' English reasons, said the way the owner reads the rest of the app. */
export function reason(message: string): string {
  const tooLong = /at most (\d+) characters/.exec(message);
  if (tooLong) return `最多 ${tooLong[1]} 个字`;
  const places = /at most (\d+) decimals/.exec(message);
  if (places) return `须为数字，最多 ${places[1]} 位小数`;
  const range = /between (\S+) and (\S+)/.exec(message);
  if (range) return `须在 ${range[1]} 到 ${range[2]} 之间`;
  const least = />=\s*(\S+)/.exec(message);
  if (least) return `不能小于 ${least[1]}`;
  const most = /<=\s*(\S+)/.exec(message);
  if (most) return `不能大于 ${most[1]}`;
  if (/whole number/.test(message)) return '须为整数';
  if (/required|received undefined/.test(message)) return '必填';
  if (/zero/.test(message)) return '不能为 0';
  return message;
}

/** The SQL type of each field written, so that the rows go in as one statement of arrays. */
export type FieldTypes = Record<string, 'text' | 'bigint' | 'integer' | 'numeric'>;

/**
 * Many records of one kind in one INSERT: each field is an array bound once, whatever the number of rows, and
 * goes to the column the catalog names for it. Answers the new rows with the fields asked for in `answer`.
 */
export async function insertRecords<Answer>(
  tx: Transaction,
  actor: Actor,
  catalog: CatalogDefinition<unknown>,
  { types, records, answer }: { types: FieldTypes; records: Array<Record<string, unknown>>; answer: string[] },
): Promise<Answer[]> {
  const fields = Object.keys(types);
  const columns = fields.map((field) => catalog.columns[field]!);
  const creator = catalog.recordsCreator ? [{ column: 'created_by', value: actor.userId }] : [];
  const fixed = [{ column: 'shop_id', value: actor.shopId }, ...creator];
  const arrays = fields.map((field, i) => `$${fixed.length + i + 1}::${types[field]}[]`);
  return tx.query<Answer>(
    `INSERT INTO ${catalog.table} (${[...fixed.map((f) => f.column), ...columns].join(', ')})
     SELECT ${[...fixed.map((_, i) => `$${i + 1}`), ...columns.map((c) => `r.${c}`)].join(', ')}
       FROM unnest(${arrays.join(', ')}) WITH ORDINALITY AS r(${[...columns, 'n'].join(', ')})
      ORDER BY r.n
     RETURNING id::text AS id${answer.map((field) => `, ${catalog.columns[field]} AS "${field}"`).join('')}`,
    [...fixed.map((f) => f.value), ...fields.map((field) => records.map((record) => record[field] ?? null))],
  );
}
