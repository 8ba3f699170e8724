import { View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useEffect, useMemo, useState } from 'react';
import { queryString } from '../../../api/client';
import { goods as goodsApi } from '../../../api/orders';
import type { Goods, GoodsInput, Product } from '../../../api/types';
import { SwitchField, TextField } from '../../../components/Fields';
import { ImagePicker } from '../../../components/ImagePicker';
import { Button } from '../../../components/nut';
import { ProductPicker } from '../../../components/ProductPicker';
import { Screen } from '../../../components/Screen';
import { RemoteView } from '../../../components/StateView';
import { useAction } from '../../../hooks/useAction';
import { useForm } from '../../../hooks/useForm';
import { useFormGuard } from '../../../hooks/useFormGuard';
import { useRemote } from '../../../hooks/useRemote';
import { sumQuantities } from '../../../lib/decimal';
import { quantity } from '../../../lib/format';
import { orderProblem } from '../../../lib/orders';
import { decimal, maxLength, required, type Rule } from '../../../lib/validate';
import { back, ROUTES } from '../../../routes';

type Values = {
  source: 'product' | 'own';
  productId: string;
  productName: string;
  title: string;
  price: string;
  images: string;
  description: string;
  onShelf: string;
  sortOrder: string;
  maxPerOrder: string;
  ownStock: string;
};

/** The own count is not sent back by the server: what can be sold plus what orders hold is what there is. */
function ownCount(item: Goods): string {
  return quantity(sumQuantities([item.availableQuantity, item.reservedQuantity]));
}

function toValues(item: Goods | null): Values {
  if (!item) {
    return { source: 'product', productId: '', productName: '', title: '', price: '', images: '', description: '', onShelf: 'true', sortOrder: '0', maxPerOrder: '0', ownStock: '0' };
  }
  return {
    source: item.productId ? 'product' : 'own',
    productId: item.productId ?? '',
    productName: item.productName ?? '',
    title: item.title,
    price: item.price,
    images: item.images.join('\n'),
    description: item.description,
    onShelf: String(item.onShelf),
    sortOrder: String(item.sortOrder),
    maxPerOrder: quantity(item.maxPerOrder),
    ownStock: item.productId ? '0' : ownCount(item),
  };
}

const imageLines = (text: string) =>
  text
    .split(/\s*\n\s*/)
    .map((line) => line.trim())
    .filter(Boolean);

const imagesRule: Rule = (text) => {
  const lines = imageLines(text);
  if (lines.length > 9) return '最多 9 张图片';
  const bad = lines.findIndex((line) => !/^https?:\/\/\S+$/.test(line) && !line.startsWith('/'));
  return bad >= 0 ? `第 ${bad + 1} 张不是图片地址（以 http:// 或 https:// 开头）` : null;
};

const RULES: Partial<Record<keyof Values, Rule[]>> = {
  title: [required, maxLength(100)],
  price: [required, decimal(2)],
  images: [imagesRule],
  description: [maxLength(2000)],
  sortOrder: [decimal(0)],
  maxPerOrder: [decimal(3)],
  ownStock: [decimal(3)],
};

function toBody(values: Values): GoodsInput {
  const linked = values.source === 'product';
  return {
    productId: linked ? values.productId || null : null,
    title: values.title.trim(),
    price: values.price.trim(),
    images: imageLines(values.images),
    description: values.description.trim(),
    onShelf: values.onShelf === 'true',
    sortOrder: Number(values.sortOrder.trim() || '0'),
    maxPerOrder: values.maxPerOrder.trim() || '0',
    ...(linked ? {} : { ownStock: values.ownStock.trim() || '0' }),
  };
}

/** The server names the pictures images.0, images.1 …: they belong under the one picker. */
function withImageErrors(errors: Record<string, string>): Record<string, string> {
  const imageKey = Object.keys(errors).find((key) => key.startsWith('images.'));
  if (!imageKey || errors.images) return errors;
  return { ...errors, images: `第 ${Number(imageKey.split('.')[1]) + 1} 张：${errors[imageKey]}` };
}

