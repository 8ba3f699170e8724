import { can, formatMoney, formatQuantity, moneyText, moneyUnits, periodOf, type Actor } from '@xiaocang/domain';
import { forbidden } from '../../errors.ts';
import type { Queryable } from '../../db/database.ts';

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
 * Sales of a period grouped by customer or by product: outbound bills less their reversals (so a bill
 * reversed in the period nets to nothing), transfers and stocktakes left out; the cost is what posting
 * charged each line (its ledger row) and the profit the amount less that cost.
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
      ? { key: 'b.customer_id', name: 'c.name', unit: 'NULL::text', join: 'LEFT JOIN customers c ON c.shop_id = b.shop_id AND c.id = b.customer_id' }
      : { key: 'sl.product_id', name: 'p.name', unit: 'p.unit', join: 'JOIN products p ON p.shop_id = sl.shop_id AND p.id = sl.product_id' };
  const rows = await db.query<SalesRow>(
    `SELECT GROUPING(${group.key}) AS is_total, ${group.key}::text AS key, ${group.name} AS name, ${group.unit} AS unit,
            count(DISTINCT b.id) FILTER (WHERE b.kind = 'normal') - count(DISTINCT b.id) FILTER (WHERE b.kind = 'reversal') AS bill_count,
            sum(sl.quantity)::text AS quantity, sum(sl.amount)::text AS amount, COALESCE(-sum(l.cost_amount), 0)::text AS cost_amount
       FROM stock_bills b
       JOIN stock_bill_lines sl ON sl.shop_id = b.shop_id AND sl.bill_id = b.id
       LEFT JOIN stock_ledger l ON l.shop_id = sl.shop_id AND l.line_id = sl.id
       ${group.join}
      WHERE b.shop_id = $1 AND b.direction = 'out' AND b.kind IN ('normal', 'reversal') AND b.status IN ('confirmed', 'reversed')
        AND b.transfer_peer_id IS NULL AND b.bill_date BETWEEN $2 AND $3
      GROUP BY GROUPING SETS ((${group.key}, ${group.name}, ${group.unit}), ())
      ORDER BY sum(sl.amount) DESC, ${group.key}`,
    [actor.shopId, dateFrom, dateTo],
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
