import { CreateProductRequest, LineQuantity, MoneyInput } from '@xiaocang/contracts';
import { can, type Actor } from '@xiaocang/domain';
import { z } from 'zod';
import type { Transaction } from '../../db/database.ts';
import { postOpeningStock } from '../catalog/create-product.ts';
import { products } from '../catalog/definitions.ts';
import { insertRecords, type ImportDefinition } from './import-definition.ts';

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
type Row = z.infer<typeof RowSchema>;

/** A bill holds at most this many lines: opening stock of a long list is posted as several bills. */
const LINES_PER_BILL = 1000;

/** What a product is known by: its code, or without one its name and specification. */
const identity = (name: string, specification: string, code: string | null) => (code ? `code:${code}` : `name:${name}\u0000${specification}`);

/** Names missing from the shop (categories, suppliers), made in one statement; the map then holds them all. */
async function addNamed(tx: Transaction, shopId: string, table: 'categories' | 'suppliers', names: Iterable<string>, known: Map<string, string>) {
  const missing = [...new Set(names)].filter((name) => !known.has(name));
  if (missing.length === 0) return;
  const added = await tx.query<{ id: string; name: string }>(`INSERT INTO ${table} (shop_id, name) SELECT $1, unnest($2::text[]) RETURNING id::text, name`, [shopId, missing]);
  for (const { id, name } of added) known.set(name, id);
}

async function open(tx: Transaction, actor: Actor) {
  const shopId = actor.shopId;
  const [found] = await tx.query<{ products: Array<[string, string, string | null]> | null; categories: Record<string, string> | null; suppliers: Record<string, string> | null; units: string[] | null }>(
    `SELECT (SELECT json_agg(json_build_array(name, specification, code)) FROM products WHERE shop_id = $1) AS products,
            (SELECT json_object_agg(name, id::text) FROM categories WHERE shop_id = $1) AS categories,
            (SELECT json_object_agg(name, id::text) FROM (SELECT DISTINCT ON (name) name, id FROM suppliers WHERE shop_id = $1 ORDER BY name, id) s) AS suppliers,
            (SELECT array_agg(name) FROM shop_options WHERE shop_id = $1 AND kind = 'unit') AS units`,
    [shopId],
  );
  const known = new Set<string>();
  for (const [name, specification, code] of found!.products ?? []) {
    // A product with a code is also known by its name: a file without codes must not add it again.
    known.add(identity(name, specification, null));
    if (code) known.add(identity(name, specification, code));
  }
  const categories = new Map(Object.entries(found!.categories ?? {}));
  const suppliers = new Map(Object.entries(found!.suppliers ?? {}));
  const units = new Set(found!.units ?? []);
  const mayAddUnits = can(actor, 'manageConfig');
  const mayPostStock = can(actor, 'createInbound');
  return {
    known,
    check(row: Row) {
      if (!units.has(row.unit) && !mayAddUnits) return { column: 'unit', message: `店铺没有单位“${row.unit}”，请店主先添加` };
      if (row.openingQuantity !== undefined && !mayPostStock) return { column: 'openingQuantity', message: '你的账号不能入库，不能导入期初库存' };
      return undefined;
    },
    async write(rows: Row[]) {
      await addNamed(tx, shopId, 'categories', rows.flatMap((r) => (r.category ? [r.category] : [])), categories);
      await addNamed(tx, shopId, 'suppliers', rows.flatMap((r) => (r.supplier ? [r.supplier] : [])), suppliers);
      const newUnits = [...new Set(rows.map((r) => r.unit))].filter((unit) => !units.has(unit));
      if (newUnits.length > 0) {
        await tx.query(
          `INSERT INTO shop_options (shop_id, kind, name, position)
           SELECT $1, 'unit', u.name, (SELECT COALESCE(max(position), -1) FROM shop_options WHERE shop_id = $1 AND kind = 'unit') + u.n
             FROM unnest($2::text[]) WITH ORDINALITY AS u(name, n)`,
          [shopId, newUnits],
        );
      }
      const inserted = await insertRecords<{ id: string; name: string; specification: string; code: string | null }>(tx, actor, products, {
        types: { name: 'text', code: 'text', categoryId: 'bigint', unit: 'text', specification: 'text', supplierId: 'bigint', inboundPrice: 'numeric', outboundPrice: 'numeric', warningStock: 'numeric', remarks: 'text' },
        records: rows.map((r) => ({ ...r, categoryId: r.category ? categories.get(r.category)! : null, supplierId: r.supplier ? suppliers.get(r.supplier)! : null })),
        answer: ['name', 'specification', 'code'],
      });
      // Rows are unique by identity (a repeat is a problem), so each new id is found by it.
      const idOf = new Map(inserted.map((p) => [identity(p.name, p.specification, p.code), p.id]));
      const lines = rows.flatMap((r) =>
        r.openingQuantity === undefined ? [] : [{ productId: idOf.get(identity(r.name, r.specification, r.code))!, quantity: r.openingQuantity, unitPrice: r.openingCost ?? r.inboundPrice }],
      );
      const openingBillIds: string[] = [];
      for (let start = 0; start < lines.length; start += LINES_PER_BILL) {
        openingBillIds.push(await postOpeningStock(tx, actor, { lines: lines.slice(start, start + LINES_PER_BILL), remarks: '导入商品时录入的期初库存' }));
      }
      return { openingBillIds };
    },
  };
}

/** Products, with new categories, suppliers and units made by name, and their opening stock as 期初入库 bills. */
export const productImport: ImportDefinition<Row> = {
  catalog: products,
  noun: '商品',
  columns: [
    { key: 'name', header: '名称', required: true, note: '必填，最多 80 字' },
    { key: 'code', header: '编码/条码', text: true, note: '选填；同一编码的商品已存在时跳过该行' },
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
  ],
  schema: RowSchema,
  keys: (row) => (row.code ? [identity(row.name, row.specification, row.code), identity(row.name, row.specification, null)] : [identity(row.name, row.specification, null)]),
  keyColumn: (row) => (row.code ? 'code' : 'name'),
  matchRule: '店里已有的商品（编码相同，或没有编码时名称和规格相同）会跳过',
  withOpeningStock: (row) => row.openingQuantity !== undefined,
  open,
};
