import { Input, View } from '@tarojs/components';
import { useState } from 'react';
import type { Product } from '../api/types';
import { ProductPicker } from './ProductPicker';
import { Empty } from './StateView';

export interface QuantityLine {
  productId: string;
  name: string;
  unit: string;
  quantity: string;
}

/** Product lines with one quantity each: transfers and stocktakes. */
export function QuantityLines({ title, caption, lines, onChange, errors }: { title: string; caption: string; lines: QuantityLine[]; onChange: (lines: QuantityLine[]) => void; errors: Record<string, string> }) {
  const [picking, setPicking] = useState(false);
  const add = (product: Product) => {
    setPicking(false);
    if (lines.some((l) => l.productId === product.id)) return;
    onChange([...lines, { productId: product.id, name: product.name, unit: product.unit, quantity: '' }]);
  };
  return (
    <View className="card lines">
      <View className="card__title">{title}<View className="card__more">{lines.length} 种</View></View>
      {lines.length === 0 ? <Empty title="还没有添加商品" /> : null}
      {lines.map((line, i) => (
        <View key={line.productId} className={`line-edit line-${i}`}>
          <View className="row">
            <View className="grow strong ellipsis">{line.name}</View>
            <View className="line-edit__remove" onClick={() => onChange(lines.filter((_, j) => j !== i))}>移除</View>
          </View>
          <View className="line-edit__inputs">
            <View className="line-edit__box">
              <View className="line-edit__cap">{caption}（{line.unit}）</View>
              <Input className="input line-quantity" type="digit" value={line.quantity} onInput={(e) => onChange(lines.map((l, j) => (j === i ? { ...l, quantity: e.detail.value } : l)))} />
            </View>
          </View>
          {errors[`lines.${i}.quantity`] ?? errors[`lines.${i}.countedQuantity`] ? (
            <View className="field__error" style={{ marginLeft: 0 }}>{errors[`lines.${i}.quantity`] ?? errors[`lines.${i}.countedQuantity`]}</View>
          ) : null}
        </View>
      ))}
      {errors.lines ? <View className="field__error" style={{ marginLeft: 0 }}>{errors.lines}</View> : null}
      <View className="add-line">
        <View className="dashed" onClick={() => setPicking(true)}>＋ 添加商品</View>
      </View>
      <ProductPicker open={picking} onClose={() => setPicking(false)} onPick={add} price={null} />
    </View>
  );
}

/** Quantities must be numbers with at most 3 decimals; `allowZero` for counted stock. */
export function checkQuantityLines(lines: QuantityLine[], allowZero: boolean): Record<string, string> {
  const errors: Record<string, string> = {};
  if (lines.length === 0) errors.lines = '请至少添加一个商品';
  lines.forEach((line, i) => {
    const ok = /^\d{1,15}(\.\d{1,3})?$/.test(line.quantity.trim()) && (allowZero || Number(line.quantity) > 0);
    if (!ok) errors[`lines.${i}.quantity`] = allowZero ? '请输入实盘数量' : '数量须大于 0，最多 3 位小数';
  });
  return errors;
}
