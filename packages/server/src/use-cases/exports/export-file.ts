import type { Actor } from '@xiaocang/domain';
import type { z } from 'zod';
import type { Queryable } from '../../db/database.ts';
import { invalid } from '../../errors.ts';
import { EXPORT_LISTS } from './export-lists.ts';
import { EXPORT_REPORTS } from './export-reports.ts';
import { writeSheet, type ExportFile, type ExportFormat, type Section } from './write-sheet.ts';

/** A list or report that can be downloaded: what it accepts, and how it reads its tables for the caller. */
export interface ExportDefinition {
  title: string;
  /** The same query as the screen's (for a list, its paging is the export's). */
  query: z.ZodType<Record<string, unknown>>;
  /** Chinese names of the filters, for the file's header rows. */
  filterLabels: Record<string, string>;
  /** The tables, through the same use case as the screen's, and the filters as applied (defaults filled in). */
  read: (db: Queryable, actor: Actor, query: Record<string, unknown>) => Promise<{ filters: Record<string, unknown>; sections: Section[] }>;
}

/** Every list and report a screen shows, by the name in its export URL. */
export const EXPORTS: Record<string, ExportDefinition> = { ...EXPORT_LISTS, ...EXPORT_REPORTS };
export const EXPORT_NAMES = Object.keys(EXPORTS) as [string, ...string[]];

/** The filters as the file's header rows say them. */
function filterLines(definition: ExportDefinition, filters: Record<string, unknown>): string[] {
  return Object.entries(filters)
    .filter(([, value]) => value !== undefined && value !== '')
    .map(([key, value]) => `${definition.filterLabels[key] ?? key}：${String(value)}`);
}

/** One list or report of the caller's shop as an Excel or CSV file, with its title, the time and the filters at the top. */
export async function exportFile(
  db: Queryable,
  actor: Actor,
  { name, format, filters: raw }: { name: string; format: ExportFormat; filters: Record<string, unknown> },
): Promise<ExportFile> {
  const definition = EXPORTS[name];
  if (!definition) throw invalid('list', 'is not a list or report that can be exported');
  const parsed = definition.query.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw invalid(issue.path.join('.') || 'query', issue.message);
  }
  const { filters, sections } = await definition.read(db, actor, parsed.data);
  return writeSheet(actor, { title: definition.title, filterLines: filterLines(definition, filters), sections }, format);
}
