import type { MonthlyStats } from '@xiaocang/contracts';
import { figuresOf, type Actor } from '@xiaocang/domain';
import type { Queryable } from '../../db/database.ts';
import { figureScope, totalsFor } from './month-totals.ts';

/** The twelve months of a year, zeros where nothing happened; the shop's, or the caller's own bills' (ownRecordsOnly). */
export async function getMonthlyStats(db: Queryable, actor: Actor, year: number): Promise<MonthlyStats> {
  const totals = await totalsFor(db, actor, { year });
  return {
    year,
    scope: figureScope(actor),
    months: Array.from({ length: 12 }, (_, index) => ({
      year,
      month: index + 1,
      ...figuresOf(totals.filter((total) => total.month === index + 1)),
    })),
  };
}
