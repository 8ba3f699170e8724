import { View } from '@tarojs/components';
import type { Order } from '../../api/types';
import { ORDER_STATUS_LABEL, ORDER_STATUS_TONE } from '../../lib/orders';

/** The order's status as a coloured tag, the same on the list and the detail. */
export function OrderStatusBadge({ order }: { order: Pick<Order, 'status'> }) {
  return (
    <View className={`badge badge--${ORDER_STATUS_TONE[order.status]} order-status order-status--${order.status}`}>{ORDER_STATUS_LABEL[order.status]}</View>
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
