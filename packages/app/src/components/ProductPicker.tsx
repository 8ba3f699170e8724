import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useCallback, useState } from 'react';
import { ApiError } from '../api/client';
import { products } from '../api/master';
import type { Product } from '../api/types';
import { useRemote } from '../hooks/useRemote';
import { money, quantity } from '../lib/format';
import { SearchBar } from './SearchBar';
import { Sheet } from './Sheet';
import { Empty, Failed, Loading } from './StateView';

interface Props {
  open: boolean;
  onClose: () => void;
  onPick: (product: Product) => void;
  /** Which price to show next to each product. */
  price: 'inboundPrice' | 'outboundPrice' | null;
}

/** Finds a product by name, code or a scanned barcode. */
export function ProductPicker({ open, onClose, onPick, price }: Props) {
  const [q, setQ] = useState('');
  const found = useRemote(() => (open ? products.list({ q, pageSize: 30, isEnabled: 'true' }) : Promise.resolve(null)), [q, open]);
  const onScan = useCallback(
    (code: string) => {
      products.byCode(code).then(onPick, (error: unknown) => {
        if (error instanceof ApiError) void Taro.showToast({ title: error.status === 404 ? `未找到条码 ${code}` : error.message, icon: 'none' });
      });
    },
    [onPick],
  );
  return (
    <Sheet title="选择商品" open={open} onClose={onClose}>
      <SearchBar value={q} onSearch={setQ} onScan={onScan} placeholder="名称 / 编码 / 条码" />
      {found.error ? (
        <Failed error={found.error} onRetry={() => void found.reload()} />
      ) : !found.data ? (
        <Loading />
      ) : found.data.items.length === 0 ? (
        <Empty title="没有找到商品" text="换个关键词试试" />
      ) : (
        found.data.items.map((product) => (
          <View key={product.id} className="option product-option" onClick={() => onPick(product)}>
            <View className="grow">
              <View className="ellipsis">{product.name}</View>
              <View className="muted">
                {product.code ?? '无编码'} · {product.stockQuantity !== undefined ? `库存 ${quantity(product.stockQuantity, product.unit)}` : product.unit}
              </View>
            </View>
            {price && product[price] !== undefined ? <View className="sub num">{money(product[price])}</View> : null}
          </View>
        ))
      )}
    </Sheet>
  );
}
