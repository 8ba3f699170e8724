/**
 * The warning stock that binds a product (`product` is the alias of a products row): its own when set,
 * else its category's threshold, else the shop's (warning_rules), else none (0). The rule is domain/warnings.ts.
 */
export const warningStockSql = (product: string): string =>
  `COALESCE(NULLIF(${product}.warning_stock, 0),
            (SELECT r.low_stock_threshold FROM warning_rules r
              WHERE r.shop_id = ${product}.shop_id AND r.low_stock_threshold IS NOT NULL
                AND (r.scope = 'shop' OR (r.scope = 'category' AND r.scope_id = ${product}.category_id))
              ORDER BY r.scope = 'category' DESC LIMIT 1),
            0)`;

/**
 * The domain's isLowStock as an SQL condition, for filtering and counting in the database: `product` is
 * the alias of a products row, `quantity` an expression for the product's stock across all stock points,
 * `threshold` its warning stock when the statement has it at hand already.
 */
export const lowStockSql = (product: string, quantity: string, threshold = warningStockSql(product)): string =>
  `(${product}.is_enabled AND ${quantity} <= NULLIF(${threshold}, 0)) IS TRUE`;

/** The product's stock across all stock points, for a row `b` of inventory_balances. */
export const productQuantitySql = (balance: string): string =>
  `(SELECT sum(t.quantity) FROM inventory_balances t WHERE t.shop_id = ${balance}.shop_id AND t.product_id = ${balance}.product_id)`;
