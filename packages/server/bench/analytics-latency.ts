import { performance } from 'node:perf_hooks';
import { shopDay } from '@xiaocang/domain';
import type { Database } from '../src/db/database.ts';
import { keepShopReportTotals } from '../src/jobs/keep-report-totals.ts';
import type { HttpClient } from './http.ts';
import { timeRepeated } from './workload.ts';

/** Requests per report: the slowest read a year of a million-row ledger, so fewer than the quick reports get. */
const RUNS = Number(process.env.BENCH_ANALYTICS_RUNS ?? 10);

/**
 * The pass that keeps the shop's report totals, as the server runs it every few minutes, timed: the in/out and
 * sales reports read them. Run before the timings, after anything that made them stale (the backdated bill).
 */
export async function keepReportTotalsTimed(db: Database, shopId: string, today: string): Promise<{ days: number; ms: number }> {
  const start = performance.now();
  const days = await keepShopReportTotals(db, shopId, today);
  return { days, ms: Math.round(performance.now() - start) };
}

/**
 * The owner's reports and analytics over the seeded shop (a year of its history, 2,000 products), each asked
 * RUNS times through HTTP: the stock and in/out reports, the stock trend, sales rankings, the ABC × demand
 * classification and the purchase suggestions. The goal is 200 ms at p95 for each.
 */
export async function timeAnalytics(owner: HttpClient, hotProductId: string, productId: string, today: string) {
  const daysAgo = (n: number) => shopDay(new Date(Date.parse(`${today}T12:00:00+08:00`) - n * 86_400_000));
  const month = `from=${daysAgo(29)}&to=${today}`;
  const year = `from=${daysAgo(364)}&to=${today}`;
  const categories = await owner.request<{ items: Array<{ id: string }> }>('GET', '/api/categories?pageSize=1');
  const categoryId = categories.body.items[0]?.id;
  const urls: Record<string, string> = {
    stockSummaryByProduct: '/api/reports/stock-summary?groupBy=product&pageSize=20',
    stockSummaryByCategory: '/api/reports/stock-summary?groupBy=category',
    inOutByDay30Days: `/api/reports/in-out?groupBy=day&${month}`,
    inOutByMonthYear: `/api/reports/in-out?groupBy=month&${year}`,
    inOutByBillTypeYear: `/api/reports/in-out?groupBy=billType&${year}`,
    inOutByCounterpartyYear: `/api/reports/in-out?groupBy=counterparty&${year}`,
    stockTrendProductYear: `/api/reports/stock-trend?productId=${productId}&${year}`,
    stockTrendBusiestProductYear: `/api/reports/stock-trend?productId=${hotProductId}&${year}`,
    stockTrendCategoryYear: `/api/reports/stock-trend?categoryId=${categoryId}&${year}`,
    salesByProduct30Days: `/api/reports/sales-by-product?dateFrom=${daysAgo(29)}&dateTo=${today}`,
    salesByProductYear: `/api/reports/sales-by-product?dateFrom=${daysAgo(364)}&dateTo=${today}`,
    salesByCustomerYear: `/api/reports/sales-by-customer?dateFrom=${daysAgo(364)}&dateTo=${today}`,
    classification: '/api/analytics/classification',
    purchaseSuggestions: '/api/analytics/purchase-suggestions',
  };
  const figures: Record<string, { firstMs: number; p50Ms: number; p95Ms: number }> = {};
  for (const [name, url] of Object.entries(urls)) {
    figures[name] = await timeRepeated(RUNS, async () => {
      const response = await owner.request('GET', url);
      if (response.status !== 200) throw new Error(`${url}: expected 200, got ${response.status} ${JSON.stringify(response.body)}`);
    });
  }
  return figures;
}
