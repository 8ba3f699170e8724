import { View } from '@tarojs/components';
import { goods as goodsApi } from '../../../api/orders';
import type { GoodsStatus } from '../../../api/types';
import { Screen } from '../../../components/Screen';
import { Empty, RemoteView } from '../../../components/StateView';
import { useRemote } from '../../../hooks/useRemote';
import { quantity } from '../../../lib/format';
import { go } from '../../../routes';

type Item = GoodsStatus['items'][number];

function StatusRow({ item }: { item: Item }) {
  return (
    <View className={`list-item goods-check${item.problem ? ' goods-check--problem' : ''}`} onClick={() => go('goodsEdit', { id: item.goodsId })}>
      <View className="list-item__main">
        <View className="row" style={{ justifyContent: 'flex-start' }}>
          <View className="list-item__title ellipsis">{item.title}</View>
          <View className={`badge ${item.onShelf ? 'badge--in' : 'badge--muted'}`}>{item.onShelf ? '在架' : '下架'}</View>
        </View>
        <View className="list-item__meta ellipsis">{item.productName ? `仓库商品：${item.productName}` : '独立库存'}</View>
        <View className="list-item__meta">
          库存 <View className="num" style={{ display: 'inline' }}>{quantity(item.stockQuantity)}</View> · 占用{' '}
          <View className="num" style={{ display: 'inline' }}>{quantity(item.reservedQuantity)}</View> · 可售{' '}
          <View className="num strong" style={{ display: 'inline' }}>{quantity(item.availableQuantity)}</View>
        </View>
        {item.problem ? <View className="danger goods-problem">{item.problem}</View> : null}
      </View>
      <View className="chevron">›</View>
    </View>
  );
}

/** 库存核对: each goods item against the warehouse stock and what unpaid orders hold, problems first. */
export default function GoodsStatusPage() {
  const status = useRemote(() => goodsApi.status(), []);
  return (
    <Screen className="page-goods-status">
      <RemoteView remote={status}>
        {(data) => {
          const problems = data.items.filter((item) => item.problem).length;
          return (
            <>
              <View className={`card goods-check-summary${problems ? ' danger' : ''}`}>
                {data.items.length === 0 ? '商城里还没有商品' : problems ? `${problems} 件商品需要处理` : '全部商品的库存都对得上'}
                <View className="muted">按当前库存实时核对 · 可售 = 库存 − 未付款订单占用</View>
              </View>
              <View className="card">
                {data.items.length === 0 ? <Empty title="没有可核对的商品" /> : data.items.map((item) => <StatusRow key={item.goodsId} item={item} />)}
              </View>
            </>
          );
        }}
      </RemoteView>
    </Screen>
  );
}
