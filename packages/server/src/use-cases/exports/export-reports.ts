import {
  ClassificationQuery,
  InOutQuery,
  MonthlyStatsQuery,
  PeriodQuery,
  StockSummaryQuery,
  StockTrendQuery,
  WarningReportQuery,
  type FigureScope,
  type InOutGroupBy,
} from '@xiaocang/contracts';
import { DEMAND_CLASS_LABEL, WARNING_KIND_LABEL, WARNING_KINDS, type PartyKind } from '@xiaocang/domain';
import { z } from 'zod';
import { getClassification } from '../analytics/get-classification.ts';
import { requireFilterRecords } from '../reports/filter-records.ts';
import { getAgeing } from '../reports/get-ageing.ts';
import { inOutSummary } from '../reports/in-out-summary.ts';
import { salesByCustomer } from '../reports/sales-by-customer.ts';
import { salesByProduct } from '../reports/sales-by-product.ts';
import { stockSummary } from '../reports/stock-summary.ts';
import { stockTrend } from '../reports/stock-trend.ts';
import { getMonthlyStats } from '../stats/get-monthly-stats.ts';
import { warningReport } from '../warnings/warning-report.ts';
import type { ExportDefinition } from './export-file.ts';
import { everyPage } from './export-lists.ts';
import { date, money, number, quantity, text, type ExportColumn } from './write-sheet.ts';

const TOTAL = '合计';
const periodLabels = { dateFrom: '开始日期', dateTo: '结束日期' };
const rangeLabels = { from: '开始日期', to: '结束日期' };
/** Whose bills a report's figures count (ownRecordsOnly: the caller's own). */
const scopeText = (scope: FigureScope) => (scope === 'own' ? '只统计本人开的单据' : '全店');
/** The records a report is narrowed to, by the field each is named under in the header. */
const recordLabels = { productId: '商品', categoryId: '分类', stockPointId: '库存点' };
const salesColumns = [number('单数', 'billCount'), quantity('数量', 'quantity'), money('销售额', 'amount'), money('成本', 'costAmount'), money('毛利', 'profit')];

/** 账龄: what each customer (or supplier) owes today, by the age of the bills that owe it, and the total. */
function ageing(kind: PartyKind, title: string, partyLabel: string): ExportDefinition {
  return {
    title,
    query: z.object({}),
    filterLabels: { asOf: '截至' },
    read: async (db, actor) => {
      const report = await getAgeing(db, actor, kind);
      const columns = [text(partyLabel, 'name'), money('合计', 'total'), money('0–30 天', 'days0to30'), money('31–60 天', 'days31to60'), money('61–90 天', 'days61to90'), money('90 天以上', 'over90')];
      return { filters: { asOf: report.asOf }, sections: [{ columns, items: report.items, totals: { name: TOTAL, ...report.totals } }] };
    },
  };
}

const monthColumns: ExportColumn[] = [
  text('月份', 'month'),
  money('销售额', 'salesAmount'),
  money('销售成本', 'salesCost'),
  money('毛利', 'grossMargin'),
  number('销售单数', 'salesCount'),
  money('进货额', 'purchaseAmount'),
  number('进货单数', 'purchaseCount'),
  money('盘盈', 'stockGain'),
  money('盘亏', 'stockLoss'),
  money('报损', 'writeOff'),
  money('库存调整', 'stockAdjustment'),
  money('内部领用', 'internalUse'),
  number('入库单数', 'inboundCount'),
  number('出库单数', 'outboundCount'),
];

const SUMMARY_GROUP_LABEL: Record<StockSummaryQuery['groupBy'], string> = { product: '按商品', category: '按分类', stockPoint: '按库存点' };
/** What names a summary row: a product also has its code and unit. */
const SUMMARY_NAME_COLUMNS: Record<StockSummaryQuery['groupBy'], ExportColumn[]> = {
  product: [text('商品', 'name'), text('编码', 'code'), text('单位', 'unit')],
  category: [text('分类', 'name')],
  stockPoint: [text('库存点', 'name')],
};

