import type { StoreGoods } from '@xiaocang/contracts';
import { formatMoney, formatQuantity } from '@xiaocang/domain';
import type { Queryable } from '../../db/database.ts';
import { notFound } from '../../errors.ts';
import { GOODS_STOCK_COLUMNS, GOODS_STOCK_JOIN } from '../goods/goods-rows.ts';
import type { Shopper } from './customer-accounts.ts';

/**
 * Goods row `g` is for this customer ($2): on the shelf, and, when the shop limits what the customer may buy
 * (客户的可购商品), linked to one of those products.
 */
export const VISIBLE_TO_CUSTOMER = `g.on_shelf AND (
  NOT EXISTS (SELECT 1 FROM customer_products cp WHERE cp.shop_id = g.shop_id AND cp.customer_id = $2)
  OR g.product_id IN (SELECT cp.product_id FROM customer_products cp WHERE cp.shop_id = g.shop_id AND cp.customer_id = $2))`;

/** The select list, with `extraColumns` first (e.g. a window count of all rows). */
const storeGoodsSelect = (extraColumns = ''): string => `SELECT ${extraColumns}g.id::text, g.title, g.price::text, g.images, g.description, c.id::text AS category_id, c.name AS category_name,
       g.max_per_order::text, ${GOODS_STOCK_COLUMNS}
  FROM goods g LEFT JOIN products p ON p.shop_id = g.shop_id AND p.id = g.product_id
  LEFT JOIN categories c ON c.shop_id = p.shop_id AND c.id = p.category_id ${GOODS_STOCK_JOIN}`;

interface StoreGoodsRow {
  id: string;
  title: string;
  price: string;
  images: string[];
  description: string;
  category_id: string | null;
  category_name: string | null;
  max_per_order: string;
  available_quantity: string;
}

const toStoreGoods = (row: StoreGoodsRow): StoreGoods => ({
  id: row.id,
  title: row.title,
  price: formatMoney(row.price),
  images: row.images,
  description: row.description,
  categoryId: row.category_id,
  categoryName: row.category_name,
  availableQuantity: formatQuantity(row.available_quantity),
  maxPerOrder: formatQuantity(row.max_per_order),
});

/** The storefront as this customer sees it: their goods in the shop's order, by search and category, with the categories there are. */
export async function listStoreGoods(db: Queryable, shopper: Shopper, query: { page: number; pageSize: number; q?: string | undefined; categoryId?: string | undefined }) {
  const rows = await db.query<StoreGoodsRow & { total: string }>(
    `${storeGoodsSelect('count(*) OVER () AS total, ')}
      WHERE g.shop_id = $1 AND ${VISIBLE_TO_CUSTOMER} AND ($3::text IS NULL OR g.title ILIKE '%' || $3 || '%') AND ($4::bigint IS NULL OR c.id = $4)
      ORDER BY g.sort_order, g.id LIMIT $5 OFFSET $6`,
    [shopper.shopId, shopper.customerId, query.q ?? null, query.categoryId ?? null, query.pageSize, (query.page - 1) * query.pageSize],
  );
  const categories = await db.query<{ id: string; name: string }>(
    `SELECT DISTINCT c.id::text, c.name FROM goods g JOIN products p ON p.shop_id = g.shop_id AND p.id = g.product_id
       JOIN categories c ON c.shop_id = p.shop_id AND c.id = p.category_id
      WHERE g.shop_id = $1 AND ${VISIBLE_TO_CUSTOMER} ORDER BY c.name`,
    [shopper.shopId, shopper.customerId],
  );
  return { items: rows.map(toStoreGoods), total: Number(rows[0]?.total ?? 0), page: query.page, pageSize: query.pageSize, categories };
}

export async function getStoreGoods(db: Queryable, shopper: Shopper, id: string): Promise<StoreGoods> {
  const [row] = await db.query<StoreGoodsRow>(`${storeGoodsSelect()} WHERE g.shop_id = $1 AND ${VISIBLE_TO_CUSTOMER} AND g.id = $3`, [shopper.shopId, shopper.customerId, id]);
  if (!row) throw notFound('Goods');
  return toStoreGoods(row);
}
