import { View } from '@tarojs/components';
import type { ReactNode } from 'react';
import { useDidShow } from '@tarojs/taro';
import { fetchDashboard } from '../../api/reports';
import { Screen } from '../../components/Screen';
import { RemoteView } from '../../components/StateView';
import { ArrowTransfer, Category, Checked, Order, Received, Transit } from '../../components/icons';
import { useRemote } from '../../hooks/useRemote';
import { money, quantity } from '../../lib/format';
import { go, switchTab } from '../../routes';
import { useSession } from '../../state/session';

/** Today's amount with the number of bills under it, or only the number when the amount is hidden. */
const todayFigure = (amount: string | undefined, count: number | undefined) =>
  amount !== undefined ? { value: money(amount), hint: `${count ?? 0} 单` } : { value: `${count ?? 0} 单` };

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

function HomeContent() {
  const { me, abilities } = useSession();
  const dashboard = useRemote(fetchDashboard, []);
  useDidShow(() => void dashboard.reload());
  return (
    <>
      <View className="hero">
        <View className="hero__title">{me?.shop.name}</View>
        <View className="hero__sub">
          {me?.user.realName} · {abilities.isOwner ? '店主' : '员工'}
        </View>
      </View>
      <RemoteView remote={dashboard}>
        {(d) => (
          <View className="grid dashboard">
            <Tile name="today-in" label="今日入库" {...todayFigure(d.todayInboundAmount, d.todayInboundCount)} onClick={() => switchTab('bills')} />
            <Tile name="today-out" label="今日出库" {...todayFigure(d.todayOutboundAmount, d.todayOutboundCount)} onClick={() => switchTab('bills')} />
            {d.monthSales !== undefined ? <Tile name="month-sales" label="本月销售额" value={money(d.monthSales)} onClick={() => go('monthly')} /> : null}
            {d.monthProfit !== undefined ? <Tile name="month-profit" label="本月利润" value={money(d.monthProfit)} onClick={() => go('monthly')} /> : null}
            {d.lowStockCount !== undefined ? (
              <Tile name="low-stock" label="库存预警" value={quantity(String(d.lowStockCount))} hint="个商品低于预警值" tone={d.lowStockCount > 0 ? 'alert' : undefined} onClick={() => switchTab('stock')} />
            ) : null}
            {d.pendingApprovalCount !== undefined ? (
              <Tile name="pending" label="待审核单据" value={String(d.pendingApprovalCount)} hint={abilities.approve ? '点此去审核' : '等待店主审核'} tone={d.pendingApprovalCount > 0 ? 'warn' : undefined} onClick={() => switchTab('bills', { status: 'pending' })} />
            ) : null}
          </View>
        )}
      </RemoteView>
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
