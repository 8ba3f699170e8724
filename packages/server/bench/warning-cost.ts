import { performance } from 'node:perf_hooks';
import type { Database } from '../src/db/database.ts';
import { checkDailyWarnings } from '../src/use-cases/warnings/check-daily-warnings.ts';
import { checkStockWarnings } from '../src/use-cases/warnings/check-stock-warnings.ts';
import type { BillSpec } from './workload.ts';

export interface WarningCost {
  postings: number;
  /** Mean time of the warning statement of one posting, in milliseconds. */
  msPerPosting: number;
  /** The once-a-day check of the rate and age rules over the whole shop, in milliseconds. */
  dailyCheckMs: number;
}

/**
 * What judging the stock warnings adds to a posting: the statement a posting runs for its products, timed
 * alone for each bill, all inside one transaction as in a posting (so no BEGIN or COMMIT is counted); and
 * the daily check of the whole shop.
 */
export async function measureWarningCost(db: Database, shopId: string, bills: readonly BillSpec[], today: string): Promise<WarningCost> {
  let total = 0;
  await db.transaction(async (tx) => {
    for (const bill of bills) {
      const productIds = [...new Set(bill.lines.map((line) => line.productId))];
      const started = performance.now();
      await checkStockWarnings(tx, shopId, productIds, bill.direction === 'out' ? productIds : []);
      total += performance.now() - started;
    }
  });
  const started = performance.now();
  await db.transaction((tx) => checkDailyWarnings(tx, shopId, today));
  const dailyCheckMs = Math.round(performance.now() - started);
  return { postings: bills.length, msPerPosting: Math.round((total / bills.length) * 1000) / 1000, dailyCheckMs };
}
