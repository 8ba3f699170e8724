import type { StockWarning } from '@xiaocang/contracts';
import { formatQuantity } from '@xiaocang/domain';
import type { Queryable } from '../../db/database.ts';

/**
 * The products that the outbound bills among `billIds` take more of than their stock point holds now,
 * when the shop forbids negative stock: approving the bills as things stand would be refused.
 * Only a warning: stock may come in before the owner decides.
 */
export async function stockWarnings(db: Queryable, shopId: string, billIds: string[]): Promise<StockWarning[]> {
  const rows = await db.query<{ product_id: string; product_name: string; stock_point_id: string; requested: string; available: string }>(
    `SELECT l.product_id::text, min(l.product_name) AS product_name, b.stock_point_id::text, sum(l.quantity)::text AS requested,
            COALESCE(min(ib.quantity), 0)::text AS available
       FROM stock_bills b
       JOIN stock_bill_lines l ON l.shop_id = b.shop_id AND l.bill_id = b.id
       LEFT JOIN inventory_balances ib ON ib.shop_id = b.shop_id AND ib.stock_point_id = b.stock_point_id AND ib.product_id = l.product_id
      WHERE b.shop_id = $1 AND b.id = ANY($2::bigint[]) AND b.direction = 'out'
        AND NOT (SELECT allow_negative_stock FROM shops WHERE id = $1)
      GROUP BY b.stock_point_id, l.product_id
     HAVING sum(l.quantity) > COALESCE(min(ib.quantity), 0)
      ORDER BY min(l.line_no)`,
    [shopId, billIds],
  );
  return rows.map((row) => ({
    productId: row.product_id,
    productName: row.product_name,
    stockPointId: row.stock_point_id,
    requested: formatQuantity(row.requested),
    available: formatQuantity(row.available),
  }));
}
