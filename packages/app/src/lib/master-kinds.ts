import { priceLevels } from '../api/money';
import { categories, customers, stockPoints, suppliers } from '../api/master';
import type { ImportKind } from '../api/types';
import type { OptionSource } from '../hooks/useOptions';
import type { Abilities } from '../state/permissions';

/** How one field of a master-data record is edited and sent. */
export interface MasterField {
  name: string;
  label: string;
  type: 'text' | 'code' | 'multiline' | 'integer' | 'switch' | 'select';
  /** A `select` chooses one record of this kind; the record carries the chosen one's name in `shownAs`. */
  source?: OptionSource;
  shownAs?: string;
  /** What a `select` left empty means. */
  emptyLabel?: string;
  /** An `integer` left empty is sent as null (not set) rather than 0. */
  optional?: boolean;
  required?: boolean;
  max?: number;
  placeholder?: string;
}

export interface MasterRecord {
  id: string;
  name: string;
  status: 'active' | 'inactive';
  [key: string]: unknown;
}

interface MasterApi {
  list: (query: Record<string, string | number | undefined>) => Promise<{ items: MasterRecord[]; total: number; page: number; pageSize: number }>;
  get: (id: string) => Promise<MasterRecord>;
  create: (input: Record<string, unknown>) => Promise<unknown>;
  update: (id: string, input: Record<string, unknown>) => Promise<unknown>;
  remove: (id: string) => Promise<unknown>;
}

export interface MasterKind {
  title: string;
  api: MasterApi;
  fields: MasterField[];
  /** One line under the name in the list. */
  summary: (record: MasterRecord) => string;
  /** The ability needed to add, change or delete one; everybody may read them. */
  writeAbility: keyof Abilities;
  /** What the audit trail calls this kind of record. */
  auditEntity: string;
  /** Records of this kind can come in from an Excel template (从 Excel 导入). */
  importKind?: ImportKind;
}

const partyFields: MasterField[] = [
  { name: 'name', label: '名称', type: 'text', required: true, max: 80 },
  { name: 'code', label: '编码', type: 'code', max: 64 },
  { name: 'contactPerson', label: '联系人', type: 'text', max: 40 },
  { name: 'phone', label: '电话', type: 'text', max: 40 },
  { name: 'address', label: '地址', type: 'text', max: 200 },
  { name: 'remarks', label: '备注', type: 'multiline', max: 500 },
];

const partySummary = (r: MasterRecord) => [r.contactPerson, r.phone].filter(Boolean).join(' · ') || String(r.address || '—');

export const MASTER_KINDS: Record<string, MasterKind> = {
  suppliers: {
    title: '供应商',
    auditEntity: 'supplier',
    api: suppliers as unknown as MasterApi,
    // Days from ordering to the goods on the shelf: purchase suggestions plan with it.
    fields: [...partyFields, { name: 'leadTimeDays', label: '到货天数', type: 'integer', optional: true, placeholder: '下单到货的天数，选填' }],
    summary: partySummary,
    writeAbility: 'editCounterparties',
    importKind: 'suppliers',
  },
  customers: {
    title: '客户',
    auditEntity: 'customer',
    api: customers as unknown as MasterApi,
    fields: [
      ...partyFields,
      { name: 'wechatId', label: '微信号', type: 'text', max: 40 },
      // The price a sale to this customer starts from (零售价, 代理价, …).
      { name: 'priceLevelId', label: '价格等级', type: 'select', source: 'priceLevels', shownAs: 'priceLevelName', emptyLabel: '默认（销售价）' },
      // How long the customer has been served (代理时长), as the owner records it.
      { name: 'serviceMonths', label: '代理时长（月）', type: 'integer', placeholder: '0' },
    ],
    summary: partySummary,
    writeAbility: 'editCounterparties',
    importKind: 'customers',
  },
  'price-levels': {
    title: '价格等级',
    auditEntity: 'price-level',
    api: priceLevels as unknown as MasterApi,
    fields: [{ name: 'name', label: '名称', type: 'text', required: true, max: 40, placeholder: '如：代理价、批发价' }],
    summary: (r) => (r.isDefault ? '默认等级：即商品的销售价' : '在商品资料里为每个商品设此价'),
    writeAbility: 'manageShop',
  },
  categories: {
    title: '商品分类',
    auditEntity: 'category',
    api: categories as unknown as MasterApi,
    fields: [{ name: 'name', label: '名称', type: 'text', required: true, max: 40 }],
    summary: () => '',
    writeAbility: 'editProducts',
    importKind: 'categories',
  },
  'stock-points': {
    title: '库存点',
    auditEntity: 'stock-point',
    api: stockPoints as unknown as MasterApi,
    fields: [
      { name: 'name', label: '名称', type: 'text', required: true, max: 40 },
      { name: 'code', label: '编码', type: 'code', max: 64 },
      { name: 'address', label: '地址', type: 'text', max: 200 },
      { name: 'isDefault', label: '默认库存点', type: 'switch' },
    ],
    summary: (r) => [r.isDefault ? '默认' : '', String(r.address ?? '')].filter(Boolean).join(' · ') || '—',
    writeAbility: 'manageStockPoints',
  },
};

/** The record as strings for the form. */
export function toFormValues(kind: MasterKind, record: MasterRecord | null): Record<string, string> {
  const values: Record<string, string> = { status: record?.status ?? 'active' };
  for (const field of kind.fields) {
    const value = record?.[field.name];
    values[field.name] = value === null || value === undefined ? (field.type === 'switch' ? 'false' : '') : String(value);
  }
  return values;
}

/** The form as the request body the server expects. */
export function toRequestBody(kind: MasterKind, values: Record<string, string>): Record<string, unknown> {
  const body: Record<string, unknown> = { status: values.status === 'inactive' ? 'inactive' : 'active' };
  for (const field of kind.fields) {
    const raw = values[field.name] ?? '';
    if (field.type === 'switch') body[field.name] = raw === 'true';
    else if (field.type === 'integer') body[field.name] = raw.trim() ? Number(raw) : field.optional ? null : 0;
    else if (field.type === 'code' || field.type === 'select') body[field.name] = raw.trim() || null;
    else body[field.name] = raw.trim();
  }
  return body;
}
