import { View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useEffect } from 'react';
import { products } from '../../../api/master';
import type { LedgerEntry } from '../../../api/types';
import { Empty, PagedList } from '../../../components/PagedList';
import { Screen } from '../../../components/Screen';
import { usePagedList } from '../../../hooks/usePagedList';
import { money, quantity } from '../../../lib/format';
import { go } from '../../../routes';

function LedgerRow({ entry }: { entry: LedgerEntry }) {
  const negative = entry.quantity?.startsWith('-');
  return (
    <View className="list-item ledger-row" onClick={() => entry.billId && go('billDetail', { id: entry.billId })}>
      <View className="list-item__main">
        <View className="list-item__title">{entry.billType ?? entry.billNo}</View>
        <View className="list-item__meta">
          {entry.billNo} · {entry.billDate}
          {entry.stockPointName ? ` · ${entry.stockPointName}` : ''}
        </View>
        {entry.unitCost !== undefined ? <View className="list-item__meta">单位成本 {money(entry.unitCost)}</View> : null}
      </View>
      <View className="list-item__side">
        {entry.quantity !== undefined ? (
          <View className={`strong num ledger-qty ${negative ? 'out' : 'in'}`}>
            {negative ? '' : '+'}
            {quantity(entry.quantity)}
          </View>
        ) : null}
        {entry.balanceQuantity !== undefined ? <View className="muted num ledger-balance">结存 {quantity(entry.balanceQuantity)}</View> : null}
      </View>
    </View>
  );
}

export default function LedgerPage() {
  const { params } = useRouter();
  const id = params.id ?? '';
  const list = usePagedList<LedgerEntry>((page, pageSize) => products.ledger(id, { page, pageSize }), [id]);
  useEffect(() => {
    if (params.name) void Taro.setNavigationBarTitle({ title: `${decodeURIComponent(params.name)} · 流水` });
  }, [params.name]);
  return (
    <Screen className="page-ledger">
      <View className="card ledger">
        <View className="card__title">库存流水</View>
        <PagedList list={list} empty={<Empty title="还没有流水" text="这个商品还没有出入库记录" />}>
          {(entry) => <LedgerRow key={entry.id} entry={entry} />}
        </PagedList>
      </View>
    </Screen>
  );
}