function GoodsForm({ item }: { item: Goods | null }) {
  const pristine = useMemo(() => toValues(item), [item]);
  const form = useForm<Values>(pristine, RULES);
  const action = useAction();
  const [picking, setPicking] = useState(false);
  const [productError, setProductError] = useState('');
  const v = form.values;
  const errors = withImageErrors({ ...action.fieldErrors, ...form.errors });
  const guard = useFormGuard({ url: `${ROUTES.goodsEdit}${queryString({ id: item?.id })}`, value: v, pristine, restore: form.setValues });

  const pick = (product: Product) => {
    setPicking(false);
    setProductError('');
    form.setValues((current) => ({
      ...current,
      productId: product.id,
      productName: product.name,
      // A new goods item starts as the product: its name and selling price.
      title: current.title || product.name,
      price: current.price || (product.outboundPrice ?? ''),
    }));
  };
  const save = () => {
    const ok = form.check();
    if (v.source === 'product' && !v.productId) {
      setProductError('请选择仓库商品，或改为独立库存');
      return;
    }
    if (!ok) return;
    void action.run(async () => {
      if (item) await goodsApi.update(item.id, toBody(v));
      else await goodsApi.create(toBody(v));
      void Taro.showToast({ title: '已保存', icon: 'success' });
      guard.release();
      setTimeout(back, 600);
    });
  };
  const remove = () => {
    if (!item) return;
    void Taro.showModal({ title: '删除商品', content: `确定从商城删除“${item.title}”？仓库里的商品和库存不受影响。` }).then(({ confirm }) => {
      if (!confirm) return;
      void action.run(async () => {
        await goodsApi.remove(item.id);
        guard.release();
        back();
      });
    });
  };
  const problem = action.error && action.error.code !== 'VALIDATION_FAILED' ? orderProblem(action.error) : null;

  return (
    <>
      <View className="card">
        <View className="card__title">库存来源</View>
        <View className="seg goods-source-seg">
          {(
            [
              ['product', '关联仓库商品'],
              ['own', '独立库存'],
            ] as const
          ).map(([source, label]) => (
            <View key={source} className={`seg__item source-${source}${v.source === source ? ' seg__item--on' : ''}`} onClick={() => form.set('source')(source)}>
              {label}
            </View>
          ))}
        </View>
        {v.source === 'product' ? (
          <>
            <View className={`field field-product${productError || errors.productId ? ' field--error' : ''}`}>
              <View className="field__row">
                <View className="field__label field__label--required">仓库商品</View>
                <View className="field__value row pick-product" onClick={() => setPicking(true)}>
                  <View className={v.productName ? 'ellipsis' : 'field__placeholder'}>{v.productName || '选择商品'}</View>
                  <View className="chevron">›</View>
                </View>
              </View>
              {productError || errors.productId ? (
                <View className="field__error">{productError || errors.productId}</View>
              ) : (
                <View className="field__hint">卖的是这件商品在默认库存点的库存，减去未付款订单的占用</View>
              )}
            </View>
            <ProductPicker open={picking} onClose={() => setPicking(false)} onPick={pick} price="outboundPrice" />
          </>
        ) : (
          <TextField name="ownStock" label="可售数量" kind="decimal" value={v.ownStock} onChange={form.set('ownStock')} error={errors.ownStock} hint="不关联仓库商品时，商城自己记这个数" />
        )}
      </View>
      <View className="card">
        <TextField name="title" label="标题" required value={v.title} onChange={form.set('title')} placeholder="顾客看到的名称" error={errors.title} />
        <TextField name="price" label="价格" required kind="decimal" value={v.price} onChange={form.set('price')} placeholder="0.00" error={errors.price} />
        <ImagePicker name="images" label="图片" purpose="goods" max={9} value={imageLines(v.images)} onChange={(list) => form.set('images')(list.join('\n'))} error={errors.images} />
        <TextField name="description" label="描述" multiline value={v.description} onChange={form.set('description')} placeholder="选填" error={errors.description} />
        <SwitchField name="onShelf" label="上架" value={v.onShelf === 'true'} onChange={(on) => form.set('onShelf')(String(on))} hint={v.onShelf === 'true' ? '顾客能看到并下单' : '顾客看不到'} />
        <TextField name="sortOrder" label="排序" kind="integer" value={v.sortOrder} onChange={form.set('sortOrder')} hint="数字越小越靠前" error={errors.sortOrder} />
        <TextField name="maxPerOrder" label="每单限购" kind="decimal" value={v.maxPerOrder} onChange={form.set('maxPerOrder')} hint="0 表示不限" error={errors.maxPerOrder} />
      </View>
      {problem ? <View className="card field__error goods-error" style={{ marginLeft: 0 }}>{problem}</View> : null}
      <View className="actions">
        {item ? (
          <Button fill="outline" type="danger" className="delete-goods" disabled={action.busy} onClick={remove}>
            删除
          </Button>
        ) : null}
        <Button type="primary" className="save-goods" loading={action.busy} onClick={save}>
          保存
        </Button>
      </View>
    </>
  );
}

export default function GoodsEditPage() {
  const { params } = useRouter();
  const id = params.id ?? null;
  const record = useRemote(() => (id ? goodsApi.get(id) : Promise.resolve(null)), [id]);
  useEffect(() => {
    void Taro.setNavigationBarTitle({ title: id ? '编辑商品' : '上架商品' });
  }, [id]);
  return (
    <Screen className="page-goods-edit">
      {id ? <RemoteView remote={record}>{(item) => <GoodsForm item={item} />}</RemoteView> : <GoodsForm item={null} />}
    </Screen>
  );
}
