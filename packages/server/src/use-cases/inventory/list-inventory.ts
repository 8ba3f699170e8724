import type { InventoryList, InventoryQuery } from '@xiaocang/contracts';
import { can, formatMoney, formatQuantity, formatUnitCost, isLowStock, type Actor } from '@xiaocang/domain';
import { forbidden } from '../../errors.ts';
import type { Queryable } from '../../db/database.ts';
import { conditions } from '../../db/conditions.ts';
import { lowStockSql, productQuantitySql, warningStockSql } from './low-stock.ts';

/** Stock per product and stock point (on hand, held by unpaid orders, available), with totals over everything the filters match (low stock: products, not rows). */
export async function listInventory(db: Queryable, actor: Actor, query: InventoryQuery): Promise<InventoryList> {
  if (!can(actor, 'viewInventory')) throw forbidden('Your account may not see stock quantities');
  const params: unknown[] = [actor.shopId];
  const filter = conditions(params, ['b.shop_id = $1']);
  const add = filter.add;
  if (query.productId) add((n) => `b.product_id = $${n}`, query.productId);
  if (query.stockPointId) add((n) => `b.stock_point_id = $${n}`, query.stockPointId);
  if (query.categoryId) add((n) => `p.category_id = $${n}`, query.categoryId);
  if (query.q) add((n) => `(p.name ILIKE $${n} OR p.code ILIKE $${n})`, `%${query.q.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`);
  const isLow = lowStockSql('p', 'pq.quantity', 'ws.threshold');
  if (query.lowStock !== undefined) add((n) => `${isLow} = $${n}`, query.lowStock);
  // Each row is flagged by its product's stock across all stock points, as the home screen counts it.
  const from = `FROM inventory_balances b
    JOIN products p ON p.shop_id = b.shop_id AND p.id = b.product_id
    JOIN stock_points sp ON sp.shop_id = b.shop_id AND sp.id = b.stock_point_id
    LEFT JOIN categories c ON c.shop_id = p.shop_id AND c.id = p.category_id
    CROSS JOIN LATERAL (SELECT ${productQuantitySql('b')} AS quantity) pq
    CROSS JOIN LATERAL (SELECT ${warningStockSql('p')} AS threshold) ws
    WHERE ${filter.sql()}`;
  const [totals] = await db.query<{ count: string; quantity: string; value: string; low: string }>(
    `SELECT count(*) AS count, COALESCE(sum(b.quantity), 0) AS quantity, COALESCE(sum(b.total_cost), 0) AS value,
            count(DISTINCT b.product_id) FILTER (WHERE ${isLow}) AS low ${from}`,
    params,
  );
  const rows = await db.query<Record<string, string | boolean | null>>(
    `SELECT b.product_id, p.name AS product_name, p.code AS product_code, p.unit, p.category_id, c.name AS category_name,
            b.stock_point_id, sp.name AS stock_point_name, b.quantity, b.reserved, b.quantity - b.reserved AS available, b.avg_cost, b.total_cost, ws.threshold AS warning_stock, p.is_enabled,
            pq.quantity AS product_quantity
       ${from} ORDER BY p.name, b.product_id, b.stock_point_id LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
    [...params, query.pageSize, (query.page - 1) * query.pageSize],
  );
  return {
    items: rows.map((row) => ({
      productId: row.product_id as string,
      productName: row.product_name as string,
      productCode: row.product_code as string | null,
      unit: row.unit as string,
      categoryId: row.category_id as string | null,
      categoryName: row.category_name as string | null,
      stockPointId: row.stock_point_id as string,
      stockPointName: row.stock_point_name as string,
      quantity: formatQuantity(row.quantity as string),
      reservedQuantity: formatQuantity(row.reserved as string),
      availableQuantity: formatQuantity(row.available as string),
      avgCost: formatUnitCost(row.avg_cost as string),
      totalCost: formatMoney(row.total_cost as string),
      warningStock: formatQuantity(row.warning_stock as string),
      productQuantity: formatQuantity(row.product_quantity as string),
      isLow: isLowStock({ quantity: row.product_quantity as string, warningStock: row.warning_stock as string, isEnabled: row.is_enabled as boolean }),
    })),
    total: Number(totals!.count),
    page: query.page,
    pageSize: query.pageSize,
    totals: { quantity: formatQuantity(totals!.quantity), stockValue: formatMoney(totals!.value), lowStockCount: Number(totals!.low) },
  };
}
