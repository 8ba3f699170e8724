import ExcelJS from 'exceljs';
import { PRODUCT_COLUMNS } from './product-sheet.ts';

/** The spreadsheet to fill in: the columns on the first sheet (required ones marked *), what each takes on the second. */
export async function productTemplate(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('商品');
  sheet.addRow(PRODUCT_COLUMNS.map((c) => ('required' in c && c.required ? `${c.header}*` : c.header)));
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  PRODUCT_COLUMNS.forEach((column, i) => {
    sheet.getColumn(i + 1).width = column.key === 'name' || column.key === 'remarks' ? 24 : 12;
    // Codes typed into a General cell lose their leading zeros: the column is text.
    if (column.key === 'code') sheet.getColumn(i + 1).numFmt = '@';
  });
  const help = workbook.addWorksheet('填写说明');
  help.addRow(['列', '说明']).font = { bold: true };
  for (const column of PRODUCT_COLUMNS) help.addRow([column.header, column.note]);
  help.addRow([]);
  help.addRow(['', '从第 2 行起每行一个商品，最多 10000 行。先点“检查”看哪些行有问题，改好后再导入；有问题时一行也不会导入。']);
  help.addRow(['', '同一个文件导入两次不会重复：店里已有的商品（编码相同，或没有编码时名称和规格相同）会跳过。']);
  help.getColumn(1).width = 14;
  help.getColumn(2).width = 70;
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
