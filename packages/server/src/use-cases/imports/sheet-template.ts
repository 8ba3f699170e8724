import type { ImportKind } from '@xiaocang/contracts';
import { IMPORT_KINDS } from './import-kinds.ts';
import { IMPORT_MAX_ROWS } from './read-sheet.ts';

/** The spreadsheet to fill in: the kind's columns on the first sheet (required ones marked *), what each takes on the second. */
export async function sheetTemplate(kind: ImportKind): Promise<{ data: Buffer; fileName: string }> {
  const { noun, columns, matchRule } = IMPORT_KINDS[kind];
  // Loaded on first use: at start-up it cost a third of a second.
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(noun);
  sheet.addRow(columns.map((c) => (c.required ? `${c.header}*` : c.header)));
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  columns.forEach((column, i) => {
    sheet.getColumn(i + 1).width = column.key === 'name' || column.key === 'remarks' || column.key === 'address' ? 24 : 12;
    if (column.text) sheet.getColumn(i + 1).numFmt = '@';
  });
  const help = workbook.addWorksheet('填写说明');
  help.addRow(['列', '说明']).font = { bold: true };
  for (const column of columns) help.addRow([column.header, column.note]);
  help.addRow([]);
  help.addRow(['', `从第 2 行起每行一个${noun}，最多 ${IMPORT_MAX_ROWS} 行。先点“检查”看哪些行有问题，改好后再导入；有问题时一行也不会导入。`]);
  help.addRow(['', `同一个文件导入两次不会重复：${matchRule}。`]);
  help.getColumn(1).width = 14;
  help.getColumn(2).width = 70;
  return { data: Buffer.from(await workbook.xlsx.writeBuffer()), fileName: `${noun}导入模板.xlsx` };
}
