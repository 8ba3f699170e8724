/**
 * How long importing a 10,000-row product sheet takes, each row with opening stock: the check (dryRun) and the
 * import itself, on a fresh PGlite database in memory, or on PostgreSQL with DATABASE_URL.
 *
 *   npm run bench:import [-- --rows 10000]
 */
import { parseArgs } from 'node:util';
import { DEFAULT_STAFF_PERMISSIONS, type Actor } from '@xiaocang/domain';
import ExcelJS from 'exceljs';
import { openDatabase } from '../src/db/database.ts';
import { migrate } from '../src/db/migrate.ts';
import { registerShop } from '../src/use-cases/accounts/register-shop.ts';
import { importProducts } from '../src/use-cases/imports/import-products.ts';

const { values } = parseArgs({ options: { rows: { type: 'string', default: '10000' } } });
const rows = Number(values.rows);

const workbook = new ExcelJS.Workbook();
const sheet = workbook.addWorksheet('商品');
sheet.addRow(['名称*', '编码/条码', '分类', '单位*', '规格', '供应商', '进货价', '销售价', '预警库存', '期初数量', '期初成本单价', '备注']);
for (let i = 1; i <= rows; i++) sheet.addRow([`商品 ${i}`, `SKU-${i}`, `分类 ${i % 40}`, '个', '', `供应商 ${i % 25}`, 10 + (i % 90), 20 + (i % 90), 5, 1 + (i % 50), '', '']);
const file = Buffer.from(await workbook.xlsx.writeBuffer());

const db = await openDatabase({ databaseUrl: process.env.DATABASE_URL });
await migrate(db);
const session = await registerShop(db, { shopName: '导入测速', username: `import${Date.now()}`, password: 'password123', realName: '店主' });
const owner: Actor = { shopId: session.shop.id, userId: session.user.id, role: 'owner', staffPermissions: DEFAULT_STAFF_PERMISSIONS };

const timed = async (dryRun: boolean) => {
  const start = performance.now();
  const result = await importProducts(db, owner, { file, dryRun });
  return { seconds: (performance.now() - start) / 1000, result };
};
const check = await timed(true);
const done = await timed(false);
console.log(`${rows} rows (${(file.length / 1024).toFixed(0)} KiB .xlsx) on ${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite in memory'}:`);
console.log(`  check (dryRun): ${check.seconds.toFixed(1)} s, ${check.result.problems.length} problems`);
console.log(`  import: ${done.seconds.toFixed(1)} s, ${done.result.created} products, ${done.result.openingBillIds.length} opening bills`);
await db.close();
