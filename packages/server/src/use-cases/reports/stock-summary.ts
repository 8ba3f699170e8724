import type { StockSummary, StockSummaryQuery } from '@xiaocang/contracts';
import { can, formatMoney, formatQuantity, type Actor } from '@xiaocang/domain';
import type { Queryable } from '../../db/database.ts';
import { conditions } from '../../db/conditions.ts';
import { forbidden } from '../../errors.ts';
import { requireFilterRecords } from './filter-records.ts';

/** How each grouping names its rows; a product also has a code and a unit. */
const GROUPS = {
  product: { id: 'p.id', name: 'p.name', code: 'p.code', unit: 'p.unit', order: 'p.name, p.id' },
  category: { id: 'c.id', name: 'c.name', code: 'NULL::text', unit: 'NULL::text', order: 'c.name NULLS LAST, c.id' },
  stockPoint: { id: 'sp.id', name: 'sp.name', code: 'NULL::text', unit: 'NULL::text', order: 'sp.name, sp.id' },
} as const;

/**
 * Stock on hand now and its value at moving-average cost, per product, category or stock point, from the
 * balances (the ledger is not read: the balances are what it comes to). Totals cover every row, not one page;
 * the response's redaction drops the values for hideInboundPrice, as it does the inventory list's.
 */
export async function stockSummary(db: Queryable, actor: Actor, query: StockSummaryQuery): Promise<StockSummary> {
  if (!can(actor, 'viewInventory')) throw forbidden('Your account may not see stock quantities');
  await requireFilterRecords(db, actor.shopId, { stockPointId: query.stockPointId, categoryId: query.categoryId });
  const params: unknown[] = [actor.shopId];
  const filter = conditions(params, ['b.shop_id = $1']);
  if (query.stockPointId) filter.add((n) => `b.stock_point_id = $${n}`, query.stockPointId);
  if (query.categoryId) filter.add((n) => `p.category_id = $${n}`, query.categoryId);
  const group = GROUPS[query.groupBy];
  const from = `FROM inventory_balances b
    JOIN products p ON p.shop_id = b.shop_id AND p.id = b.product_id
    JOIN stock_points sp ON sp.shop_id = b.shop_id AND sp.id = b.stock_point_id
    LEFT JOIN categories c ON c.shop_id = p.shop_id AND c.id = p.category_id
    WHERE ${filter.sql()}`;
  const [totals] = await db.query<{ count: string; quantity: string; value: string }>(
    `SELECT count(DISTINCT ${group.id}) + (count(*) FILTER (WHERE ${group.id} IS NULL) > 0)::int AS count,
            COALESCE(sum(b.quantity), 0) AS quantity, COALESCE(sum(b.total_cost), 0) AS value ${from}`,
    params,
  );
  const rows = await db.query<{ id: string | null; name: string | null; code: string | null; unit: string | null; quantity: string; value: string }>(
    `SELECT ${group.id}::text AS id, ${group.name} AS name, ${group.code} AS code, ${group.unit} AS unit, sum(b.quantity) AS quantity, sum(b.total_cost) AS value
       ${from} GROUP BY ${group.id}, ${group.name}, ${group.code}, ${group.unit}
      ORDER BY ${group.order} LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
    [...params, query.pageSize, (query.page - 1) * query.pageSize],
  );
  return {
    groupBy: query.groupBy,
    items: rows.map((row) => ({
      id: row.id,
      name: row.name,
      code: row.code,
      unit: row.unit,
      stockQuantity: formatQuantity(row.quantity),
      stockValue: formatMoney(row.value),
    })),
    total: Number(totals!.count),
    page: query.page,
    pageSize: query.pageSize,
    totals: { stockQuantity: formatQuantity(totals!.quantity), stockValue: formatMoney(totals!.value) },
  };
}
