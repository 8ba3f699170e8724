import { CreateCategoryRequest, CreateCustomerRequest, CreateSupplierRequest } from '@xiaocang/contracts';
import type { Actor } from '@xiaocang/domain';
import { z } from 'zod';
import type { Transaction } from '../../db/database.ts';
import { categories, customers, suppliers } from '../catalog/definitions.ts';
import type { CatalogDefinition } from '../catalog/definition.ts';
import { insertRecords, wholeNumber, type FieldTypes, type ImportDefinition, type ImportRow } from './import-definition.ts';
import type { SheetColumn } from './read-sheet.ts';

/** The records already in the shop (switched off ones too), as the keys the definition gives them. */
async function knownKeys(tx: Transaction, shopId: string, { table }: CatalogDefinition<unknown>, keys: (row: { name: string; code: string | null }) => string[]): Promise<Set<string>> {
  // Categories have no code: read through the row as JSON, it is null for them.
  const [found] = await tx.query<{ rows: Array<{ name: string; code: string | null }> | null }>(
    `SELECT json_agg(json_build_object('name', t.name, 'code', to_jsonb(t) ->> 'code')) AS rows FROM ${table} t WHERE t.shop_id = $1`,
    [shopId],
  );
  return new Set((found!.rows ?? []).flatMap(keys));
}

/** Rows that only fill columns: written as they are, in one statement. */
function plainWrite<Row extends ImportRow>(tx: Transaction, actor: Actor, catalog: CatalogDefinition<unknown>, types: FieldTypes, toRecord: (row: Row) => Record<string, unknown> = (row) => row) {
  return async (rows: Row[]) => {
    await insertRecords(tx, actor, catalog, { types, records: rows.map(toRecord), answer: [] });
    return { openingBillIds: [] };
  };
}

const categoryKeys = (row: { name: string }) => [`name:${row.name}`];

export const categoryImport: ImportDefinition<{ name: string }> = {
  catalog: categories,
  noun: '分类',
  columns: [{ key: 'name', header: '名称', required: true, note: '必填，最多 40 字' }],
  schema: z.object({ name: CreateCategoryRequest.shape.name }),
  keys: categoryKeys,
  keyColumn: () => 'name',
  matchRule: '店里已有的分类（名称相同，含已停用的）会跳过',
  async open(tx, actor) {
    return { known: await knownKeys(tx, actor.shopId, categories, categoryKeys), write: plainWrite(tx, actor, categories, { name: 'text' }) };
  },
};

const party = CreateSupplierRequest.shape;
const partyRow = { name: party.name, code: party.code, contactPerson: party.contactPerson, phone: party.phone, address: party.address, remarks: party.remarks };
const partyTypes: FieldTypes = { name: 'text', code: 'text', contactPerson: 'text', phone: 'text', address: 'text', remarks: 'text' };
const partyColumns = (noun: string): SheetColumn[] => [
  { key: 'name', header: '名称', required: true, note: '必填，最多 80 字' },
  { key: 'code', header: '编码', text: true, note: `选填，最多 64 字；同一编码的${noun}已存在时跳过该行` },
  { key: 'contactPerson', header: '联系人', note: '选填' },
  { key: 'phone', header: '电话', text: true, note: '选填' },
  { key: 'address', header: '地址', note: '选填' },
  { key: 'remarks', header: '备注', note: '选填' },
];
/** As a product: by its code, or by its name; one with a code is also known by its name, so a file without codes adds it once. */
const partyKeys = (row: { name: string; code: string | null }) => (row.code ? [`code:${row.code}`, `name:${row.name}`] : [`name:${row.name}`]);
/** What a supplier's and a customer's import share: the noun, how a record is known, and the rule the help sheet states. */
const partyImport = (noun: string) => ({
  noun,
  keys: partyKeys,
  keyColumn: (row: { code: string | null }) => (row.code ? 'code' : 'name'),
  matchRule: `店里已有的${noun}（编码相同，或名称相同）会跳过`,
});

const SupplierRow = z.object({ ...partyRow, leadTimeDays: wholeNumber(party.leadTimeDays.unwrap().unwrap()).optional() });

export const supplierImport: ImportDefinition<z.infer<typeof SupplierRow>> = {
  ...partyImport('供应商'),
  catalog: suppliers,
  columns: [...partyColumns('供应商'), { key: 'leadTimeDays', header: '到货天数', note: '选填，1 到 90 的整数：下单到货的天数，进货建议按它计算' }],
  schema: SupplierRow,
  async open(tx, actor) {
    return { known: await knownKeys(tx, actor.shopId, suppliers, partyKeys), write: plainWrite(tx, actor, suppliers, { ...partyTypes, leadTimeDays: 'integer' }) };
  },
};

const customer = CreateCustomerRequest.shape;
const CustomerRow = z.object({
  ...partyRow,
  wechatId: customer.wechatId,
  priceLevel: z.string().trim().max(40, 'must be at most 40 characters').optional(),
  serviceMonths: wholeNumber(customer.serviceMonths.unwrap()).default(0),
});
type CustomerRow = z.infer<typeof CustomerRow>;

export const customerImport: ImportDefinition<CustomerRow> = {
  ...partyImport('客户'),
  catalog: customers,
  columns: [
    ...partyColumns('客户'),
    { key: 'wechatId', header: '微信号', text: true, note: '选填' },
    { key: 'priceLevel', header: '价格等级', note: '选填，店里已有的价格等级名称（如 代理价）；不填按默认（销售价）' },
    { key: 'serviceMonths', header: '代理时长（月）', note: '选填，整数' },
  ],
  schema: CustomerRow,
  async open(tx, actor) {
    // The default level is the outbound price, which a customer without a level already buys at.
    const levels = await tx.query<{ id: string; name: string; is_default: boolean }>(`SELECT id::text, name, is_default FROM price_levels WHERE shop_id = $1 AND status = 'active'`, [actor.shopId]);
    const levelOf = new Map(levels.map((level) => [level.name, level.is_default ? null : level.id]));
    return {
      known: await knownKeys(tx, actor.shopId, customers, partyKeys),
      check: (row) => (row.priceLevel !== undefined && !levelOf.has(row.priceLevel) ? { column: 'priceLevel', message: `店铺没有价格等级“${row.priceLevel}”` } : undefined),
      write: plainWrite<CustomerRow>(tx, actor, customers, { ...partyTypes, wechatId: 'text', serviceMonths: 'integer', priceLevelId: 'bigint' }, (row) => ({
        ...row,
        priceLevelId: row.priceLevel === undefined ? null : levelOf.get(row.priceLevel),
      })),
    };
  },
};
