import type { Cell } from 'exceljs';
import { unzipSync } from 'fflate';
import { invalid } from '../../errors.ts';

/** One column of an import template; the header text is how a column is found, wherever the owner moved it. */
export interface SheetColumn {
  key: string;
  header: string;
  required?: boolean;
  /** Typed into a General cell, a code or a phone number loses its leading zeros: such a column is text. */
  text?: boolean;
  /** What the template's help sheet says the column takes. */
  note: string;
}

export type SheetRow = { row: number; cells: Record<string, string> };
export interface SheetProblem {
  row: number;
  column: string;
  message: string;
}

export const IMPORT_MAX_ROWS = 10_000;
/** What the file may unpack to: a real 10,000-row sheet is a few MB; more is a zip bomb, not a shop's list. */
const MAX_UNPACKED_BYTES = 64 * 1024 * 1024;

/** Refuses a file that is not an .xlsx or that would unpack to far more than a shop's list can be, before reading it. */
function checkPackage(file: Buffer): void {
  if (file.length < 4 || file.readUInt32LE(0) !== 0x04034b50) throw invalid('file', 'is not an Excel .xlsx file');
  let unpacked = 0;
  try {
    // Only the central directory is read: the filter sees each entry's declared size and extracts nothing.
    unzipSync(file, {
      filter: (entry) => {
        unpacked += entry.originalSize;
        return false;
      },
    });
  } catch {
    throw invalid('file', 'is not a readable Excel .xlsx file');
  }
  if (unpacked > MAX_UNPACKED_BYTES) throw invalid('file', "unpacks to more than a shop's list can be");
}

/** A cell as the text the owner sees; a formula counts only by its computed result. */
function cellText(cell: Cell): string | { formula: true } {
  const value = cell.value;
  if (value === null || value === undefined) return '';
  if (typeof value === 'object' && 'formula' in value) {
    const result = value.result;
    if (result === undefined || result === null || typeof result === 'object') return { formula: true };
    return String(result).trim();
  }
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object' && 'richText' in value) return value.richText.map((part) => part.text).join('').trim();
  if (typeof value === 'object' && 'text' in value) return String(value.text).trim();
  // A float such as 2.3000000000000003 reads as the 2.3 that was typed (the stored places are fewer than six).
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : String(Number(value.toFixed(6)));
  return String(value).trim();
}

/** The first sheet's rows under the header row, by column key; blank rows are skipped. */
export async function readSheet(file: Buffer, columns: readonly SheetColumn[]): Promise<{ rows: SheetRow[]; problems: SheetProblem[] }> {
  checkPackage(file);
  // Loaded on first use: at start-up it cost a third of a second.
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(file as never);
  } catch {
    throw invalid('file', 'is not a readable Excel .xlsx file');
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw invalid('file', 'has no sheet');
  if (sheet.actualRowCount > IMPORT_MAX_ROWS + 1) throw invalid('file', `has more than ${IMPORT_MAX_ROWS} rows: split it into several files`);
  const header = sheet.getRow(1);
  const positions = new Map<string, number>();
  header.eachCell((cell, column) => {
    const text = String(cell.value ?? '').replace(/[*＊\s]/g, '');
    const known = columns.find((c) => c.header === text);
    if (known && !positions.has(known.key)) positions.set(known.key, column);
  });
  const missing = columns.filter((c) => c.required && !positions.has(c.key)).map((c) => c.header);
  if (missing.length > 0) throw invalid('file', `has no column ${missing.join(', ')} in its first row: use the template`);
  const rows: SheetRow[] = [];
  const problems: SheetProblem[] = [];
  sheet.eachRow((row, rowNumber) => {
    if (rowNumber === 1) return;
    const cells: SheetRow['cells'] = {};
    for (const [key, column] of positions) {
      const text = cellText(row.getCell(column));
      if (typeof text === 'object') {
        problems.push({ row: rowNumber, column: columns.find((c) => c.key === key)!.header, message: '公式没有计算结果，请改成数值' });
      } else if (text !== '') {
        cells[key] = text;
      }
    }
    if (Object.keys(cells).length > 0) rows.push({ row: rowNumber, cells });
  });
  return { rows, problems };
}
