import { can, formatMoney, formatQuantity, moneyText, moneyUnits, periodOf, type Actor } from '@xiaocang/domain';
import { forbidden } from '../../errors.ts';
import type { Queryable } from '../../db/database.ts';
import { billsAfter, EVERY_POSTING, keptHold, keptReading, keptRowsOf, readingParams } from './kept-totals.ts';

interface SalesRow {
  is_total: number;
  key: string | null;
  name: string | null;
  unit: string | null;
  bill_count: string;
  quantity: string;
  amount: string;
  cost_amount: string;
}

/**
 * The lines of the outbound bills dated $2–$3 (posting_seq after $4 on day $2, up to $5) that sales count, normal bills and their reversals (so a bill
 * reversed in the period nets to nothing), transfers and stocktakes left out; the cost is what posting charged
 * each line (its ledger row).
 */
export const SALES_LINES = `SELECT b.bill_date, b.id AS bill_id, b.kind, b.customer_id, sl.product_id, sl.quantity, sl.amount, l.cost_amount
    FROM stock_bills b
    JOIN stock_bill_lines sl ON sl.shop_id = b.shop_id AND sl.bill_id = b.id
    LEFT JOIN stock_ledger l ON l.shop_id = sl.shop_id AND l.line_id = sl.id
   WHERE b.shop_id = $1 AND b.direction = 'out' AND b.kind IN ('normal', 'reversal') AND b.status IN ('confirmed', 'reversed')
     AND b.transfer_peer_id IS NULL AND ${billsAfter(4)}`;

/** What sales add up of lines (alias `sl`, as SALES_LINES gives them) per group: bills (normal less reversals), quantity, amount and cost. */
export const SALES_FIGURES = `count(DISTINCT sl.bill_id) FILTER (WHERE sl.kind = 'normal') - count(DISTINCT sl.bill_id) FILTER (WHERE sl.kind = 'reversal') AS bills,
       sum(sl.quantity) AS quantity, sum(sl.amount) AS amount, COALESCE(-sum(sl.cost_amount), 0) AS cost`;

/**
 * Sales of a period grouped by customer or by product, with cost and profit (the amount less that cost).
 * The days the kept totals hold come from them (kept-totals.ts), the rest from the bills.
 * A bill counts once in each group it has lines in and once in the totals, which therefore add up the
 * per-customer figures (each bill has one customer or none).
 */
export async function salesReport(
  db: Queryable,
  actor: Actor,
  groupBy: 'customer' | 'product',
  period: { dateFrom?: string | undefined; dateTo?: string | undefined },
) {
  if (!can(actor, 'viewSalesReports')) throw forbidden('Sales reports are for the owner');
  const { dateFrom, dateTo } = periodOf(period);
  const group =
    groupBy === 'customer'
      ? { key: 'customer_id', kept: 'kept_sales_by_customer', name: 'c.name', unit: 'NULL::text', join: 'LEFT JOIN customers c ON c.shop_id = $1 AND c.id = i.key' }
      : { key: 'product_id', kept: 'kept_sales_by_product', name: 'p.name', unit: 'p.unit', join: 'JOIN products p ON p.shop_id = $1 AND p.id = i.key' };
  const reading = keptReading(await keptHold(db, actor.shopId), dateFrom, dateTo, true);
  const rows = await db.query<SalesRow>(
    `WITH sl AS (${SALES_LINES}),
          items AS (
            SELECT key, sum(bills) AS bills, sum(quantity) AS quantity, sum(amount) AS amount, sum(cost) AS cost
              FROM (SELECT sl.${group.key} AS key, ${SALES_FIGURES} FROM sl GROUP BY sl.${group.key}
                    UNION ALL
                    SELECT k.${group.key}, k.bills, k.quantity, k.amount, k.cost FROM ${group.kept} k WHERE k.shop_id = $1 AND ${keptRowsOf(6)}) t
             GROUP BY key),
          bills AS (
            SELECT sum(bills) AS bills
              FROM (SELECT ${SALES_FIGURES} FROM sl
                    UNION ALL
                    SELECT k.bills, k.quantity, k.amount, k.cost FROM kept_sales_by_customer k WHERE k.shop_id = $1 AND ${keptRowsOf(6)}) t)
     SELECT 0 AS is_total, i.key::text AS key, ${group.name} AS name, ${group.unit} AS unit, i.bills::text AS bill_count,
            i.quantity::text AS quantity, i.amount::text AS amount, i.cost::text AS cost_amount, i.amount AS by_amount, i.key AS by_key
       FROM items i ${group.join}
     UNION ALL
     SELECT 1, NULL, NULL, NULL, (SELECT bills FROM bills)::text, sum(quantity)::text, sum(amount)::text, sum(cost)::text, NULL, NULL FROM items
      ORDER BY is_total, by_amount DESC, by_key`,
    [actor.shopId, reading.after.day, dateTo, reading.after.postingSeq, EVERY_POSTING, ...readingParams(reading)],
  );
  const figures = (row: SalesRow | undefined) => ({
    billCount: Number(row?.bill_count ?? 0),
    quantity: formatQuantity(row?.quantity ?? '0'),
    amount: formatMoney(row?.amount ?? '0'),
    costAmount: formatMoney(row?.cost_amount ?? '0'),
    profit: moneyText(moneyUnits(formatMoney(row?.amount ?? '0')) - moneyUnits(formatMoney(row?.cost_amount ?? '0'))),
  });
  // With no sales at all there is no grand total row either.
  const total = rows.find((row) => Number(row.is_total) === 1);
  const items = rows.filter((row) => Number(row.is_total) === 0).map((row) => ({ key: row.key, name: row.name, unit: row.unit, ...figures(row) }));
  return { dateFrom, dateTo, totals: figures(total), items };
}
