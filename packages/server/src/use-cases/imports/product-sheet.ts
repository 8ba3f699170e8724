import ExcelJS from 'exceljs';
import { unzipSync } from 'fflate';
import { invalid } from '../../errors.ts';

/** The template's columns, in order; the header text is how a column is found, wherever the owner moved it. */
export const PRODUCT_COLUMNS = [
  { key: 'name', header: '名称', required: true, note: '必填，最多 80 字' },
  { key: 'code', header: '编码/条码', note: '选填；同一编码的商品已存在时跳过该行' },
  { key: 'category', header: '分类', note: '选填；没有的分类会新建' },
  { key: 'unit', header: '单位', required: true, note: '必填，如 个、盒、千克' },
  { key: 'specification', header: '规格', note: '选填' },
  { key: 'supplier', header: '供应商', note: '选填；没有的供应商会新建' },
  { key: 'inboundPrice', header: '进货价', note: '选填，最多 2 位小数' },
  { key: 'outboundPrice', header: '销售价', note: '选填，最多 2 位小数' },
  { key: 'warningStock', header: '预警库存', note: '选填，库存低于此数时提醒' },
  { key: 'openingQuantity', header: '期初数量', note: '选填；已有的货，导入时记期初入库单' },
  { key: 'openingCost', header: '期初成本单价', note: '选填；不填按进货价' },
  { key: 'remarks', header: '备注', note: '选填' },
] as const;

export type ProductColumnKey = (typeof PRODUCT_COLUMNS)[number]['key'];
export type SheetRow = { row: number; cells: Partial<Record<ProductColumnKey, string>> };
export interface SheetProblem {
  row: number;
  column: string;
  message: string;
}

export const IMPORT_MAX_ROWS = 10_000;
/** What the file may unpack to: a real 10,000-row sheet is a few MB; more is a zip bomb, not a product list. */
const MAX_UNPACKED_BYTES = 64 * 1024 * 1024;

/** Refuses a file that is not an .xlsx or that would unpack to far more than a product list can be, before reading it. */
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
  if (unpacked > MAX_UNPACKED_BYTES) throw invalid('file', 'unpacks to more than a product list can be');
}

/** A cell as the text the owner sees; a formula counts only by its computed result. */
function cellText(cell: ExcelJS.Cell): string | { formula: true } {
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

/** The first sheet's rows under the header row, by column; blank rows are skipped. */
export async function readProductSheet(file: Buffer): Promise<{ rows: SheetRow[]; problems: SheetProblem[] }> {
  checkPackage(file);
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
  const positions = new Map<ProductColumnKey, number>();
  header.eachCell((cell, column) => {
    const text = String(cell.value ?? '').replace(/[*＊\s]/g, '');
    const known = PRODUCT_COLUMNS.find((c) => c.header === text);
    if (known && !positions.has(known.key)) positions.set(known.key, column);
  });
  const missing = PRODUCT_COLUMNS.filter((c) => 'required' in c && c.required && !positions.has(c.key)).map((c) => c.header);
  if (missing.length > 0) throw invalid('file', `has no column ${missing.join(', ')} in its first row: use the template`);
  const rows: SheetRow[] = [];
  const problems: SheetProblem[] = [];
  sheet.eachRow((row, rowNumber) => {
    if (rowNumber === 1) return;
    const cells: SheetRow['cells'] = {};
    for (const [key, column] of positions) {
      const text = cellText(row.getCell(column));
      if (typeof text === 'object') {
        problems.push({ row: rowNumber, column: PRODUCT_COLUMNS.find((c) => c.key === key)!.header, message: '公式没有计算结果，请改成数值' });
      } else if (text !== '') {
        cells[key] = text;
      }
    }
    if (Object.keys(cells).length > 0) rows.push({ row: rowNumber, cells });
  });
  return { rows, problems };
}
