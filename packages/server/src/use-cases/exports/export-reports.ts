import { ClassificationQuery, MonthlyStatsQuery, PeriodQuery, WarningReportQuery } from '@xiaocang/contracts';
import { DEMAND_CLASS_LABEL, WARNING_KIND_LABEL, WARNING_KINDS, type PartyKind } from '@xiaocang/domain';
import { z } from 'zod';
import { getClassification } from '../analytics/get-classification.ts';
import { getAgeing } from '../reports/get-ageing.ts';
import { salesByCustomer } from '../reports/sales-by-customer.ts';
import { salesByProduct } from '../reports/sales-by-product.ts';
import { getMonthlyStats } from '../stats/get-monthly-stats.ts';
import { warningReport } from '../warnings/warning-report.ts';
import type { ExportDefinition } from './export-file.ts';
import { money, number, quantity, text, type ExportColumn } from './write-sheet.ts';

const TOTAL = '合计';
const periodLabels = { dateFrom: '开始日期', dateTo: '结束日期' };
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
        filters: { year: stats.year, scope: stats.scope === 'own' ? '只统计本人开的单据' : '全店' },
        sections: [{ columns: monthColumns, items: stats.months.map((month) => ({ ...month, month: `${month.month} 月` })) }],
      };
    },
  },
  'warning-report': {
    title: '预警报表',
    query: WarningReportQuery,
    filterLabels: { from: '开始日期', to: '结束日期', period: '按' },
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
    filterLabels: { from: '开始日期', to: '结束日期', cutoffs: 'A/B/C 分界' },
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
} satisfies Record<string, ExportDefinition>;
