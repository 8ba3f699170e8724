import type { StockTrend, StockTrendQuery } from '@xiaocang/contracts';
import { can, formatMoney, formatQuantity, type Actor } from '@xiaocang/domain';
import type { Queryable } from '../../db/database.ts';
import { forbidden } from '../../errors.ts';
import { requireFilterRecords } from './filter-records.ts';

/**
 * 库存趋势: a product's or a category's stock at the close of every shop day `from`–`to`, rebuilt from the
 * ledger's running balances (kept per stock point and product). Each pair's opening is its last row before
 * `from` and each day's close its last row of the day: both walk the ledger's position index
 * (shop, stock point, product, date, posting order) and never read a pair's whole history. The day's change
 * is summed over the pairs and run forward, so a day without movement carries the day before.
 */
export async function stockTrend(db: Queryable, actor: Actor, query: StockTrendQuery): Promise<StockTrend> {
  if (!can(actor, 'viewInventory')) throw forbidden('Your account may not see stock quantities');
  await requireFilterRecords(db, actor.shopId, { productId: query.productId, categoryId: query.categoryId, stockPointId: query.stockPointId });
  const [subject] = query.productId
    ? await db.query<{ name: string; unit: string | null }>('SELECT name, unit FROM products WHERE shop_id = $1 AND id = $2', [actor.shopId, query.productId])
    : await db.query<{ name: string; unit: string | null }>('SELECT name, NULL::text AS unit FROM categories WHERE shop_id = $1 AND id = $2', [actor.shopId, query.categoryId]);
  const days = await db.query<{ date: string; quantity: string; amount: string }>(
    `WITH pairs AS (
       SELECT b.stock_point_id, b.product_id FROM inventory_balances b JOIN products p ON p.shop_id = b.shop_id AND p.id = b.product_id
        WHERE b.shop_id = $1 AND ($4::bigint IS NULL OR b.product_id = $4) AND ($5::bigint IS NULL OR p.category_id = $5)
          AND ($6::bigint IS NULL OR b.stock_point_id = $6)),
     opening AS (
       SELECT pairs.stock_point_id, pairs.product_id, o.balance_quantity, o.balance_amount
         FROM pairs CROSS JOIN LATERAL (
           SELECT l.balance_quantity, l.balance_amount FROM stock_ledger l
            WHERE l.shop_id = $1 AND l.stock_point_id = pairs.stock_point_id AND l.product_id = pairs.product_id AND l.bill_date < $2::date
            ORDER BY l.bill_date DESC, l.posting_seq DESC, l.line_no DESC LIMIT 1) o),
     closes AS (
       SELECT DISTINCT ON (l.stock_point_id, l.product_id, l.bill_date) l.stock_point_id, l.product_id, l.bill_date, l.balance_quantity, l.balance_amount
         FROM pairs JOIN stock_ledger l ON l.shop_id = $1 AND l.stock_point_id = pairs.stock_point_id AND l.product_id = pairs.product_id
          AND l.bill_date BETWEEN $2::date AND $3::date
        ORDER BY l.stock_point_id, l.product_id, l.bill_date, l.posting_seq DESC, l.line_no DESC),
     changes AS (
       SELECT c.bill_date,
              c.balance_quantity - lag(c.balance_quantity, 1, COALESCE(o.balance_quantity, 0)) OVER pair AS quantity,
              c.balance_amount - lag(c.balance_amount, 1, COALESCE(o.balance_amount, 0)) OVER pair AS amount
         FROM closes c LEFT JOIN opening o ON o.stock_point_id = c.stock_point_id AND o.product_id = c.product_id
       WINDOW pair AS (PARTITION BY c.stock_point_id, c.product_id ORDER BY c.bill_date)),
     daily AS (SELECT bill_date, sum(quantity) AS quantity, sum(amount) AS amount FROM changes GROUP BY bill_date)
     SELECT to_char(d.day, 'YYYY-MM-DD') AS date,
            ((SELECT COALESCE(sum(balance_quantity), 0) FROM opening) + sum(COALESCE(daily.quantity, 0)) OVER run)::text AS quantity,
            ((SELECT COALESCE(sum(balance_amount), 0) FROM opening) + sum(COALESCE(daily.amount, 0)) OVER run)::text AS amount
       FROM generate_series($2::date, $3::date, interval '1 day') AS d(day)
       LEFT JOIN daily ON daily.bill_date = d.day::date
     WINDOW run AS (ORDER BY d.day)
     ORDER BY d.day`,
    [actor.shopId, query.from, query.to, query.productId ?? null, query.categoryId ?? null, query.stockPointId ?? null],
  );
  return {
    from: query.from,
    to: query.to,
    productId: query.productId ?? null,
    categoryId: query.categoryId ?? null,
    name: subject!.name,
    unit: subject!.unit,
    days: days.map((day) => ({ date: day.date, balanceQuantity: formatQuantity(day.quantity), balanceAmount: formatMoney(day.amount) })),
  };
}
