import type { Goods } from '@xiaocang/contracts';
import { formatMoney, formatQuantity } from '@xiaocang/domain';

/** The shop's selling stock point (its default), where linked goods' stock is counted and held. */
export const SELLING_POINT_SQL = (goods: string) => `(SELECT sp.id FROM stock_points sp WHERE sp.shop_id = ${goods}.shop_id AND sp.is_default)`;

/** Stock and what orders hold, for goods row `g`: the linked product's at the selling point, or the goods' own. */
export const GOODS_STOCK_COLUMNS = `
  CASE WHEN g.product_id IS NULL THEN g.own_stock ELSE COALESCE(sb.quantity, 0) END::text AS stock_quantity,
  CASE WHEN g.product_id IS NULL THEN g.own_reserved ELSE COALESCE(sb.reserved, 0) END::text AS reserved_quantity,
  GREATEST(CASE WHEN g.product_id IS NULL THEN g.own_stock - g.own_reserved ELSE COALESCE(sb.quantity - sb.reserved, 0) END, 0)::text AS available_quantity`;
export const GOODS_STOCK_JOIN = `LEFT JOIN inventory_balances sb ON sb.shop_id = g.shop_id AND sb.product_id = g.product_id AND sb.stock_point_id = ${SELLING_POINT_SQL('g')}`;

/** The select list, with `extraColumns` first (e.g. a window count of all rows). */
export const goodsSelect = (extraColumns = ''): string => `SELECT ${extraColumns}g.id::text, g.product_id::text, p.name AS product_name, g.title, g.price::text, g.images, g.description, g.on_shelf,
       g.sort_order, g.max_per_order::text, g.updated_at, ${GOODS_STOCK_COLUMNS}
  FROM goods g LEFT JOIN products p ON p.shop_id = g.shop_id AND p.id = g.product_id ${GOODS_STOCK_JOIN}`;

export interface GoodsRow {
  id: string;
  product_id: string | null;
  product_name: string | null;
  title: string;
  price: string;
  images: string[];
  description: string;
  on_shelf: boolean;
  sort_order: number;
  max_per_order: string;
  updated_at: Date;
  stock_quantity: string;
  reserved_quantity: string;
  available_quantity: string;
}

export const toGoods = (row: GoodsRow): Goods => ({
  id: row.id,
  productId: row.product_id,
  productName: row.product_name,
  title: row.title,
  price: formatMoney(row.price),
  images: row.images,
  description: row.description,
  onShelf: row.on_shelf,
  sortOrder: row.sort_order,
  maxPerOrder: formatQuantity(row.max_per_order),
  availableQuantity: formatQuantity(row.available_quantity),
  reservedQuantity: formatQuantity(row.reserved_quantity),
  updatedAt: row.updated_at.toISOString(),
});
