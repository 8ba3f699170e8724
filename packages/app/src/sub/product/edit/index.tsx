import { View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useEffect, useMemo, useState } from 'react';
import { queryString } from '../../../api/client';
import { categories as categoryApi, products } from '../../../api/master';
import { updateConfig } from '../../../api/shop';
import type { Product } from '../../../api/types';
import { AddOptionSheet } from '../../../components/AddOptionSheet';
import { HistoryLink } from '../../../components/HistoryLink';
import { ForecastCard } from '../../../components/ForecastCard';
import { ImagePicker } from '../../../components/ImagePicker';
import { SelectField, SwitchField, TextField } from '../../../components/Fields';
import { Scan } from '../../../components/icons';
import { Button } from '../../../components/nut';
import { Screen } from '../../../components/Screen';
import { Failed, LoadFailed, Loading } from '../../../components/StateView';
import { useAction } from '../../../hooks/useAction';
import { useForm } from '../../../hooks/useForm';
import { useFormGuard } from '../../../hooks/useFormGuard';
import { asOptions, useOptions, useShopConfig } from '../../../hooks/useOptions';
import { useRemote } from '../../../hooks/useRemote';
import { money, quantity } from '../../../lib/format';
import { CAN_SCAN, scanBarcode } from '../../../lib/scan';
import { decimal, maxLength, required } from '../../../lib/validate';
import { back, go, ROUTES } from '../../../routes';
import { useSession } from '../../../state/session';

const RULES = {
  name: [required, maxLength(80)],
  code: [maxLength(64)],
  unit: [required],
  specification: [maxLength(80)],
  imageUrl: [maxLength(500)],
  inboundPrice: [decimal(2)],
  outboundPrice: [decimal(2)],
  warningStock: [decimal(3)],
  moq: [decimal(3)],
  packSize: [decimal(3)],
  remarks: [maxLength(500)],
  openingQuantity: [decimal(3)],
  openingCost: [decimal(4)],
};

/** 50.000 as typed: 50. */
const trimZeros = (value: string) => value.replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, '');

/** The form's key for the product's price at one price level (代理价, 批发价, …). */
const levelKey = (levelId: string) => `level.${levelId}` as const;

type FixedField = keyof typeof RULES | 'categoryId' | 'supplierId' | 'isEnabled' | 'openingPoint';
type ProductFormValues = Record<FixedField, string> & Record<ReturnType<typeof levelKey>, string>;

function toForm(product: Product | null, code: string): ProductFormValues {
  return {
    name: product?.name ?? '',
    code: product?.code ?? code,
    categoryId: product?.categoryId ?? '',
    unit: product?.unit ?? '',
    specification: product?.specification ?? '',
    supplierId: product?.supplierId ?? '',
    imageUrl: product?.imageUrl ?? '',
    inboundPrice: product?.inboundPrice ?? '',
    outboundPrice: product?.outboundPrice ?? '',
    warningStock: product?.warningStock ?? '',
    moq: product && Number(product.moq) > 0 ? trimZeros(product.moq) : '',
    packSize: product && Number(product.packSize) > 0 ? trimZeros(product.packSize) : '',
    isEnabled: product ? String(product.isEnabled) : 'true',
    remarks: product?.remarks ?? '',
    // 期初库存: only a new product has it.
    openingQuantity: '',
    openingCost: '',
    openingPoint: '',
    ...Object.fromEntries((product?.prices ?? []).map((p) => [levelKey(p.priceLevelId), p.price])),
  };
}

/** What 保存并新增 carries to the next product: products entered one after another tend to share them. */
const CARRIED = ['categoryId', 'unit', 'supplierId'] as const;

