/**
 * The domain's isLowStock as an SQL condition, for filtering and counting in the database: `product` is
 * the alias of a products row, `quantity` an expression for the product's stock across all stock points.
 */
export const lowStockSql = (product: string, quantity: string): string =>
  `(${product}.is_enabled AND ${product}.warning_stock > 0 AND ${quantity} <= ${product}.warning_stock)`;

/** The product's stock across all stock points, for a row `b` of inventory_balances. */
export const productQuantitySql = (balance: string): string =>
  `(SELECT sum(t.quantity) FROM inventory_balances t WHERE t.shop_id = ${balance}.shop_id AND t.product_id = ${balance}.product_id)`;
