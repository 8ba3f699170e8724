import type { CustomerPrices } from '@xiaocang/contracts';
import { formatMoney, type Actor } from '@xiaocang/domain';
import { notFound } from '../../errors.ts';
import type { Queryable } from '../../db/database.ts';

/**
 * What a sale to this customer would charge for each product (the price at their level, or the outbound
 * price where the level sets none) and whether they may buy it: what the bill form fills in.
 */
export async function getCustomerPrices(
  db: Queryable,
  actor: Actor,
  { customerId, productIds }: { customerId: string; productIds: string[] },
): Promise<CustomerPrices> {
  const [row] = await db.query<{ level_id: string; level_name: string; items: Array<{ productId: string; price: string; allowed: boolean }> | null }>(
    `SELECT l.id::text AS level_id, l.name AS level_name,
            (SELECT json_agg(json_build_object('productId', p.id::text, 'price', COALESCE(pp.price, p.outbound_price)::text,
                                               'allowed', NOT EXISTS (SELECT 1 FROM customer_products cp WHERE cp.shop_id = c.shop_id AND cp.customer_id = c.id)
                                                          OR EXISTS (SELECT 1 FROM customer_products cp
                                                                      WHERE cp.shop_id = c.shop_id AND cp.customer_id = c.id AND cp.product_id = p.id)))
               FROM products p
               LEFT JOIN product_prices pp ON pp.shop_id = p.shop_id AND pp.product_id = p.id AND pp.price_level_id = c.price_level_id
              WHERE p.shop_id = c.shop_id AND p.id = ANY($3::bigint[])) AS items
       FROM customers c
       JOIN price_levels l ON l.shop_id = c.shop_id AND (l.id = c.price_level_id OR (c.price_level_id IS NULL AND l.is_default))
      WHERE c.shop_id = $1 AND c.id = $2`,
    [actor.shopId, customerId, productIds],
  );
  if (!row) throw notFound('Customer');
  const found = new Map((row.items ?? []).map((item) => [item.productId, item]));
  const missing = productIds.find((id) => !found.has(id));
  if (missing) throw notFound(`Product ${missing}`, 'productIds');
  return {
    customerId,
    priceLevelId: row.level_id,
    priceLevelName: row.level_name,
    items: productIds.map((id) => ({ ...found.get(id)!, price: formatMoney(found.get(id)!.price) })),
  };
}
