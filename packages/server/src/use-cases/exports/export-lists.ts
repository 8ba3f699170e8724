import { BillListQuery, InventoryQuery, ListQuery, PartyBalanceQuery, ProductListQuery } from '@xiaocang/contracts';
import { BILL_STATUS_LABEL, type Actor, type PartyKind } from '@xiaocang/domain';
import type { z } from 'zod';
import type { Queryable } from '../../db/database.ts';
import { invalid } from '../../errors.ts';
import { listBills } from '../bills/list-bills.ts';
import { customers, products, suppliers } from '../catalog/definitions.ts';
import { listRecords } from '../catalog/list-records.ts';
import { listInventory } from '../inventory/list-inventory.ts';
import { listPartyBalances } from '../money/list-party-balances.ts';
import type { ExportDefinition } from './export-file.ts';
import { date, money, quantity, text, type ExportColumn, type Item } from './write-sheet.ts';

type Page = { page: number; pageSize: number };

/** More rows than this is not a list anyone reads: narrow the filters (or take a backup). */
export const EXPORT_MAX_ROWS = 50_000;
const PAGE_SIZE = 200;

/** A list a screen shows: its own query and use case, paged through by the export. */
interface ExportedList {
  title: string;
  /** The list's own query, the filters a screen sends; paging is the export's. */
  query: z.ZodType<Page & Record<string, unknown>>;
  /** Chinese names of the filters, for the file's header rows. */
  filterLabels: Record<string, string>;
  columns: ExportColumn[];
  fetch: (db: Queryable, actor: Actor, query: Page & Record<string, unknown>) => Promise<{ items: Item[]; total: number }>;
}

/**
 * Every row a paged use case has for the filters, read page by page, with the rest of its first answer (a
 * report's totals, which cover every row already).
 */
export async function everyPage<Answer extends { items: Item[]; total: number }>(fetch: (page: Page) => Promise<Answer>): Promise<Answer> {
  let first: Answer | undefined;
  const items: Answer['items'] = [];
  for (let page = 1; ; page++) {
    const answer = await fetch({ page, pageSize: PAGE_SIZE });
    if (answer.total > EXPORT_MAX_ROWS) throw invalid('filters', `match ${answer.total} rows; at most ${EXPORT_MAX_ROWS} can be exported at once`);
    first ??= answer;
    items.push(...answer.items);
    if (answer.items.length < PAGE_SIZE || items.length >= answer.total) return { ...first, items };
  }
}

/** Every row of the list as the caller's screen would show it, filters applied, in one section. */
function listExport(list: ExportedList): ExportDefinition {
  return {
    title: list.title,
    query: list.query,
    filterLabels: list.filterLabels,
    read: async (db, actor, parsed) => {
      const { page: _page, pageSize: _pageSize, ...filters } = parsed;
      const { items } = await everyPage((page) => list.fetch(db, actor, { ...filters, ...page }));
      return { filters, sections: [{ columns: list.columns, items }] };
    },
  };
}

const partyColumns = [text('名称', 'name'), text('编码', 'code'), text('联系人', 'contactPerson'), text('电话', 'phone'), text('地址', 'address'), text('备注', 'remarks')];
const searchLabel = { q: '搜索', status: '状态' };

/** What customers owe the shop (应收) or the shop owes suppliers (应付), one row per counterparty. */
function balances(kind: PartyKind, title: string, partyLabel: string): ExportDefinition {
  return listExport({
    title,
    query: PartyBalanceQuery,
    filterLabels: { q: '搜索' },
    columns: [text(partyLabel, 'name'), text('电话', 'phone'), money('欠款', 'owed'), text('未结单据数', 'openBillCount'), date('最早未结日期', 'oldestOpenBillDate')],
    fetch: (db, actor, query) => listPartyBalances(db, actor, { kind, query }),
  });
}

/** Every list a screen shows, as a file: the same use case, the same filters, the same redaction. */
export const EXPORT_LISTS = {
  products: listExport({
    title: '商品',
    query: ProductListQuery,
    filterLabels: { q: '搜索', categoryId: '分类', supplierId: '供应商', isEnabled: '启用' },
    columns: [
      text('名称', 'name'),
      text('编码/条码', 'code'),
      text('分类', 'categoryName'),
      text('单位', 'unit'),
      text('规格', 'specification'),
      text('供应商', 'supplierName'),
      money('进货价', 'inboundPrice'),
      money('销售价', 'outboundPrice'),
      quantity('预警库存', 'warningStock'),
      quantity('库存', 'stockQuantity'),
      money('平均成本', 'avgCost'),
      text('备注', 'remarks'),
    ],
    fetch: (db, actor, query) => listRecords(db, actor, { definition: products, query }),
  }),
  customers: listExport({
    title: '客户',
    query: ListQuery,
    filterLabels: searchLabel,
    columns: [...partyColumns, text('微信号', 'wechatId'), text('价格等级', 'priceLevelName'), money('应收', 'receivable')],
    fetch: (db, actor, query) => listRecords(db, actor, { definition: customers, query }),
  }),
  suppliers: listExport({
    title: '供应商',
    query: ListQuery,
    filterLabels: searchLabel,
    columns: [...partyColumns, money('应付', 'payable')],
    fetch: (db, actor, query) => listRecords(db, actor, { definition: suppliers, query }),
  }),
  inventory: listExport({
    title: '库存',
    query: InventoryQuery,
    filterLabels: { q: '搜索', categoryId: '分类', stockPointId: '库存点', productId: '商品', lowStock: '只看低库存' },
    columns: [
      text('商品', 'productName'),
      text('编码', 'productCode'),
      text('分类', 'categoryName'),
      text('库存点', 'stockPointName'),
      quantity('数量', 'quantity'),
      quantity('订单占用', 'reservedQuantity'),
      quantity('可用', 'availableQuantity'),
      text('单位', 'unit'),
      money('平均成本', 'avgCost'),
      money('库存金额', 'totalCost'),
      quantity('预警库存', 'warningStock'),
    ],
    fetch: (db, actor, query) => listInventory(db, actor, query as InventoryQuery),
  }),
  bills: listExport({
    title: '单据',
    query: BillListQuery,
    filterLabels: { q: '搜索', direction: '方向', status: '状态', billType: '单据类型', dateFrom: '开始日期', dateTo: '结束日期', supplierId: '供应商', customerId: '客户', stockPointId: '库存点' },
    columns: [
      text('单号', 'billNo'),
      date('日期', 'billDate'),
      text('单据类型', 'billType'),
      { header: '状态', field: 'status', kind: 'text', labels: BILL_STATUS_LABEL },
      text('供应商', 'supplierName'),
      text('客户', 'customerName'),
      text('库存点', 'stockPointName'),
      quantity('数量', 'totalQuantity'),
      money('金额', 'totalAmount'),
      money('成本', 'totalCost'),
      money('已付', 'paidAmount'),
      money('后续结算', 'settledAmount'),
      money('未结', 'outstandingAmount'),
      text('备注', 'remarks'),
    ],
    fetch: (db, actor, query) => listBills(db, actor, query as BillListQuery),
  }),
  receivables: balances('customer', '应收', '客户'),
  payables: balances('supplier', '应付', '供应商'),
} satisfies Record<string, ExportDefinition>;
