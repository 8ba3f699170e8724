import { View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { products } from '../../../api/master';
import { fetchInventory } from '../../../api/reports';
import type { LedgerEntry } from '../../../api/types';
import { OptionChips } from '../../../components/OptionChips';
import { Empty, PagedList } from '../../../components/PagedList';
import { Screen } from '../../../components/Screen';
import { useOptions } from '../../../hooks/useOptions';
import { usePagedList } from '../../../hooks/usePagedList';
import { useRemote } from '../../../hooks/useRemote';
import { money, quantity } from '../../../lib/format';
import { go } from '../../../routes';
import { useSession } from '../../../state/session';

/** `namedBalance`: rows of several stock points are mixed, so each balance names its stock point. */
function LedgerRow({ entry, namedBalance }: { entry: LedgerEntry; namedBalance: boolean }) {
  // The sign, not the bill's direction: reversing a receipt takes stock out.
  const out = entry.quantity.startsWith('-');
  return (
    <View className="list-item ledger-row" onClick={() => go('billDetail', { id: entry.billId })}>
      <View className="list-item__main">
        <View className="list-item__title">{entry.billType}</View>
        <View className="list-item__meta">
          {entry.billNo} · {entry.billDate}
        </View>
        {entry.unitCost !== undefined ? <View className="list-item__meta">单位成本 {money(entry.unitCost)}</View> : null}
      </View>
      <View className="list-item__side">
        <View className={`strong num ledger-qty ${out ? 'out' : 'in'}`}>
          {out ? '' : '+'}
          {quantity(entry.quantity)}
        </View>
        <View className="muted num ledger-balance">
          {namedBalance ? `${entry.stockPointName} ` : ''}结存 {quantity(entry.balanceQuantity)}
        </View>
      </View>
    </View>
  );
}

/** The product's stock at each stock point: on hand, what unpaid orders hold, and what is available. */
function StockCard({ productId, stockPointId }: { productId: string; stockPointId: string }) {
  const stock = useRemote(() => fetchInventory({ productId, stockPointId, pageSize: 50 }), [productId, stockPointId]);
  const rows = stock.data?.items ?? [];
  if (rows.length === 0) return null;
  return (
    <View className="card product-stock">
      <View className="card__title">库存</View>
      {rows.map((row) => (
        <View key={row.stockPointId} className="kv product-stock-row">
          <View className="kv__k">{row.stockPointName}</View>
          <View className="kv__v num">
            在库 {quantity(row.quantity)}
            {row.reservedQuantity !== undefined ? ` · 订单占用 ${quantity(row.reservedQuantity)} · 可用 ${quantity(row.availableQuantity)}` : ''}
          </View>
        </View>
      ))}
    </View>
  );
}

/** A product's movements, newest first, with the running balance of the stock point each one moved. */
export default function LedgerPage() {
  const { params } = useRouter();
  const id = params.id ?? '';
  const points = useOptions('stockPoints');
  const [stockPointId, setStockPointId] = useState(params.stockPointId ?? '');
  const list = usePagedList<LedgerEntry>((page, pageSize) => products.ledger(id, { page, pageSize, stockPointId }), [id, stockPointId]);
  useEffect(() => {
    if (params.name) void Taro.setNavigationBarTitle({ title: `${decodeURIComponent(params.name)} · 流水` });
  }, [params.name]);
  const severalPoints = points.options.length > 1;
  const { abilities } = useSession();
  return (
    <Screen className="page-ledger">
      <OptionChips name="ledger-point-filter" noun="库存点" choices={points} value={stockPointId} onChange={setStockPointId} min={2} />
      {abilities.seeStock ? <StockCard productId={id} stockPointId={stockPointId} /> : null}
      <View className="card ledger">
        <View className="card__title">
          库存流水
          {severalPoints && !stockPointId ? <View className="card__more">结存按库存点分别计</View> : null}
        </View>
        <PagedList list={list} empty={<Empty title="还没有流水" text={stockPointId ? '这个库存点还没有这个商品的出入库记录' : '这个商品还没有出入库记录'} />}>
          {(entry) => <LedgerRow key={entry.id} entry={entry} namedBalance={severalPoints && !stockPointId} />}
        </PagedList>
      </View>
    </Screen>
  );
}
