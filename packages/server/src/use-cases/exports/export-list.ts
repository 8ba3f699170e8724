import { redactForActor, shopDay, shopMinute, type Actor } from '@xiaocang/domain';
import ExcelJS from 'exceljs';
import type { Queryable } from '../../db/database.ts';
import { invalid } from '../../errors.ts';
import { EXPORT_LISTS, type ExportColumn, type ExportList, type ExportListName } from './export-lists.ts';

/** More rows than this is not a list anyone reads: narrow the filters (or take a backup). */
export const EXPORT_MAX_ROWS = 50_000;
const PAGE_SIZE = 200;

export type ExportFormat = 'xlsx' | 'csv';

export interface ExportFile {
  fileName: string;
  contentType: string;
  data: Buffer;
}

type Item = Record<string, unknown>;

/** Every row of a list as the caller's screen would show it, filters applied, fields they may not see left out. */
async function collect(db: Queryable, actor: Actor, list: ExportList, filters: Record<string, unknown>): Promise<Item[]> {
  const items: Item[] = [];
  for (let page = 1; ; page++) {
    const answer = await list.fetch(db, actor, { ...filters, page, pageSize: PAGE_SIZE });
    if (answer.total > EXPORT_MAX_ROWS) throw invalid('filters', `match ${answer.total} rows; at most ${EXPORT_MAX_ROWS} can be exported at once`);
    items.push(...answer.items);
    if (answer.items.length < PAGE_SIZE || items.length >= answer.total) break;
  }
  return redactForActor(actor, items);
}

/** The columns the caller may see: a column whose field redaction removed from every row is left out. */
function visibleColumns(actor: Actor, columns: ExportColumn[], items: Item[]): ExportColumn[] {
  const sample = items.length > 0 ? items : [redactForActor(actor, Object.fromEntries(columns.map((c) => [c.field, '0'])))];
  return columns.filter((column) => sample.some((item) => item[column.field] !== undefined));
}

function cellText(column: ExportColumn, value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  return column.labels?.[text] ?? text;
}

/** A spreadsheet app runs text starting with these as a formula (CSV injection): such text is kept as text. */
const csvSafe = (text: string) => (/^[=+\-@\t\r]/.test(text) ? `'${text}` : text);
const csvField = (text: string) => (/[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text);

/** The list's filters as the file's header rows say them. */
function filterLines(list: ExportList, filters: Record<string, unknown>): string[] {
  return Object.entries(filters)
    .filter(([, value]) => value !== undefined && value !== '')
    .map(([key, value]) => `${list.filterLabels[key] ?? key}：${String(value)}`);
}

async function toXlsx(title: string, headerLines: string[], columns: ExportColumn[], items: Item[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(title);
  for (const line of headerLines) sheet.addRow([line]);
  sheet.getRow(1).font = { bold: true, size: 14 };
  sheet.addRow([]);
  const head = sheet.addRow(columns.map((c) => c.header));
  head.font = { bold: true };
  for (const item of items) {
    sheet.addRow(
      columns.map((column) => {
        const value = item[column.field];
        // Amounts and quantities as numbers, so the sheet can sum them; the server's decimals have few places.
        if ((column.kind === 'money' || column.kind === 'quantity') && typeof value === 'string' && value !== '') return Number(value);
        return cellText(column, value);
      }),
    );
  }
  columns.forEach((column, i) => {
    const sheetColumn = sheet.getColumn(i + 1);
    sheetColumn.width = column.kind === 'text' ? 18 : 12;
    if (column.kind === 'money') sheetColumn.numFmt = '#,##0.00';
    if (column.kind === 'quantity') sheetColumn.numFmt = '0.###';
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function toCsv(headerLines: string[], columns: ExportColumn[], items: Item[]): Buffer {
  const rows = [
    ...headerLines.map((line) => csvField(csvSafe(line))),
    '',
    columns.map((c) => csvField(c.header)).join(','),
    ...items.map((item) => columns.map((column) => csvField(column.kind === 'text' ? csvSafe(cellText(column, item[column.field])) : cellText(column, item[column.field]))).join(',')),
  ];
  // The byte-order mark makes Excel read the file as UTF-8, so Chinese is not garbled.
  return Buffer.from(`\uFEFF${rows.join('\r\n')}\r\n`, 'utf8');
}

/** One list of the caller's shop as an Excel or CSV file, with its title, the time and the filters at the top. */
export async function exportList(
  db: Queryable,
  actor: Actor,
  { list: name, format, filters: raw }: { list: ExportListName; format: ExportFormat; filters: Record<string, unknown> },
): Promise<ExportFile> {
  const list: ExportList = EXPORT_LISTS[name];
  const parsed = list.query.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw invalid(issue.path.join('.') || 'query', issue.message);
  }
  const { page: _page, pageSize: _pageSize, ...filters } = parsed.data;
  const items = await collect(db, actor, list, filters);
  const columns = visibleColumns(actor, list.columns, items);
  const now = new Date();
  const headerLines = [`${list.title}（共 ${items.length} 条）`, `导出时间：${shopMinute(now)}`, ...filterLines(list, filters)];
  const fileName = `${list.title}-${shopDay(now)}.${format}`;
  return format === 'xlsx'
    ? { fileName, contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', data: await toXlsx(list.title, headerLines, columns, items) }
    : { fileName, contentType: 'text/csv; charset=utf-8', data: toCsv(headerLines, columns, items) };
}
