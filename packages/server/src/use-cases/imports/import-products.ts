import { CreateProductRequest, LineQuantity, MoneyInput, type ImportResult } from '@xiaocang/contracts';
import { can, type Actor } from '@xiaocang/domain';
import { z } from 'zod';
import type { Database, Transaction } from '../../db/database.ts';
import { AppError } from '../../errors.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { postOpeningStock } from '../catalog/create-product.ts';
import { products } from '../catalog/definitions.ts';
import { requireWriteAccess } from '../catalog/write-access.ts';
import { PRODUCT_COLUMNS, readProductSheet, type SheetProblem, type SheetRow } from './product-sheet.ts';

const fields = CreateProductRequest.shape;
/** One row as the product API would take it; empty cells are the API's defaults. */
const RowSchema = z.object({
  name: fields.name,
  code: fields.code,
  category: z.string().trim().max(40, 'must be at most 40 characters').optional(),
  unit: fields.unit,
  specification: fields.specification,
  supplier: z.string().trim().max(80, 'must be at most 80 characters').optional(),
  inboundPrice: fields.inboundPrice,
  outboundPrice: fields.outboundPrice,
  warningStock: fields.warningStock,
  openingQuantity: LineQuantity.optional(),
  openingCost: MoneyInput.optional(),
  remarks: fields.remarks,
});
type Row = z.infer<typeof RowSchema> & { row: number };

/** A bill holds at most this many lines: opening stock of a long list is posted as several bills. */
const LINES_PER_BILL = 1000;

const headerOf = (key: string) => PRODUCT_COLUMNS.find((c) => c.key === key)?.header ?? key;

/** The checks' English reasons, said the way the owner reads the rest of the app. */
function reason(message: string): string {
  const tooLong = /at most (\d+) characters/.exec(message);
  if (tooLong) return `最多 ${tooLong[1]} 个字`;
  const places = /at most (\d+) decimals/.exec(message);
  if (places) return `须为数字，最多 ${places[1]} 位小数`;
  const range = /between (\S+) and (\S+)/.exec(message);
  if (range) return `须在 ${range[1]} 到 ${range[2]} 之间`;
  if (/required|received undefined/.test(message)) return '必填';
  if (/zero/.test(message)) return '不能为 0';
  return message;
}

/** What a product is known by: its code, or without one its name and specification. */
const identity = (name: string, specification: string, code: string | null) => (code ? `code:${code}` : `name:${name}\u0000${specification}`);

interface Existing {
  products: Set<string>;
  categories: Map<string, string>;
  suppliers: Map<string, string>;
  units: Set<string>;
}

async function loadExisting(tx: Transaction, shopId: string): Promise<Existing> {
  const [found] = await tx.query<{ products: Array<[string, string, string | null]> | null; categories: Record<string, string> | null; suppliers: Record<string, string> | null; units: string[] | null }>(
    `SELECT (SELECT json_agg(json_build_array(name, specification, code)) FROM products WHERE shop_id = $1) AS products,
            (SELECT json_object_agg(name, id::text) FROM categories WHERE shop_id = $1) AS categories,
            (SELECT json_object_agg(name, id::text) FROM (SELECT DISTINCT ON (name) name, id FROM suppliers WHERE shop_id = $1 ORDER BY name, id) s) AS suppliers,
            (SELECT array_agg(name) FROM shop_options WHERE shop_id = $1 AND kind = 'unit') AS units`,
    [shopId],
  );
  const existing = new Set<string>();
  for (const [name, specification, code] of found!.products ?? []) {
    // A product with a code is also known by its name: a file without codes must not add it again.
    existing.add(identity(name, specification, null));
    if (code) existing.add(identity(name, specification, code));
  }
  return { products: existing, categories: new Map(Object.entries(found!.categories ?? {})), suppliers: new Map(Object.entries(found!.suppliers ?? {})), units: new Set(found!.units ?? []) };
}

/** Checks every row; what is already in the shop is skipped, so importing the same file again adds nothing. */
function plan(actor: Actor, rows: SheetRow[], existing: Existing, problems: SheetProblem[]) {
  const create: Row[] = [];
  const skipped: ImportResult['skipped'] = [];
  const seen = new Map<string, number>();
  const mayAddUnits = can(actor, 'manageConfig');
  const mayPostStock = can(actor, 'createInbound');
  for (const { row, cells } of rows) {
    const parsed = RowSchema.safeParse(cells);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) problems.push({ row, column: headerOf(String(issue.path[0])), message: reason(issue.message) });
      continue;
    }
    const value = { ...parsed.data, row };
    const key = identity(value.name, value.specification, value.code);
    const earlier = seen.get(key) ?? seen.get(identity(value.name, value.specification, null));
    if (earlier !== undefined) {
      problems.push({ row, column: headerOf(value.code ? 'code' : 'name'), message: `与第 ${earlier} 行重复` });
      continue;
    }
    seen.set(key, row);
    if (existing.products.has(key) || existing.products.has(identity(value.name, value.specification, null))) {
      skipped.push({ row, name: value.name, reason: '已有这个商品' });
      continue;
    }
    if (!existing.units.has(value.unit) && !mayAddUnits) problems.push({ row, column: headerOf('unit'), message: `店铺没有单位“${value.unit}”，请店主先添加` });
    else if (value.openingQuantity !== undefined && !mayPostStock) problems.push({ row, column: headerOf('openingQuantity'), message: '你的账号不能入库，不能导入期初库存' });
    else create.push(value);
  }
  return { create, skipped };
}

