import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useCallback, useState } from 'react';
import { ApiError } from '../api/client';
import { products } from '../api/master';
import type { Product } from '../api/types';
import { useRemote } from '../hooks/useRemote';
import { sumQuantities } from '../lib/decimal';
import { money, quantity } from '../lib/format';
import { Button } from './nut';
import { SearchBar } from './SearchBar';
import { Sheet } from './Sheet';
import { Empty, Failed, Loading } from './StateView';

/** Picking several products at once: each row has a stepper bound to the quantity already chosen. */
export interface PickerSteps {
  /** Chosen quantity by product id; a product not in it has none. */
  quantities: Record<string, string>;
  /** +1 or −1 (to zero removes the product). */
  onStep: (product: Product, delta: 1 | -1) => void;
}

interface Props {
  open: boolean;
  onClose: () => void;
  /** One product per opening; without `steps`, picking one closes the sheet's work. */
  onPick: (product: Product) => void;
  /** Which price to show next to each product. */
  price: 'inboundPrice' | 'outboundPrice' | null;
  steps?: PickerSteps;
}

function Stepper({ product, steps }: { product: Product; steps: PickerSteps }) {
  const chosen = steps.quantities[product.id];
  return (
    <View className="stepper" onClick={(e) => e.stopPropagation()}>
      {chosen ? (
        <>
          <View className="stepper__button stepper__minus" onClick={() => steps.onStep(product, -1)}>
            −
          </View>
          <View className="stepper__value num">{chosen}</View>
        </>
      ) : null}
      <View className="stepper__button stepper__button--add stepper__plus" onClick={() => steps.onStep(product, 1)}>
        ＋
      </View>
    </View>
  );
}

/** Finds products by name, code or a scanned barcode; with `steps`, several in one go. */
export function ProductPicker({ open, onClose, onPick, price, steps }: Props) {
  const [q, setQ] = useState('');
  const found = useRemote(() => (open ? products.list({ q, pageSize: 30, isEnabled: 'true' }) : Promise.resolve(null)), [q, open]);
  const onScan = useCallback(
    (code: string) => {
      products.byCode(code).then((product) => (steps ? steps.onStep(product, 1) : onPick(product)), (error: unknown) => {
        if (error instanceof ApiError) void Taro.showToast({ title: error.status === 404 ? `未找到条码 ${code}` : error.message, icon: 'none' });
      });
    },
    [onPick, steps],
  );
  const chosen = steps ? Object.values(steps.quantities) : [];
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
          <View
            key={product.id}
            className={`option product-option${steps?.quantities[product.id] ? ' option--on' : ''}`}
            onClick={() => (steps ? steps.onStep(product, 1) : onPick(product))}
          >
            <View className="grow">
              <View className="ellipsis">{product.name}</View>
              <View className="muted">
                {product.code ?? '无编码'} · {product.stockQuantity !== undefined ? `库存 ${quantity(product.stockQuantity, product.unit)}` : product.unit}
                {price && product[price] !== undefined ? ` · ${money(product[price])}` : ''}
              </View>
            </View>
            {steps ? <Stepper product={product} steps={steps} /> : null}
          </View>
        ))
      )}
      {steps ? (
        <View className="picker-footer">
          <View className="grow">
            已选 <View className="strong num picker-count" style={{ display: 'inline' }}>{chosen.length}</View> 种，共 {sumQuantities(chosen)} 件
          </View>
          <Button type="primary" size="small" className="picker-done" onClick={onClose}>
            选好了
          </Button>
        </View>
      ) : null}
    </Sheet>
  );
}
