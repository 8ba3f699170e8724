import { View } from '@tarojs/components';
import type { ReactNode } from 'react';
import { useDidShow } from '@tarojs/taro';
import { money as moneyApi } from '../../api/money';
import { notifications } from '../../api/notifications';
import { orders } from '../../api/orders';
import { fetchDashboard } from '../../api/reports';
import { useFigureSheet } from '../../components/FigureSheet';
import { Screen } from '../../components/Screen';
import { RemoteView } from '../../components/StateView';
import { ArrowTransfer, Category, Checked, Notice, Order, Received, Transit, Warning } from '../../components/icons';
import { useRemote } from '../../hooks/useRemote';
import { money } from '../../lib/format';
import { go, switchTab } from '../../routes';
import { useSession } from '../../state/session';

/** Today's amount with the number of bills under it, or only the number when the amount is hidden. */
const todayFigure = (amount: string | undefined, count: number | undefined) =>
  amount !== undefined ? { value: money(amount), hint: `${count ?? 0} 单` } : { value: `${count ?? 0} 单` };

/** A signed amount: red when it is a loss. */
const lossTone = (amount: string) => (amount.startsWith('-') ? 'alert' : undefined);

function Tile({ label, value, hint, tone, onClick, name }: { label: string; value: string; hint?: string; tone?: 'alert' | 'warn'; onClick?: () => void; name: string }) {
  return (
    <View className={`tile tile-${name}${tone ? ` tile--${tone}` : ''}`} onClick={onClick}>
      <View className="tile__label">{label}</View>
      <View className="tile__value">{value}</View>
      {hint ? <View className="tile__hint">{hint}</View> : null}
    </View>
  );
}

function Shortcut({ icon, label, onClick, name }: { icon: ReactNode; label: string; onClick: () => void; name: string }) {
  return (
    <View className={`shortcut shortcut-${name}`} onClick={onClick}>
      <View className="shortcut__icon">{icon}</View>
      <View className="shortcut__label">{label}</View>
    </View>
  );
}

/** 商城订单: what waits to be shipped and the new orders not yet paid; a tap opens the list. */
function OrdersCard({ counts }: { counts: Partial<Record<'pendingPayment' | 'toShip', number>> }) {
  const toShip = counts.toShip ?? 0;
  const unpaid = counts.pendingPayment ?? 0;
  return (
    <View className="card card--tap home-orders" onClick={() => go('orderList', { tab: toShip || !unpaid ? 'toShip' : 'pendingPayment' })}>
      <View className="row">
        <View className="strong">商城订单</View>
        <View className="row" style={{ marginTop: 0 }}>
          <View className={`badge ${toShip ? 'badge--warning' : 'badge--muted'} home-to-ship`}>待发货 {toShip}</View>
          <View className={`badge ${unpaid ? 'badge--warning' : 'badge--muted'} home-new-orders`}>新订单 {unpaid}</View>
          <View className="chevron">›</View>
        </View>
      </View>
    </View>
  );
}