/** Names missing from the shop (categories, suppliers), made in one statement; the map then holds them all. */
async function addNamed(tx: Transaction, shopId: string, table: 'categories' | 'suppliers', names: Iterable<string>, known: Map<string, string>) {
  const missing = [...new Set(names)].filter((name) => !known.has(name));
  if (missing.length === 0) return;
  const added = await tx.query<{ id: string; name: string }>(`INSERT INTO ${table} (shop_id, name) SELECT $1, unnest($2::text[]) RETURNING id::text, name`, [shopId, missing]);
  for (const { id, name } of added) known.set(name, id);
}

async function write(tx: Transaction, actor: Actor, create: Row[], existing: Existing): Promise<string[]> {
  const shopId = actor.shopId;
  await addNamed(tx, shopId, 'categories', create.flatMap((r) => (r.category ? [r.category] : [])), existing.categories);
  await addNamed(tx, shopId, 'suppliers', create.flatMap((r) => (r.supplier ? [r.supplier] : [])), existing.suppliers);
  const units = [...new Set(create.map((r) => r.unit))].filter((unit) => !existing.units.has(unit));
  if (units.length > 0) {
    await tx.query(
      `INSERT INTO shop_options (shop_id, kind, name, position)
       SELECT $1, 'unit', u.name, (SELECT COALESCE(max(position), -1) FROM shop_options WHERE shop_id = $1 AND kind = 'unit') + u.n
         FROM unnest($2::text[]) WITH ORDINALITY AS u(name, n)`,
      [shopId, units],
    );
  }
  const column = <T>(pick: (r: Row) => T) => create.map(pick);
  const inserted = await tx.query<{ id: string; name: string; specification: string; code: string | null }>(
    `INSERT INTO products (shop_id, name, code, category_id, unit, specification, supplier_id, inbound_price, outbound_price, warning_stock, remarks, created_by)
     SELECT $1, r.name, r.code, r.category_id, r.unit, r.specification, r.supplier_id, r.inbound_price, r.outbound_price, r.warning_stock, r.remarks, $2
       FROM unnest($3::text[], $4::text[], $5::bigint[], $6::text[], $7::text[], $8::bigint[], $9::numeric[], $10::numeric[], $11::numeric[], $12::text[])
            WITH ORDINALITY AS r(name, code, category_id, unit, specification, supplier_id, inbound_price, outbound_price, warning_stock, remarks, n)
      ORDER BY r.n
     RETURNING id::text, name, specification, code`,
    [
      shopId,
      actor.userId,
      column((r) => r.name),
      column((r) => r.code),
      column((r) => (r.category ? existing.categories.get(r.category)! : null)),
      column((r) => r.unit),
      column((r) => r.specification),
      column((r) => (r.supplier ? existing.suppliers.get(r.supplier)! : null)),
      column((r) => r.inboundPrice),
      column((r) => r.outboundPrice),
      column((r) => r.warningStock),
      column((r) => r.remarks),
    ],
  );
  // Rows are unique by identity (a repeat is a problem above), so each new id is found by it.
  const idOf = new Map(inserted.map((p) => [identity(p.name, p.specification, p.code), p.id]));
  const lines = create.flatMap((r) =>
    r.openingQuantity === undefined ? [] : [{ productId: idOf.get(identity(r.name, r.specification, r.code))!, quantity: r.openingQuantity, unitPrice: r.openingCost ?? r.inboundPrice }],
  );
  const billIds: string[] = [];
  for (let start = 0; start < lines.length; start += LINES_PER_BILL) {
    billIds.push(await postOpeningStock(tx, actor, { lines: lines.slice(start, start + LINES_PER_BILL), remarks: '导入商品时录入的期初库存' }));
  }
  return billIds;
}

/**
 * Products (and their opening stock) from the template's spreadsheet. `dryRun` checks every row and says what
 * would happen; otherwise all rows go in, in one transaction, or, when any row is wrong, none.
 */
export async function importProducts(db: Database, actor: Actor, { file, dryRun }: { file: Buffer; dryRun: boolean }): Promise<ImportResult> {
  requireWriteAccess(actor, products);
  const sheet = await readProductSheet(file);
  return db.transaction(async (tx) => {
    // One import at a time per shop: two copies of the same file sent together must not both add the products.
    await tx.query('SELECT pg_advisory_xact_lock(7316002, $1::int)', [Number(actor.shopId) % 2_147_483_647]);
    const existing = await loadExisting(tx, actor.shopId);
    const problems = [...sheet.problems];
    const { create, skipped } = plan(actor, sheet.rows, existing, problems);
    problems.sort((a, b) => a.row - b.row);
    const result = { dryRun, rows: sheet.rows.length, created: create.length, withOpeningStock: create.filter((r) => r.openingQuantity !== undefined).length, skipped, problems, openingBillIds: [] as string[] };
    if (dryRun) return result;
    if (problems.length > 0) {
      throw new AppError(
        'VALIDATION_FAILED',
        `${problems.length} rows have problems: nothing was imported`,
        problems.map((p) => ({ field: `rows.${p.row}.${PRODUCT_COLUMNS.find((c) => c.header === p.column)?.key ?? p.column}`, message: `第 ${p.row} 行「${p.column}」：${p.message}` })),
      );
    }
    if (create.length === 0) return result;
    const openingBillIds = await write(tx, actor, create, existing);
    await recordAudit(tx, actor, 'import', 'product', null, { rows: sheet.rows.length, created: create.length, skipped: skipped.length, openingBillIds });
    return { ...result, openingBillIds };
  });
}
