import { openPglite } from '../src/db/database.ts';
import { migrate } from '../src/db/migrate.ts';
import { ClassificationQuery, InOutQuery, StockSummaryQuery, StockTrendQuery, SuggestionQuery, WarningReportQuery } from '@xiaocang/contracts';
import { DEFAULT_STAFF_PERMISSIONS, shopDay, type Actor } from '@xiaocang/domain';
import { stockSummary } from '../src/use-cases/reports/stock-summary.ts';
import { inOutSummary } from '../src/use-cases/reports/in-out-summary.ts';
import { stockTrend } from '../src/use-cases/reports/stock-trend.ts';
import { salesReport } from '../src/use-cases/reports/sales-report.ts';
import { getClassification } from '../src/use-cases/analytics/get-classification.ts';
import { purchaseSuggestions } from '../src/use-cases/analytics/purchase-suggestions.ts';
import { warningReport } from '../src/use-cases/warnings/warning-report.ts';
import { getMonthlyStats } from '../src/use-cases/stats/get-monthly-stats.ts';
import { runNightlyForecasts } from '../src/jobs/nightly-forecasts.ts';
const db = await openPglite(process.argv[2]!);
await migrate(db);
const only = process.argv[3];
const actor: Actor = { shopId: '1', userId: '1', role: 'owner', staffPermissions: DEFAULT_STAFF_PERMISSIONS };
const today = shopDay(new Date());
const ago = (n: number) => shopDay(new Date(Date.now() - n * 86400000));
const [cat] = await db.query<{ id: string }>('SELECT id FROM categories WHERE shop_id = 1 ORDER BY id LIMIT 1');
const cases: Record<string, () => Promise<unknown>> = {
  summaryProduct: () => stockSummary(db, actor, StockSummaryQuery.parse({ groupBy: 'product' })),
  summaryCategory: () => stockSummary(db, actor, StockSummaryQuery.parse({ groupBy: 'category' })),
  inOutDay30: () => inOutSummary(db, actor, InOutQuery.parse({ from: ago(30), to: today, groupBy: 'day' })),
  inOutMonthYear: () => inOutSummary(db, actor, InOutQuery.parse({ from: ago(365), to: today, groupBy: 'month' })),
  inOutBillTypeYear: () => inOutSummary(db, actor, InOutQuery.parse({ from: ago(365), to: today, groupBy: 'billType' })),
  inOutPartyYear: () => inOutSummary(db, actor, InOutQuery.parse({ from: ago(365), to: today, groupBy: 'counterparty' })),
  trendHot365: () => stockTrend(db, actor, StockTrendQuery.parse({ productId: '1', from: ago(365), to: today })),
  trendProduct365: () => stockTrend(db, actor, StockTrendQuery.parse({ productId: '500', from: ago(365), to: today })),
  trendCategory365: () => stockTrend(db, actor, StockTrendQuery.parse({ categoryId: cat!.id, from: ago(365), to: today })),
  salesProductYear: () => salesReport(db, actor, 'product', { dateFrom: ago(365), dateTo: today }),
  salesCustomerYear: () => salesReport(db, actor, 'customer', { dateFrom: ago(365), dateTo: today }),
  classification: () => getClassification(db, actor, ClassificationQuery.parse({})),
  warningReport: () => warningReport(db, actor, WarningReportQuery.parse({ from: ago(90), to: today })),
  monthly: () => getMonthlyStats(db, actor, Number(today.slice(0, 4))),
  suggestions: () => purchaseSuggestions(db, actor, SuggestionQuery.parse({})),
};
if (process.argv[4] === 'nightly') { const t = performance.now(); await runNightlyForecasts(db); console.log('nightly', Math.round(performance.now() - t)); }
for (const [name, run] of Object.entries(cases)) {
  if (only && only !== 'all' && !only.split(',').includes(name)) continue;
  const times: number[] = [];
  for (let i = 0; i < 5; i++) { const t = performance.now(); await run(); times.push(performance.now() - t); }
  times.sort((a, b) => a - b);
  console.log(name.padEnd(20), times.map((x) => Math.round(x)).join(' '));
}
await db.close();
