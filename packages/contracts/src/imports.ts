import { z } from 'zod';
import { Id } from './common.ts';

/** What a spreadsheet can bring in: `/api/imports/<kind>`. */
export const ImportKind = z.enum(['products', 'categories', 'suppliers', 'customers']);
export type ImportKind = z.infer<typeof ImportKind>;
export const ImportKindParams = z.object({ kind: ImportKind });

/** What importing a spreadsheet did, or (dryRun) would do: rows are the sheet's own row numbers. */
export const ImportResult = z.object({
  dryRun: z.boolean(),
  /** Rows with anything in them, under the header. */
  rows: z.number().int(),
  created: z.number().int(),
  /** Of those created, how many come with opening stock (products only; 0 for the other kinds). */
  withOpeningStock: z.number().int(),
  /** Rows already in the shop, left as they are: importing the same file again adds nothing. */
  skipped: z.array(z.object({ row: z.number().int(), name: z.string(), reason: z.string() })),
  /** Why a row cannot go in; with any of them, nothing does. */
  problems: z.array(z.object({ row: z.number().int(), column: z.string(), message: z.string() })),
  /** The 期初入库 bills that posted the opening stock. */
  openingBillIds: z.array(Id),
});
export type ImportResult = z.infer<typeof ImportResult>;

export const ImportQuery = z.object({ dryRun: z.enum(['true', 'false']).default('true').transform((v) => v === 'true') });
