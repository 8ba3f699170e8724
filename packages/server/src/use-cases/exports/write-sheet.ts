import { redactForActor, shopDay, shopMinute, type Actor } from '@xiaocang/domain';

export type ExportFormat = 'xlsx' | 'csv';

export interface ExportFile {
  fileName: string;
  contentType: string;
  data: Buffer;
}

/** How a column's values are written: as text, or as numbers with their places (a sum in Excel then works). */
export type ColumnKind = 'text' | 'money' | 'quantity' | 'number' | 'date';

export interface ExportColumn {
  header: string;
  /** The field of the item, as the API sends it (so redaction removes it for whoever may not see it). */
  field: string;
  kind: ColumnKind;
  /** Codes written as words. */
  labels?: Readonly<Record<string, string>>;
}

export const text = (header: string, field: string, labels?: Readonly<Record<string, string>>): ExportColumn => ({ header, field, kind: 'text', ...(labels ? { labels } : {}) });
export const money = (header: string, field: string): ExportColumn => ({ header, field, kind: 'money' });
export const quantity = (header: string, field: string): ExportColumn => ({ header, field, kind: 'quantity' });
export const number = (header: string, field: string): ExportColumn => ({ header, field, kind: 'number' });
export const date = (header: string, field: string): ExportColumn => ({ header, field, kind: 'date' });

export type Item = Record<string, unknown>;

/** One table of the file: a list has one; a report may have several (the warnings report: by kind, by product, …). */
export interface Section {
  /** Said above the table when the file has several. */
  title?: string;
  columns: ExportColumn[];
  items: Item[];
  /** A 合计 row after the items, not counted among them. */
  totals?: Item;
}

export interface Sheet {
  title: string;
  /** The filters as the file's header rows say them (`名称：值`), after the title and the time of export. */
  filterLines: string[];
  sections: Section[];
}

const NUMERIC: ReadonlySet<ColumnKind> = new Set(['money', 'quantity', 'number']);

/** The columns the caller may see: a column whose field redaction removed from every row is left out. */
function visibleColumns(actor: Actor, columns: ExportColumn[], items: Item[]): ExportColumn[] {
  const sample = items.length > 0 ? items : [redactForActor(actor, Object.fromEntries(columns.map((c) => [c.field, '0'])))];
  return columns.filter((column) => sample.some((item) => item[column.field] !== undefined));
}

function cellText(column: ExportColumn, value: unknown): string {
  if (value === null || value === undefined) return '';
  const shown = String(value);
  return column.labels?.[shown] ?? shown;
}

/**
 * A spreadsheet app runs text starting with these as a formula (CSV injection): such text is kept as text, the
 * same in both formats (an Excel cell is typed text already, and stays so when someone saves it as CSV).
 */
const neutralised = (value: string) => (/^[=+\-@\t\r]/.test(value) ? `'${value}` : value);
const csvField = (value: string) => (/[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);

/** A cell as the CSV writes it: numbers with the places the server gave them, text neutralised. */
const csvCell = (column: ExportColumn, value: unknown) => (column.kind === 'text' ? neutralised(cellText(column, value)) : cellText(column, value));

/** A cell as the workbook holds it: amounts and quantities as numbers, so the sheet can sum them (the server's decimals have few places). */
function xlsxCell(column: ExportColumn, value: unknown): string | number {
  if (NUMERIC.has(column.kind) && (typeof value === 'number' || (typeof value === 'string' && value !== ''))) return Number(value);
  return csvCell(column, value);
}

const rowsOf = (section: Section) => (section.totals ? [...section.items, section.totals] : section.items);

async function toXlsx(title: string, headerLines: string[], sections: Section[]): Promise<Buffer> {
  // Loaded on first use: at start-up it cost a third of a second.
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(title);
  for (const line of headerLines) sheet.addRow([neutralised(line)]);
  sheet.getRow(1).font = { bold: true, size: 14 };
  const widths: number[] = [];
  for (const section of sections) {
    sheet.addRow([]);
    if (section.title) sheet.addRow([section.title]).font = { bold: true };
    sheet.addRow(section.columns.map((c) => c.header)).font = { bold: true };
    for (const item of rowsOf(section)) {
      const row = sheet.addRow(section.columns.map((column) => xlsxCell(column, item[column.field])));
      // Per cell, not per column: sections share the sheet's columns.
      section.columns.forEach((column, i) => {
        if (column.kind === 'money') row.getCell(i + 1).numFmt = '#,##0.00';
        if (column.kind === 'quantity') row.getCell(i + 1).numFmt = '0.###';
      });
      if (item === section.totals) row.font = { bold: true };
    }
    section.columns.forEach((column, i) => (widths[i] = Math.max(widths[i] ?? 0, column.kind === 'text' ? 18 : 12)));
  }
  widths.forEach((width, i) => (sheet.getColumn(i + 1).width = width));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function toCsv(headerLines: string[], sections: Section[]): Buffer {
  const rows = headerLines.map((line) => csvField(neutralised(line)));
  for (const section of sections) {
    rows.push('');
    if (section.title) rows.push(csvField(section.title));
    rows.push(section.columns.map((c) => csvField(c.header)).join(','));
    for (const item of rowsOf(section)) rows.push(section.columns.map((column) => csvField(csvCell(column, item[column.field]))).join(','));
  }
  // The byte-order mark makes Excel read the file as UTF-8, so Chinese is not garbled.
  return Buffer.from(`\uFEFF${rows.join('\r\n')}\r\n`, 'utf8');
}

/**
 * A list or a report as an Excel or CSV file: its title and row count, the time, the filters, then its tables,
 * each with what the caller may not see left out (the rows redacted as the API redacts them, and a column gone
 * when redaction removed its field).
 */
export async function writeSheet(actor: Actor, sheet: Sheet, format: ExportFormat): Promise<ExportFile> {
  const sections = sheet.sections.map((section) => {
    const items = redactForActor(actor, section.items);
    const totals = section.totals && redactForActor(actor, section.totals);
    return { ...section, items, ...(totals ? { totals } : {}), columns: visibleColumns(actor, section.columns, totals ? [...items, totals] : items) };
  });
  const count = sections.length === 1 ? `（共 ${sections[0]!.items.length} 条）` : '';
  const now = new Date();
  const headerLines = [`${sheet.title}${count}`, `导出时间：${shopMinute(now)}`, ...sheet.filterLines];
  const fileName = `${sheet.title}-${shopDay(now)}.${format}`;
  return format === 'xlsx'
    ? { fileName, contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', data: await toXlsx(sheet.title, headerLines, sections) }
    : { fileName, contentType: 'text/csv; charset=utf-8', data: toCsv(headerLines, sections) };
}
