/**
 * How long importing a 10,000-row sheet takes: the check (dryRun) and the import itself, on a fresh PGlite database
 * in memory, or on PostgreSQL with DATABASE_URL. Products come each with opening stock.
 *
 *   npm run bench:import [-- --rows 10000 --kind products|categories|suppliers|customers]
 */
import { parseArgs } from 'node:util';
import { ImportKind } from '@xiaocang/contracts';
import { DEFAULT_STAFF_PERMISSIONS, type Actor } from '@xiaocang/domain';
import ExcelJS from 'exceljs';
import { openDatabase } from '../src/db/database.ts';
import { migrate } from '../src/db/migrate.ts';
import { registerShop } from '../src/use-cases/accounts/register-shop.ts';
import { importSheet } from '../src/use-cases/imports/import-sheet.ts';

const { values } = parseArgs({ options: { rows: { type: 'string', default: '10000' }, kind: { type: 'string', default: 'products' } } });
const rows = Number(values.rows);
const kind = ImportKind.parse(values.kind);

/** A filled-in template of each kind: a header row, then `rows` different records. */
const SHEETS: Record<ImportKind, { header: string[]; row: (i: number) => unknown[] }> = {
  products: {
    header: ['名称*', '编码/条码', '分类', '单位*', '规格', '供应商', '进货价', '销售价', '预警库存', '期初数量', '期初成本单价', '备注'],
    row: (i) => [`商品 ${i}`, `SKU-${i}`, `分类 ${i % 40}`, '个', '', `供应商 ${i % 25}`, 10 + (i % 90), 20 + (i % 90), 5, 1 + (i % 50), '', ''],
  },
  categories: { header: ['名称*'], row: (i) => [`分类 ${i}`] },
  suppliers: { header: ['名称*', '编码', '联系人', '电话', '地址', '备注', '到货天数'], row: (i) => [`供应商 ${i}`, `S-${i}`, '王经理', `138${String(i).padStart(8, '0')}`, '杭州市', '', 1 + (i % 90)] },
  customers: {
    header: ['名称*', '编码', '联系人', '电话', '地址', '备注', '微信号', '价格等级', '代理时长（月）'],
    row: (i) => [`客户 ${i}`, `C-${i}`, '李女士', `139${String(i).padStart(8, '0')}`, '上海市', '', `wx${i}`, '', i % 36],
  },
};

const workbook = new ExcelJS.Workbook();
const sheet = workbook.addWorksheet(kind);
sheet.addRow(SHEETS[kind].header);
for (let i = 1; i <= rows; i++) sheet.addRow(SHEETS[kind].row(i));
const file = Buffer.from(await workbook.xlsx.writeBuffer());

const db = await openDatabase({ databaseUrl: process.env.DATABASE_URL });
await migrate(db);
const session = await registerShop(db, { shopName: '导入测速', username: `import${Date.now()}`, password: 'password123', realName: '店主' });
const owner: Actor = { shopId: session.shop.id, userId: session.user.id, role: 'owner', staffPermissions: DEFAULT_STAFF_PERMISSIONS };

const timed = async (dryRun: boolean) => {
  const start = performance.now();
  const result = await importSheet(db, owner, { kind, file, dryRun });
  return { seconds: (performance.now() - start) / 1000, result };
};
const check = await timed(true);
const done = await timed(false);
console.log(`${rows} ${kind} (${(file.length / 1024).toFixed(0)} KiB .xlsx) on ${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite in memory'}:`);
console.log(`  check (dryRun): ${check.seconds.toFixed(1)} s, ${check.result.problems.length} problems`);
console.log(`  import: ${done.seconds.toFixed(1)} s, ${done.result.created} created, ${done.result.openingBillIds.length} opening bills`);
await db.close();