function HomeContent() {
  const { me, abilities } = useSession();
  const dashboard = useRemote(fetchDashboard, []);
  // Who owes the shop and whom it owes: the owner's figures (a staff member's would be partial or hidden).
  const owed = useRemote(() => (abilities.isOwner ? moneyApi.summary() : Promise.resolve(null)), [abilities.isOwner]);
  // Unread notifications and open warnings (the latter only for whoever may see stock), fresh on every show.
  const badges = useRemote(() => notifications.badges(), []);
  useDidShow(() => {
    void dashboard.reload();
    void owed.reload();
    void badges.reload();
  });
  // The storefront's orders waiting on the shop, for whoever handles orders (they are sales: 出库).
  const orderCounts = useRemote(() => (abilities.outbound ? orders.list({ tab: 'toShip', page: 1, pageSize: 1 }).then((list) => list.tabCounts) : Promise.resolve(null)), [abilities.outbound]);
  useDidShow(() => void orderCounts.reload());
  const unread = badges.data?.unreadCount ?? 0;
  const openWarnings = abilities.seeStock ? badges.data?.openWarningCount : undefined;
  const { explain, sheet } = useFigureSheet();
  const toBills = { label: '查看单据', go: () => switchTab('bills') };
  const toReport = { label: '查看月度报表', go: () => go('monthly') };
  return (
    <>
      <View className="hero">
        <View className="row row--top">
          <View>
            <View className="hero__title">{me?.shop.name}</View>
            <View className="hero__sub">
              {me?.user.realName} · {abilities.isOwner ? '店主' : '员工'}
            </View>
          </View>
          <View className="hero__tools">
            {openWarnings !== undefined ? (
              <View className={`hero__pill home-warnings${openWarnings > 0 ? ' hero__pill--alert' : ''}`} onClick={() => go('warnings')}>
                <Warning size={14} />
                <View className="home-warnings__text">库存预警 {openWarnings}</View>
              </View>
            ) : null}
            <View className="hero__bell home-bell" onClick={() => go('notifications')}>
              <Notice size={22} />
              {unread > 0 ? <View className="hero__count home-unread">{unread > 99 ? '99+' : unread}</View> : null}
            </View>
          </View>
        </View>
      </View>
      {/* Orders wait on the shop: first under the header, where they are seen without scrolling. */}
      {/* Only once the storefront has taken an order: a shop that sells no other way is not shown an empty card. */}
      {orderCounts.data && Object.values(orderCounts.data).some((count) => count > 0) ? <OrdersCard counts={orderCounts.data} /> : null}
      <RemoteView remote={dashboard}>
        {(d) => (
          <>
            {d.scope === 'own' ? <View className="scope-note">以下数字只统计你自己开的单据</View> : null}
            <View className="grid dashboard">
              <Tile name="today-in" label="今日入库" {...todayFigure(d.todayInboundAmount, d.todayInboundCount)} onClick={() => explain({ key: 'todayInbound', next: toBills })} />
              <Tile name="today-out" label="今日出库" {...todayFigure(d.todayOutboundAmount, d.todayOutboundCount)} onClick={() => explain({ key: 'todayOutbound', next: toBills })} />
              <Tile name="month-sales" label="本月销售额" value={money(d.monthSales)} onClick={() => explain({ key: 'salesAmount', next: toReport })} />
              {d.monthGrossMargin !== undefined ? (
                <Tile name="month-margin" label="本月毛利" value={money(d.monthGrossMargin)} hint="销售额 − 销售成本" tone={lossTone(d.monthGrossMargin)} onClick={() => explain({ key: 'grossMargin', next: toReport })} />
              ) : null}
              {d.monthStockAdjustment !== undefined ? (
                <Tile name="month-adjustment" label="本月库存损益" value={money(d.monthStockAdjustment)} hint="盘盈 − 盘亏 − 报损" tone={lossTone(d.monthStockAdjustment)} onClick={() => explain({ key: 'stockAdjustment', next: toReport })} />
              ) : null}
              {d.lowStockCount !== undefined ? (
                <Tile name="low-stock" label="库存预警" value={String(d.lowStockCount)} hint="个商品库存≤预警" tone={d.lowStockCount > 0 ? 'alert' : undefined} onClick={() => explain({ key: 'lowStock', next: { label: '查看库存', go: () => switchTab('stock') } })} />
              ) : null}
              {owed.data ? (
                <>
                  <Tile name="receivable" label="应收" value={money(owed.data.receivableTotal)} hint="客户尚欠" onClick={() => go('moneyParties', { side: 'customer' })} />
                  {owed.data.payableTotal !== undefined ? (
                    <Tile name="payable" label="应付" value={money(owed.data.payableTotal)} hint="尚欠供应商" onClick={() => go('moneyParties', { side: 'supplier' })} />
                  ) : null}
                </>
              ) : null}
              <Tile name="pending" label="待审核单据" value={String(d.pendingApprovalCount)} hint={abilities.approve ? '点此去审核' : '等待店主审核'} tone={d.pendingApprovalCount > 0 ? 'warn' : undefined} onClick={() => switchTab('bills', { status: 'pending' })} />
            </View>
          </>
        )}
      </RemoteView>
      {sheet}
      <View className="card">
        <View className="card__title">常用功能</View>
        <View className="shortcuts">
          {abilities.inbound ? <Shortcut name="new-in" icon={<Received size={22} />} label="入库开单" onClick={() => go('billEdit', { direction: 'in' })} /> : null}
          {abilities.outbound ? <Shortcut name="new-out" icon={<Transit size={22} />} label="出库开单" onClick={() => go('billEdit', { direction: 'out' })} /> : null}
          <Shortcut name="products" icon={<Category size={22} />} label="商品" onClick={() => switchTab('products')} />
          {abilities.seeStock ? <Shortcut name="stocktake" icon={<Checked size={22} />} label="盘点" onClick={() => go('stocktake')} /> : null}
          {abilities.seeStock ? <Shortcut name="transfer" icon={<ArrowTransfer size={22} />} label="调拨" onClick={() => go('transfer')} /> : null}
          {abilities.isOwner ? <Shortcut name="monthly" icon={<Order size={22} />} label="月度报表" onClick={() => go('monthly')} /> : null}
        </View>
      </View>
    </>
  );
}

export default function HomePage() {
  return (
    <Screen tab="home" className="page-home">
      <HomeContent />
    </Screen>
  );
}