function ProductForm({ product, code }: { product: Product | null; code: string }) {
  const { abilities } = useSession();
  const [carried, setCarried] = useState<Partial<Record<(typeof CARRIED)[number], string>>>({});
  const levels = useOptions('priceLevels');
  const otherLevels = useMemo(() => (levels.data?.items ?? []).filter((level) => !level.isDefault), [levels.data]);
  const rules = useMemo(() => ({ ...RULES, ...Object.fromEntries(otherLevels.map((level) => [levelKey(level.id), [decimal(2)]])) }), [otherLevels]);
  const form = useForm(toForm(product, code), rules);
  const action = useAction();
  const categories = useOptions('categories');
  const suppliers = useOptions('suppliers');
  const points = useOptions('stockPoints');
  // Stock it already has is entered with a new product by those who may post inbound bills.
  const withOpening = !product && abilities.inbound;
  const config = useShopConfig();
  const unitOptions = useMemo(() => asOptions(config.data?.units), [config.data]);
  const { set, values } = form;
  // A new product starts with the shop's first unit.
  const defaultUnit = product ? undefined : config.data?.units[0];
  useEffect(() => {
    if (defaultUnit && !values.unit) set('unit')(defaultUnit);
  }, [defaultUnit, values.unit, set]);
  const pristine = useMemo(() => {
    const initial = { ...toForm(product, code), ...carried };
    return defaultUnit && !initial.unit ? { ...initial, unit: defaultUnit } : initial;
  }, [product, code, defaultUnit, carried]);
  const guard = useFormGuard({
    url: `${ROUTES.productEdit}${queryString({ id: product?.id, code: product ? undefined : code })}`,
    value: values,
    pristine,
    restore: form.setValues,
  });

  const readOnly = !abilities.editProducts;
  // A category or unit missing from the choices is made here and selected, the form kept as it is.
  const [adding, setAdding] = useState<'category' | 'unit' | null>(null);
  const addOption = async (name: string) => {
    if (adding === 'category') {
      const created = await categoryApi.create({ name });
      await categories.reload();
      set('categoryId')(created.id);
    } else {
      await updateConfig({ units: [...(config.data?.units ?? []), name] });
      await config.reload();
      set('unit')(name);
    }
  };
  const errors = { ...action.fieldErrors, ...form.errors };

  /** Saves; `andNext` (a new product only) then clears the form for the next one instead of leaving. */
  const save = (andNext = false) => {
    if (!form.check()) return;
    const body = {
      name: values.name.trim(),
      code: values.code.trim() || null,
      categoryId: values.categoryId || null,
      unit: values.unit,
      specification: values.specification.trim(),
      supplierId: values.supplierId || null,
      imageUrl: values.imageUrl.trim(),
      // Staff who may not see inbound prices never send one, so they cannot overwrite it blindly.
      ...(abilities.seeCosts ? { inboundPrice: values.inboundPrice || '0' } : {}),
      outboundPrice: values.outboundPrice || '0',
      warningStock: values.warningStock || '0',
      moq: values.moq || '0',
      packSize: values.packSize || '0',
      isEnabled: values.isEnabled === 'true',
      remarks: values.remarks.trim(),
      // Sent only once the levels are known: an empty list would clear the product's prices.
      ...(levels.data
        ? {
            prices: otherLevels
              .filter((level) => (values[levelKey(level.id)] ?? '').trim() !== '')
              .map((level) => ({ priceLevelId: level.id, price: values[levelKey(level.id)]!.trim() })),
          }
        : {}),
      ...(withOpening && values.openingQuantity.trim() && Number(values.openingQuantity) !== 0
        ? {
            openingStock: {
              quantity: values.openingQuantity.trim(),
              ...(abilities.seeCosts && values.openingCost.trim() ? { unitCost: values.openingCost.trim() } : {}),
              ...(values.openingPoint ? { stockPointId: values.openingPoint } : {}),
            },
          }
        : {}),
    };
    void action.run(async (keyFor) => {
      if (product) await products.update(product.id, body);
      // A retried create (a lost answer, a double tap) makes the product and its opening stock once.
      else await products.create(body, keyFor(['create-product', body]));
      if (andNext) {
        const next = Object.fromEntries(CARRIED.map((field) => [field, values[field]])) as Partial<Record<(typeof CARRIED)[number], string>>;
        setCarried(next);
        form.setValues({ ...toForm(null, ''), ...next });
        void Taro.showToast({ title: `已保存“${body.name}”，继续新增`, icon: 'none' });
        void Taro.pageScrollTo({ scrollTop: 0, duration: 0 });
        return;
      }
      void Taro.showToast({ title: '已保存', icon: 'success' });
      guard.release();
      setTimeout(back, 600);
    });
  };

  const remove = () => {
    if (!product) return;
    void Taro.showModal({ title: '删除商品', content: `确定删除“${product.name}”？历史单据不受影响。` }).then(({ confirm }) => {
      if (!confirm) return;
      void action.run(async () => {
        await products.remove(product.id);
        guard.release();
        back();
      });
    });
  };

  if (readOnly && product) {
    return (
      <View className="card product-view">
        <View className="card__title">{product.name}</View>
        {[
          ['编码', product.code ?? '—'],
          ['分类', product.categoryName ?? '—'],
          ['单位', product.unit],
          ['规格', product.specification || '—'],
          ['供应商', product.supplierName ?? '—'],
          ['售价', money(product.outboundPrice)],
          ...otherLevels.map((level) => [level.name, values[levelKey(level.id)] ? money(values[levelKey(level.id)]!) : '同售价']),
          ...(product.inboundPrice !== undefined ? [['进价', money(product.inboundPrice)]] : []),
          ...(product.stockQuantity !== undefined ? [['库存', quantity(product.stockQuantity, product.unit)]] : []),
        ].map(([k, v]) => (
          <View key={k} className="kv">
            <View className="kv__k">{k}</View>
            <View className="kv__v">{v}</View>
          </View>
        ))}
      </View>
    );
  }

  return (
    <>
      <LoadFailed remotes={[categories, suppliers, config, levels]} />
      <View className="card">
        <TextField name="name" label="商品名称" required value={values.name} onChange={set('name')} error={errors.name} placeholder="如：云南古树红茶 250g" />
        <TextField
          name="code"
          label="编码/条码"
          value={values.code}
          onChange={set('code')}
          error={errors.code}
          placeholder={CAN_SCAN ? '扫码或手动输入' : '手动输入条码或编码'}
          suffix={
            CAN_SCAN ? (
              <View className="search__scan" onClick={() => void scanBarcode().then((scanned) => scanned && set('code')(scanned))}>
                <Scan size={16} /> 扫码
              </View>
            ) : null
          }
        />
        <SelectField name="categoryId" label="分类" clearable value={values.categoryId || null} options={categories.options} onChange={(v) => set('categoryId')(v ?? '')} error={errors.categoryId} />
        <View className="add-option add-category link" onClick={() => setAdding('category')}>＋ 新建分类</View>
        <SelectField name="unit" label="单位" required value={values.unit || null} options={unitOptions} onChange={(v) => set('unit')(v ?? '')} error={errors.unit} />
        {abilities.manageShop ? <View className="add-option add-unit link" onClick={() => setAdding('unit')}>＋ 新建单位</View> : null}
        <TextField name="specification" label="规格" value={values.specification} onChange={set('specification')} error={errors.specification} placeholder="如：250g/罐" />
        <SelectField name="supplierId" label="供应商" clearable value={values.supplierId || null} options={suppliers.options} onChange={(v) => set('supplierId')(v ?? '')} error={errors.supplierId} />
      </View>
      <View className="card">
        {abilities.seeCosts ? (
          <TextField name="inboundPrice" label="进货价" kind="decimal" value={values.inboundPrice} onChange={set('inboundPrice')} error={errors.inboundPrice} placeholder="0.00" />
        ) : null}
        <TextField name="outboundPrice" label="销售价" kind="decimal" value={values.outboundPrice} onChange={set('outboundPrice')} error={errors.outboundPrice} placeholder="0.00" />
        {otherLevels.map((level) => (
          <TextField
            key={level.id}
            name={`price-${level.id}`}
            label={level.name}
            kind="decimal"
            value={values[levelKey(level.id)] ?? ''}
            onChange={set(levelKey(level.id))}
            error={errors[levelKey(level.id)]}
            placeholder="不填则按销售价"
          />
        ))}
        <TextField name="warningStock" label="预警库存" kind="decimal" value={values.warningStock} onChange={set('warningStock')} error={errors.warningStock} placeholder="库存≤此数量时提醒，0 为不提醒" />
        <TextField name="moq" label="起订量" kind="decimal" value={values.moq} onChange={set('moq')} error={errors.moq} placeholder="供应商最少卖多少，选填" />
        <TextField name="packSize" label="每包/箱数量" kind="decimal" value={values.packSize} onChange={set('packSize')} error={errors.packSize} placeholder="按整包进货时填，选填" />
        <SwitchField name="isEnabled" label="启用" value={values.isEnabled === 'true'} onChange={(v) => set('isEnabled')(String(v))} />
      </View>
      {withOpening ? (
        <View className="card opening-stock">
          <View className="card__title">
            期初库存<View className="card__more">已有的货，保存时记一张期初入库单</View>
          </View>
          <TextField name="openingQuantity" label={`数量（${values.unit || '单位'}）`} kind="decimal" value={values.openingQuantity} onChange={set('openingQuantity')} error={errors.openingQuantity ?? errors['openingStock.quantity']} placeholder="没有可不填" />
          {abilities.seeCosts ? (
            <TextField name="openingCost" label="成本单价" kind="decimal" value={values.openingCost} onChange={set('openingCost')} error={errors.openingCost ?? errors['openingStock.unitCost']} placeholder="不填则按进货价" />
          ) : null}
          {abilities.manageStockPoints && points.options.length > 1 ? (
            <SelectField name="openingPoint" label="库存点" clearable placeholder="默认库存点" value={values.openingPoint || null} options={points.options} onChange={(v) => set('openingPoint')(v ?? '')} error={errors['openingStock.stockPointId']} />
          ) : null}
        </View>
      ) : null}
      <View className="card">
        <ImagePicker name="imageUrl" label="商品图片" purpose="product" max={1} value={values.imageUrl ? [values.imageUrl] : []} onChange={(list) => set('imageUrl')(list[0] ?? '')} error={errors.imageUrl} />
        <TextField name="remarks" label="备注" multiline value={values.remarks} onChange={set('remarks')} error={errors.remarks} />
      </View>
      {product && abilities.seeStock ? (
        <View className="card card--tap go-ledger" onClick={() => go('productLedger', { id: product.id, name: product.name })}>
          <View className="row">
            <View>库存流水</View>
            <View className="muted">
              {product.stockQuantity !== undefined ? `当前 ${quantity(product.stockQuantity, product.unit)}` : ''} ›
            </View>
          </View>
        </View>
      ) : null}
      {product && abilities.isOwner ? <ForecastCard productId={product.id} unit={product.unit} /> : null}
      {product ? <HistoryLink entity="product" id={product.id} name={product.name} /> : null}
      <AddOptionSheet noun={adding === 'unit' ? '单位' : '分类'} open={adding !== null} onClose={() => setAdding(null)} add={addOption} />
      <View className="actions">
        {product ? (
          <Button fill="outline" type="danger" onClick={remove} disabled={action.busy}>
            删除
          </Button>
        ) : null}
        {product ? null : (
          <Button className="save-product-next" fill="outline" type="primary" disabled={action.busy} onClick={() => save(true)}>
            保存并新增
          </Button>
        )}
        <Button className="save-product" type="primary" loading={action.busy} onClick={() => save()}>
          保存
        </Button>
      </View>
    </>
  );
}

export default function ProductEditPage() {
  const { params } = useRouter();
  const id = params.id ?? null;
  const product = useRemote(() => (id ? products.get(id) : Promise.resolve(null)), [id]);
  useEffect(() => {
    void Taro.setNavigationBarTitle({ title: id ? '商品资料' : '新增商品' });
  }, [id]);
  return (
    <Screen className="page-product-edit">
      {product.error ? (
        <Failed error={product.error} onRetry={() => void product.reload()} />
      ) : product.loading ? (
        <Loading />
      ) : (
        <ProductForm product={product.data} code={decodeURIComponent(params.code ?? '')} />
      )}
    </Screen>
  );
}
