import { seedHistory, type HistoryPlan } from '../../bench/seed-history.ts';
import type { Client, TestApp } from './harness.ts';
import { createProduct } from './stock.ts';

/**
 * A shop's past written straight into the tables (see `seedHistory`): a hot product at 2.00 and `others` at 1.00,
 * created through the API, then the history at the shop's default stock point. Returns the hot product's id.
 */
export async function seedShopHistory(t: TestApp, shop: Client, plan: Pick<HistoryPlan, 'ledgerRows' | 'hotRows' | 'firstDay' | 'days'> & { others: number }): Promise<string> {
  const hot = await createProduct(shop, { inboundPrice: '2.00' });
  for (let i = 0; i < plan.others; i++) await createProduct(shop, { inboundPrice: '1.00' });
  const [point] = await t.db.query<{ id: string }>('SELECT id FROM stock_points WHERE shop_id = $1 AND is_default', [shop.shopId]);
  const { ledgerRows, hotRows, firstDay, days } = plan;
  await t.db.transaction((tx) => seedHistory(tx, { shopId: shop.shopId, userId: shop.userId, stockPointId: point!.id, hotProductId: hot, ledgerRows, hotRows, firstDay, days }));
  return hot;
}
