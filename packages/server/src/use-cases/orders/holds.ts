import { formatQuantity } from '@xiaocang/domain';
import type { Queryable } from '../../db/database.ts';
import { AppError } from '../../errors.ts';
import { SELLING_POINT_SQL } from '../goods/goods-rows.ts';

export interface HoldLine {
  /** The line's place on the order, for a refusal that names it. */
  index: number;
  goodsId: string;
  productId: string | null;
  title: string;
  quantity: string;
}

const byNumber = (a: string | null, b: string | null) => (BigInt(a ?? 0) < BigInt(b ?? 0) ? -1 : BigInt(a ?? 0) > BigInt(b ?? 0) ? 1 : 0);

/**
 * Holds each line's quantity for an order, atomically: a conditional update on what is left to sell (stock
 * less what other orders hold), so two orders can never both take the last unit; in product order, so
 * concurrent orders never deadlock. A line that cannot be held refuses the whole order, naming the line.
 */
export async function holdLines(db: Queryable, shopId: string, orderId: string, lines: readonly HoldLine[]): Promise<void> {
  for (const line of [...lines].sort((a, b) => byNumber(a.productId, b.productId) || byNumber(a.goodsId, b.goodsId))) {
    const held = line.productId
      ? await db.query<{ stock_point_id: string }>(
          `UPDATE inventory_balances SET reserved = reserved + $3
            WHERE shop_id = $1 AND product_id = $2 AND stock_point_id = ${SELLING_POINT_SQL('inventory_balances')} AND quantity - reserved >= $3
            RETURNING stock_point_id::text`,
          [shopId, line.productId, line.quantity],
        )
      : await db.query<{ stock_point_id: null }>(
          'UPDATE goods SET own_reserved = own_reserved + $3 WHERE shop_id = $1 AND id = $2 AND own_stock - own_reserved >= $3 RETURNING NULL AS stock_point_id',
          [shopId, line.goodsId, line.quantity],
        );
    if (held.length === 0) {
      const [left] = line.productId
        ? await db.query<{ available: string }>(
            `SELECT COALESCE((SELECT GREATEST(quantity - reserved, 0) FROM inventory_balances WHERE shop_id = $1 AND product_id = $2
                                AND stock_point_id = (SELECT id FROM stock_points WHERE shop_id = $1 AND is_default)), 0)::text AS available`,
            [shopId, line.productId],
          )
        : await db.query<{ available: string }>('SELECT GREATEST(own_stock - own_reserved, 0)::text AS available FROM goods WHERE shop_id = $1 AND id = $2', [
            shopId,
            line.goodsId,
          ]);
      const available = formatQuantity(left?.available ?? '0');
      throw new AppError('INSUFFICIENT_STOCK', `第 ${line.index + 1} 行「${line.title}」库存不足：要 ${formatQuantity(line.quantity)}，可买 ${available}`, [
        { field: `lines.${line.index}.quantity`, goodsId: line.goodsId, requested: formatQuantity(line.quantity), available },
      ]);
    }
    await db.query(
      `INSERT INTO order_holds (shop_id, order_id, goods_id, product_id, stock_point_id, quantity) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (shop_id, order_id, goods_id) DO UPDATE SET quantity = order_holds.quantity + EXCLUDED.quantity`,
      [shopId, orderId, line.goodsId, line.productId, held[0]!.stock_point_id, line.quantity],
    );
  }
}

/**
 * Gives back exactly what an order holds (what order_holds recorded) and forgets it. `consumed`: the stock
 * itself leaves too (the order was paid): goods with a count of their own lose it here, while a product's
 * stock leaves through the sale bill that the caller posts.
 */
export async function releaseHolds(db: Queryable, shopId: string, orderId: string, { consumed = false }: { consumed?: boolean } = {}): Promise<void> {
  // The balance rows first, locked in product order as everywhere else.
  await db.query(
    `SELECT 1 FROM inventory_balances b WHERE (b.shop_id, b.stock_point_id, b.product_id) IN
       (SELECT shop_id, stock_point_id, product_id FROM order_holds WHERE shop_id = $1 AND order_id = $2 AND product_id IS NOT NULL)
     ORDER BY b.product_id FOR UPDATE`,
    [shopId, orderId],
  );
  await db.query(
    `WITH released AS (DELETE FROM order_holds WHERE shop_id = $1 AND order_id = $2 RETURNING goods_id, product_id, stock_point_id, quantity),
          by_balance AS (SELECT stock_point_id, product_id, sum(quantity) AS quantity FROM released WHERE product_id IS NOT NULL GROUP BY 1, 2),
          balances AS (UPDATE inventory_balances b SET reserved = b.reserved - r.quantity FROM by_balance r
                        WHERE b.shop_id = $1 AND b.stock_point_id = r.stock_point_id AND b.product_id = r.product_id)
     UPDATE goods g SET own_reserved = g.own_reserved - r.quantity, own_stock = g.own_stock - CASE WHEN $3 THEN r.quantity ELSE 0 END
       FROM released r WHERE g.shop_id = $1 AND g.id = r.goods_id AND r.product_id IS NULL`,
    [shopId, orderId, consumed],
  );
}
