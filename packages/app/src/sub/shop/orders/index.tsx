import { View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { orderStatusLabel, ORDER_TAB_LABEL, type OrderTab } from '@xiaocang/domain/orders';
import { useState } from 'react';
import { Empty, PagedList } from '../../../components/PagedList';
import { usePagedList } from '../../../hooks/usePagedList';
import { money, quantity, shortTime } from '../../../lib/format';
import { store, type Order, type OrderList } from '../../../storefront/api';
import { goShop } from '../../../storefront/routes';
import { ShopScreen } from '../../../storefront/ShopScreen';
import './index.css';
import { useOnReturn } from '../../../hooks/useOnReturn';

const TABS: OrderTab[] = ['pendingPayment', 'toShip', 'toReceive', 'completed', 'afterSale'];

export function OrderCard({ order, onClick }: { order: Order; onClick: () => void }) {
  return (
    <View className="card card--tap order-card" onClick={onClick}>
      <View className="order-card__head">
        <View>
          {order.orderNo} · {shortTime(order.createdAt)}
        </View>
        <View className={`order-status order-status--${order.status}`}>{orderStatusLabel(order.status, order.shipping)}</View>
      </View>
      <View className="order-card__lines">
        {order.lines.map((line) => (
          <View key={line.goodsId} className="row">
            <View className="ellipsis grow">{line.title}</View>
            <View className="muted nowrap">× {quantity(line.quantity)}</View>
          </View>
        ))}
      </View>
      <View className="order-card__foot">
        <View>共 {order.lines.length} 种</View>
        <View>
          合计 <View className="price num" style={{ display: 'inline' }}>{money(order.totalAmount)}</View>
        </View>
      </View>
    </View>
  );
}

/** The customer's orders by tab, each tab with its count. */
function Orders({ shopId }: { shopId: string }) {
  const { params } = useRouter();
  const [tab, setTab] = useState<OrderTab>(TABS.includes(params.tab as OrderTab) ? (params.tab as OrderTab) : 'pendingPayment');
  const list = usePagedList<Order, OrderList>((page, pageSize) => store.orders(shopId, { tab, page, pageSize }), [shopId, tab]);
  useOnReturn(() => void list.reload());
  const counts = list.last?.tabCounts;
  return (
    <>
      <View className="order-tabs">
        {TABS.map((key) => (
          <View key={key} className={`order-tab order-tab-${key}${tab === key ? ' order-tab--on' : ''}`} onClick={() => setTab(key)}>
            {ORDER_TAB_LABEL[key]}
            <View className="order-tab__count num">{counts ? counts[key] : '·'}</View>
          </View>
        ))}
      </View>
      <PagedList list={list} empty={<Empty title={`没有${ORDER_TAB_LABEL[tab]}的订单`} />}>
        {(order) => <OrderCard key={order.id} order={order} onClick={() => goShop('order', shopId, { id: order.id })} />}
      </PagedList>
    </>
  );
}

export default function ShopOrdersPage() {
  return <ShopScreen name="page-shop-orders">{(shopId) => <Orders shopId={shopId} />}</ShopScreen>;
}
