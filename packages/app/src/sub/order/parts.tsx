import { View } from '@tarojs/components';
import type { Order } from '../../api/types';
import { orderStatusLabel } from '@xiaocang/domain/orders';
import { ORDER_STATUS_TONE } from '../../lib/orders';

/** The order's status as a coloured tag, the same on the list and the detail (部分发货 for a partly shipped order). */
export function OrderStatusBadge({ order }: { order: Pick<Order, 'status' | 'shipping'> }) {
  return (
    <View className={`badge badge--${ORDER_STATUS_TONE[order.status]} order-status order-status--${order.status}`}>{orderStatusLabel(order.status, order.shipping)}</View>
  );
}

export function Kv({ k, v, name }: { k: string; v: string | null | undefined; name?: string }) {
  if (v === null || v === undefined || v === '') return null;
  return (
    <View className={`kv${name ? ` kv-${name}` : ''}`}>
      <View className="kv__k">{k}</View>
      <View className="kv__v">{v}</View>
    </View>
  );
}
