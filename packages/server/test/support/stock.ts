import { addDays } from '@xiaocang/analytics';
import { shopDay } from '@xiaocang/domain';
import type { Client } from './harness.ts';

/** Small helpers to set up stock scenarios through the public API. */
export async function createProduct(client: Client, fields: Record<string, unknown> = {}): Promise<string> {
  const response = await client.post('/api/products', { name: `商品${Math.random().toString(36).slice(2, 8)}`, unit: '个', ...fields });
  if (response.status !== 201) throw new Error(`product create failed: ${JSON.stringify(response.body)}`);
  return response.body.id;
}

export async function postBill(
  client: Client,
  direction: 'in' | 'out',
  lines: Array<{ productId: string; quantity: string | number; unitPrice?: string | number }>,
  extra: Record<string, unknown> = {},
) {
  return client.post('/api/bills', {
    direction,
    billType: direction === 'in' ? '采购入库' : '销售出库',
    billDate: '2026-11-20',
    lines,
    confirm: true,
    ...extra,
  });
}

export async function balanceOf(client: Client, productId: string, stockPointId?: string) {
  const query = new URLSearchParams({ productId, ...(stockPointId ? { stockPointId } : {}) });
  const response = await client.get(`/api/inventory?${query}`);
  return response.body.items[0] as { quantity: string; avgCost: string; totalCost: string } | undefined;
}

/** One line of one product, posted on the shop's day `daysAgo` before today: a history to learn demand from. */
export function postDaysAgo(client: Client, direction: 'in' | 'out', productId: string, quantity: number, daysAgo: number) {
  return postBill(client, direction, [{ productId, quantity: String(quantity) }], { billDate: addDays(shopDay(new Date()), -daysAgo) });
}
