import type { FigureScope } from '@xiaocang/contracts';
import { can, type Actor, type BillTypeTotals } from '@xiaocang/domain';
import type { Queryable } from '../../db/database.ts';

/** Totals of one month and bill type; the domain's figuresOf turns them into the figures. */
export interface MonthTotals extends BillTypeTotals {
  year: number;
  month: number;
}

/** A year, or one month of it. */
export interface Period {
  year: number;
  month?: number;
}

/** A staff member with ownRecordsOnly sees the figures of their own bills, never the shop's. */
export const figureScope = (actor: Actor): FigureScope => (can(actor, 'viewOthersRecords') ? 'shop' : 'own');

/** The totals the actor may see: the shop's, or their own. */
export function totalsFor(db: Queryable, actor: Actor, period: Period): Promise<MonthTotals[]> {
  return figureScope(actor) === 'shop' ? keptTotals(db, actor.shopId, period) : ledgerTotals(db, actor.shopId, period, actor.userId);
}

const COLUMNS = `year, month, direction, bill_type AS "billType", amount::text AS amount, cost::text AS cost, bill_count::int AS "billCount"`;

/** The shop's totals as posting keeps them (use-cases/stock/monthly-stats.ts). */
export function keptTotals(db: Queryable, shopId: string, { year, month }: Period): Promise<MonthTotals[]> {
  return db.query<MonthTotals>(
    `SELECT ${COLUMNS} FROM stats_monthly_bill_types WHERE shop_id = $1 AND year = $2 AND ($3::int IS NULL OR month = $3)`,
    [shopId, year, month ?? null],
  );
}

/**
 * The same totals summed from the bills that stand and what the ledger says they cost, for everyone's
 * bills or one person's (`createdBy`). A reversed bill and its reversal cancel exactly, so leaving both
 * out is what posting's netting comes to. Migration 006 filled the kept totals with this sum.
 */
export function ledgerTotals(db: Queryable, shopId: string, { year, month }: Period, createdBy: string | null): Promise<MonthTotals[]> {
  const from = `${year}-${String(month ?? 1).padStart(2, '0')}-01`;
  const until = month === undefined || month === 12 ? `${year + 1}-01-01` : `${year}-${String(month + 1).padStart(2, '0')}-01`;
  return db.query<MonthTotals>(
    `SELECT ${COLUMNS} FROM (
       SELECT extract(year FROM b.bill_date)::int AS year, extract(month FROM b.bill_date)::int AS month, b.direction, b.bill_type,
              sum(b.total_amount) AS amount, sum(c.cost) AS cost, count(*) AS bill_count
         FROM stock_bills b
         CROSS JOIN LATERAL (
           SELECT COALESCE(sum(l.cost_amount), 0) * CASE b.direction WHEN 'in' THEN 1 ELSE -1 END AS cost
             FROM stock_ledger l WHERE l.shop_id = b.shop_id AND l.bill_id = b.id) c
        WHERE b.shop_id = $1 AND b.bill_date >= $2::date AND b.bill_date < $3::date AND ($4::bigint IS NULL OR b.created_by = $4)
          AND b.status = 'confirmed' AND b.kind <> 'reversal' AND b.transfer_peer_id IS NULL AND b.posting_seq IS NOT NULL
        GROUP BY 1, 2, 3, 4) t`,
    [shopId, from, until, createdBy],
  );
}