const IN_OUT_GROUP_LABEL: Record<InOutGroupBy, string> = { day: '天', week: '周', month: '月', billType: '单据类型', counterparty: '往来单位' };
/** What names an in/out row: its period, its bill type, or its counterparty and whether a customer or a supplier. */
const IN_OUT_KEY_COLUMNS: Record<InOutGroupBy, [ExportColumn, ...ExportColumn[]]> = {
  day: [date('日期', 'key')],
  week: [date('周（周一的日期）', 'key')],
  month: [text('月份', 'month')],
  billType: [text('单据类型', 'name')],
  counterparty: [text('往来单位', 'name'), text('类型', 'partyKind', { customer: '客户', supplier: '供应商' })],
};
const inOutColumns = [
  number('入库单数', 'inboundCount'),
  quantity('入库数量', 'inboundQuantity'),
  money('入库金额', 'inboundAmount'),
  number('出库单数', 'outboundCount'),
  quantity('出库数量', 'outboundQuantity'),
  money('出库金额', 'outboundAmount'),
  money('出库成本', 'outboundCost'),
];

/** Every report a screen shows, as a file: the same use case, the same period, the same permission and redaction. */
export const EXPORT_REPORTS = {
  'sales-by-product': {
    title: '商品销售',
    query: PeriodQuery,
    filterLabels: periodLabels,
    read: async (db, actor, query) => {
      const report = await salesByProduct(db, actor, query as z.infer<typeof PeriodQuery>);
      const columns = [text('商品', 'productName'), text('单位', 'unit'), ...salesColumns];
      return { filters: { dateFrom: report.dateFrom, dateTo: report.dateTo }, sections: [{ columns, items: report.items, totals: { productName: TOTAL, ...report.totals } }] };
    },
  },
  'sales-by-customer': {
    title: '客户销售',
    query: PeriodQuery,
    filterLabels: periodLabels,
    read: async (db, actor, query) => {
      const report = await salesByCustomer(db, actor, query as z.infer<typeof PeriodQuery>);
      const items = report.items.map((item) => ({ ...item, customerName: item.customerName ?? '零售（未选客户）' }));
      return {
        filters: { dateFrom: report.dateFrom, dateTo: report.dateTo },
        sections: [{ columns: [text('客户', 'customerName'), ...salesColumns], items, totals: { customerName: TOTAL, ...report.totals } }],
      };
    },
  },
  'receivables-ageing': ageing('customer', '应收账龄', '客户'),
  'payables-ageing': ageing('supplier', '应付账龄', '供应商'),
  monthly: {
    title: '月度报表',
    query: MonthlyStatsQuery,
    filterLabels: { year: '年份', scope: '范围' },
    read: async (db, actor, query) => {
      const stats = await getMonthlyStats(db, actor, (query as z.infer<typeof MonthlyStatsQuery>).year);
      return {
        filters: { year: stats.year, scope: scopeText(stats.scope) },
        sections: [{ columns: monthColumns, items: stats.months.map((month) => ({ ...month, month: `${month.month} 月` })) }],
      };
    },
  },
  'warning-report': {
    title: '预警报表',
    query: WarningReportQuery,
    filterLabels: { ...rangeLabels, period: '按' },
    read: async (db, actor, query) => {
      const report = await warningReport(db, actor, query as WarningReportQuery);
      const kinds = WARNING_KINDS.map((kind) => number(WARNING_KIND_LABEL[kind], kind));
      return {
        filters: { from: report.from, to: report.to, period: { day: '天', week: '周（周一的日期）', month: '月' }[(query as WarningReportQuery).period] },
        sections: [
          {
            title: '按类型',
            columns: [
              text('类型', 'kind', WARNING_KIND_LABEL),
              number('提醒', 'raisedCount'),
              number('已解除', 'resolvedCount'),
              number('待处理', 'openCount'),
              number('解除用时中位数（小时）', 'medianHoursToResolve'),
            ],
            items: report.byKind,
          },
          { title: '每期新增', columns: [text('期间', 'period'), ...kinds], items: report.periods.map((period) => ({ period: period.period, ...period.counts })) },
          { title: '最常预警的商品', columns: [text('商品', 'productName'), number('预警次数', 'warningCount')], items: report.topProducts },
        ],
      };
    },
  },
  classification: {
    title: '商品 ABC 分析',
    query: ClassificationQuery,
    filterLabels: { ...rangeLabels, cutoffs: 'A/B/C 分界' },
    read: async (db, actor, query) => {
      const found = await getClassification(db, actor, query as ClassificationQuery);
      return {
        filters: { from: found.from, to: found.to, cutoffs: `${found.a}% / ${found.b}% / ${100 - found.a - found.b}%（按销售成本累计占比）` },
        sections: [
          {
            title: '按类别',
            columns: [text('类别', 'abc'), number('商品数', 'productCount'), money('销售成本', 'costAmount'), number('占比 %', 'sharePercent')],
            items: found.classes,
          },
          {
            title: '商品',
            columns: [
              number('排名', 'rank'),
              text('商品', 'productName'),
              text('编码', 'code'),
              text('类别', 'abc'),
              money('销售成本', 'costAmount'),
              number('占比 %', 'sharePercent'),
              number('累计占比 %', 'cumulativePercent'),
              text('需求类型', 'demandClass', DEMAND_CLASS_LABEL),
              number('ADI（平均间隔天数）', 'adi'),
              number('CV²（销量波动）', 'cv2'),
              number('有销售天数', 'demandDays'),
              number('观察天数', 'observedDays'),
            ],
            items: found.items,
          },
        ],
      };
    },
  },
  'stock-summary': {
    title: '库存汇总',
    query: StockSummaryQuery,
    filterLabels: { groupBy: '汇总方式', ...recordLabels },
    read: async (db, actor, query) => {
      // The screen shows a page; the file holds every row.
      const { page: _page, pageSize: _pageSize, ...filters } = query as StockSummaryQuery;
      const summary = await everyPage((page) => stockSummary(db, actor, { ...filters, ...page }));
      const names = await requireFilterRecords(db, actor.shopId, { stockPointId: filters.stockPointId, categoryId: filters.categoryId });
      return {
        filters: { groupBy: SUMMARY_GROUP_LABEL[filters.groupBy], ...names },
        sections: [
          {
            columns: [...SUMMARY_NAME_COLUMNS[filters.groupBy], quantity('数量', 'stockQuantity'), money('库存金额', 'stockValue')],
            // Only products in no category make a row without a name.
            items: summary.items.map((item) => ({ ...item, name: item.name ?? '未分类' })),
            totals: { name: TOTAL, ...summary.totals },
          },
        ],
      };
    },
  },
  'in-out': {
    title: '出入库汇总',
    query: InOutQuery,
    filterLabels: { ...rangeLabels, groupBy: '按', direction: '方向', scope: '范围' },
    read: async (db, actor, query) => {
      const report = await inOutSummary(db, actor, query as InOutQuery);
      const direction = (query as InOutQuery).direction;
      const keyColumns = IN_OUT_KEY_COLUMNS[report.groupBy];
      return {
        filters: { from: report.from, to: report.to, groupBy: IN_OUT_GROUP_LABEL[report.groupBy], direction: direction && { in: '入库', out: '出库' }[direction], scope: scopeText(report.scope) },
        sections: [
          {
            columns: [...keyColumns, ...inOutColumns],
            // Periods are keyed by their first day; bills without a counterparty are one row.
            items: report.items.map((item) => ({ ...item, month: item.key?.slice(0, 7), name: item.name ?? '无往来单位' })),
            totals: { [keyColumns[0].field]: TOTAL, ...report.totals },
          },
        ],
      };
    },
  },
  'stock-trend': {
    title: '库存趋势',
    query: StockTrendQuery,
    filterLabels: { ...rangeLabels, ...recordLabels },
    read: async (db, actor, query) => {
      const { productId, categoryId, stockPointId } = query as StockTrendQuery;
      const trend = await stockTrend(db, actor, query as StockTrendQuery);
      const names = await requireFilterRecords(db, actor.shopId, { productId, categoryId, stockPointId });
      // Closing stock day by day: a sum over the days would mean nothing, so there is no 合计.
      const columns = [date('日期', 'date'), quantity(trend.unit ? `库存数量（${trend.unit}）` : '库存数量', 'balanceQuantity'), money('库存金额', 'balanceAmount')];
      return { filters: { from: trend.from, to: trend.to, ...names }, sections: [{ columns, items: trend.days }] };
    },
  },
} satisfies Record<string, ExportDefinition>;
