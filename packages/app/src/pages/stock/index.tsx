import { View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import { fetchInventory } from '../../api/reports';
import type { InventoryItem, InventoryList } from '../../api/types';
import { OptionChips } from '../../components/OptionChips';
import { Empty, PagedList } from '../../components/PagedList';
import { ArrowTransfer, Checked, Warning } from '../../components/icons';
import { Screen } from '../../components/Screen';
import { Loading } from '../../components/StateView';
import { useOptions } from '../../hooks/useOptions';
import { usePagedList } from '../../hooks/usePagedList';
import { ExportLink } from '../../components/ExportLink';
import { money, quantity } from '../../lib/format';
import { go, switchTab } from '../../routes';
import { useSession } from '../../state/session';
import { useOnReturn } from '../../hooks/useOnReturn';

function InventoryRow({ item }: { item: InventoryItem }) {
  return (
    <View
      className={`list-item inventory-row${item.isLow ? ' low inventory-row--low' : ''}`}
      onClick={() => go('productLedger', { id: item.productId, name: item.productName, stockPointId: item.stockPointId })}
    >
      <View className="list-item__main">
        <View className="list-item__title ellipsis">
          {item.productName}
          {item.isLow ? <View className="badge badge--danger" style={{ display: 'inline-block' }}>库存≤预警</View> : null}
        </View>
        <View className="list-item__meta ellipsis">
          {[item.productCode, item.stockPointName].filter(Boolean).join(' · ')}
          {item.warningStock !== undefined && !/^0(\.0+)?$/.test(item.warningStock) ? ` · 预警 ${quantity(item.warningStock, item.unit)}` : ''}
        </View>
        {item.productQuantity !== item.quantity ? <View className="list-item__meta product-total">各库存点合计 {quantity(item.productQuantity, item.unit)}</View> : null}
        {item.reservedQuantity !== undefined && Number(item.reservedQuantity) > 0 ? (
          <View className="list-item__meta warning inventory-held">
            订单占用 {quantity(item.reservedQuantity)} · 可用 {quantity(item.availableQuantity)}
          </View>
        ) : null}
        {item.avgCost !== undefined ? <View className="list-item__meta">均价 {money(item.avgCost)}</View> : null}
      </View>
      <View className="list-item__side">
        {item.quantity !== undefined ? (
          <View className={`strong num inventory-qty${item.isLow ? ' danger' : ''}`} style={{ fontSize: '17px' }}>
            {quantity(item.quantity)}
            <View className="muted" style={{ display: 'inline' }}> {item.unit}</View>
          </View>
        ) : null}
        {item.totalCost !== undefined ? <View className="muted num inventory-value">{money(item.totalCost)}</View> : null}
      </View>
    </View>
  );
}

function StockContent() {
  const { abilities } = useSession();
  // The tab bar has no 库存 tab for staff who may not see stock; a link or an old bookmark lands here.
  useEffect(() => {
    if (!abilities.seeStock) switchTab('home');
  }, [abilities.seeStock]);
  return abilities.seeStock ? <Inventory /> : <Loading />;
}

function Inventory() {
  const [stockPointId, setStockPointId] = useState('');
  const [lowOnly, setLowOnly] = useState(false);
  const points = useOptions('stockPoints');
  const list = usePagedList<InventoryItem, InventoryList>(
    (page, pageSize) => fetchInventory({ page, pageSize, stockPointId, lowStock: lowOnly ? 'true' : undefined }),
    [stockPointId, lowOnly],
  );
  useOnReturn(() => void list.reload());
  const totals = list.last?.totals;
  return (
    <>
      <View className="hero">
        <View className="hero__sub">库存总值</View>
        <View className="hero__title stock-value num" style={{ fontSize: '28px' }}>
          {totals?.stockValue !== undefined ? money(totals.stockValue) : '—'}
        </View>
        <View className="hero__sub">
          共 {list.total} 条库存记录{totals?.quantity !== undefined ? ` · ${quantity(totals.quantity, '件')}` : ''}
          {totals && totals.lowStockCount > 0 ? ` · ${totals.lowStockCount} 个商品库存≤预警` : ''}
        </View>
      </View>
      <ExportLink list="inventory" title="库存" query={{ stockPointId, lowStock: lowOnly ? 'true' : undefined }} />
      <View className="card">
        <View className="shortcuts">
          <View className="shortcut go-transfer" onClick={() => go('transfer')}>
            <View className="shortcut__icon">
              <ArrowTransfer size={22} />
            </View>
            <View className="shortcut__label">调拨</View>
          </View>
          <View className="shortcut go-stocktake" onClick={() => go('stocktake')}>
            <View className="shortcut__icon">
              <Checked size={22} />
            </View>
            <View className="shortcut__label">盘点</View>
          </View>
          <View className={`shortcut filter-low`} onClick={() => setLowOnly(!lowOnly)}>
            <View className="shortcut__icon" style={lowOnly ? { background: 'var(--danger)', color: '#fff' } : undefined}>
              <Warning size={22} />
            </View>
            <View className="shortcut__label">{lowOnly ? '显示全部' : '只看预警'}</View>
          </View>
        </View>
      </View>
      <OptionChips name="stock-point-filter" noun="库存点" choices={points} value={stockPointId} onChange={setStockPointId} min={2} />
      <View className="card inventory">
        <PagedList list={list} empty={<Empty title={lowOnly ? '没有库存≤预警的商品' : '还没有库存'} text={lowOnly ? '库存都很充足' : '入库后这里会显示每个商品的库存'} />}>
          {(item) => <InventoryRow key={`${item.productId}-${item.stockPointId}`} item={item} />}
        </PagedList>
      </View>
    </>
  );
}

export default function StockPage() {
  return (
    <Screen tab="stock" className="page-stock">
      <StockContent />
    </Screen>
  );
}
