import { View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { orders } from '../../../api/orders';
import type { Order, OrderList } from '../../../api/types';
import { Empty, PagedList } from '../../../components/PagedList';
import { Screen } from '../../../components/Screen';
import { usePagedList } from '../../../hooks/usePagedList';
import { money, shortTime } from '../../../lib/format';
import { ORDER_TAB_KEYS, ORDER_TAB_LABEL, type OrderTab } from '../../../lib/orders';
import { OrderStatusBadge } from '../parts';
import { go } from '../../../routes';
import { useOnReturn } from '../../../hooks/useOnReturn';

function OrderRow({ order }: { order: Order }) {
  const items = order.lines.map((line) => line.title).join('、');
  return (
    <View className="list-item order-row" onClick={() => go('orderDetail', { id: order.id })}>
      <View className="list-item__main">
        <View className="row">
          <View className="list-item__title ellipsis order-customer">{order.customerName}</View>
          <OrderStatusBadge order={order} />
        </View>
        <View className="list-item__meta ellipsis order-items">{items}</View>
        <View className="list-item__meta order-no">
          {order.orderNo} · {shortTime(order.createdAt)}
        </View>
      </View>
      <View className="list-item__side">
        <View className="num strong order-total">{money(order.totalAmount)}</View>
      </View>
      <View className="chevron">›</View>
    </View>
  );
}

const EMPTY_TEXT: Record<OrderTab, string> = {
  pendingPayment: '顾客下单后、付款前的订单在这里，确认收到钱后点进去确认收款',
  toShip: '已付款的订单在这里等你发货',
  toReceive: '已发货、顾客还没确认收货的订单',
  completed: '顾客确认收货后的订单',
  afterSale: '顾客申请退款的订单',
  cancelled: '取消或超时未付款的订单',
};

/** The customers' orders by tab, each tab with its count; a tap opens the order. */
export default function OrderListPage() {
  const { params } = useRouter();
  const initial = ORDER_TAB_KEYS.includes(params.tab as OrderTab) ? (params.tab as OrderTab) : 'pendingPayment';
  const [tab, setTab] = useState<OrderTab>(initial);
  const list = usePagedList<Order, OrderList>((page, pageSize) => orders.list({ tab, page, pageSize }), [tab]);
  useOnReturn(() => void list.reload());
  const counts = list.last?.tabCounts;
  return (
    <Screen className="page-orders">
      <View className="order-tabs">
        {ORDER_TAB_KEYS.map((key) => (
          <View key={key} className={`order-tab order-tab--${key}${tab === key ? ' order-tab--on' : ''}`} onClick={() => setTab(key)}>
            <View className="order-tab__label">{ORDER_TAB_LABEL[key]}</View>
            <View className="order-tab__count num">{counts ? (counts[key] ?? 0) : '·'}</View>
          </View>
        ))}
      </View>
      <View className="card">
        <PagedList list={list} empty={<Empty title={`没有${ORDER_TAB_LABEL[tab]}的订单`} text={EMPTY_TEXT[tab]} />}>
          {(order) => <OrderRow key={order.id} order={order} />}
        </PagedList>
      </View>
    </Screen>
  );
}
