import { View } from '@tarojs/components';
import { useState } from 'react';
import { goods as goodsApi } from '../../../api/orders';
import type { Goods, GoodsList } from '../../../api/types';
import { Button } from '../../../components/nut';
import { Empty, PagedList } from '../../../components/PagedList';
import { Screen } from '../../../components/Screen';
import { SearchBar } from '../../../components/SearchBar';
import { usePagedList } from '../../../hooks/usePagedList';
import { money, quantity } from '../../../lib/format';
import { go } from '../../../routes';
import { useSession } from '../../../state/session';
import { useOnReturn } from '../../../hooks/useOnReturn';

type Shelf = '' | 'true' | 'false';
const SHELVES: Array<{ value: Shelf; label: string }> = [
  { value: '', label: '全部' },
  { value: 'true', label: '在架' },
  { value: 'false', label: '下架' },
];

function GoodsRow({ item }: { item: Goods }) {
  return (
    <View className={`list-item goods-row${item.onShelf ? '' : ' goods-row--off'}`} onClick={() => go('goodsEdit', { id: item.id })}>
      <View className="list-item__main">
        <View className="row" style={{ justifyContent: 'flex-start' }}>
          <View className="list-item__title ellipsis goods-title">{item.title}</View>
          <View className={`badge ${item.onShelf ? 'badge--in' : 'badge--muted'} goods-shelf`}>{item.onShelf ? '在架' : '下架'}</View>
        </View>
        <View className="list-item__meta ellipsis goods-source">{item.productName ? `仓库商品：${item.productName}` : '独立库存'}</View>
        <View className="list-item__meta goods-stock">
          可售 <View className="num strong goods-available" style={{ display: 'inline' }}>{quantity(item.availableQuantity)}</View>
          {' · '}占用 <View className="num goods-reserved" style={{ display: 'inline' }}>{quantity(item.reservedQuantity)}</View>
        </View>
      </View>
      <View className="list-item__side num strong goods-price">{money(item.price)}</View>
      <View className="chevron">›</View>
    </View>
  );
}

/** The storefront's goods, on or off the shelf, with what each can still sell and what unpaid orders hold. */
export default function GoodsListPage() {
  const canEdit = useSession().abilities.editProducts;
  const [q, setQ] = useState('');
  const [shelf, setShelf] = useState<Shelf>('');
  const list = usePagedList<Goods, GoodsList>((page, pageSize) => goodsApi.list({ q, onShelf: shelf || undefined, page, pageSize }), [q, shelf]);
  useOnReturn(() => void list.reload());
  return (
    <Screen className="page-goods">
      <SearchBar value={q} onSearch={setQ} placeholder="搜索商品标题" />
      <View className="row goods-tools">
        <View className="chips chips--line goods-shelves" style={{ marginBottom: 0 }}>
          {SHELVES.map((s) => (
            <View key={s.value || 'all'} className={`chip chip--small shelf-${s.value || 'all'}${shelf === s.value ? ' chip--on' : ''}`} onClick={() => setShelf(s.value)}>
              {s.label}
            </View>
          ))}
        </View>
        <View className="link goods-status-link" onClick={() => go('goodsStatus')}>
          库存核对 ›
        </View>
      </View>
      <View className="card">
        <PagedList
          list={list}
          empty={
            <Empty
              title={q || shelf ? '没有找到商品' : '商城里还没有商品'}
              text={q || shelf ? undefined : '把仓库里的商品上架到商城，顾客就能下单'}
              action={q || shelf || !canEdit ? undefined : <Button size="small" type="primary" className="add-first-goods" onClick={() => go('goodsEdit')}>上架商品</Button>}
            />
          }
        >
          {(item) => <GoodsRow key={item.id} item={item} />}
        </PagedList>
      </View>
      {canEdit ? (
        <View className="fab add-goods" style={{ bottom: '32px' }} onClick={() => go('goodsEdit')}>
          ＋
        </View>
      ) : null}
    </Screen>
  );
}
