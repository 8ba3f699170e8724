import { Input, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { bills } from '../../../api/bills';
import { ApiError, queryString } from '../../../api/client';
import { products } from '../../../api/master';
import type { Bill, Product, SaveBillRequest } from '../../../api/types';
import { DateField, SelectField, TextField } from '../../../components/Fields';
import { ImagePicker } from '../../../components/ImagePicker';
import { Button } from '../../../components/nut';
import { PaymentFields, usePayment } from '../../../components/PaymentFields';
import { ProductPicker } from '../../../components/ProductPicker';
import { Screen } from '../../../components/Screen';
import { Empty, Failed, LoadFailed, Loading } from '../../../components/StateView';
import { useAction } from '../../../hooks/useAction';
import { useCustomerPrices } from '../../../hooks/useCustomerPrices';
import { useFormGuard } from '../../../hooks/useFormGuard';
import { asOptions, defaultStockPoint, useOptions, useShopConfig } from '../../../hooks/useOptions';
import { useRecentParties } from '../../../hooks/useRecentParties';
import { useRemote } from '../../../hooks/useRemote';
import { checkBill, type Header, type LineDraft } from '../../../lib/bill-form';
import { amountDifference, lineAmount, sumAmounts, sumQuantities } from '../../../lib/decimal';
import { money, quantity, today } from '../../../lib/format';
import { DIRECTION_LABEL, type Direction } from '../../../lib/labels';
import { CAN_SCAN, scanBarcode } from '../../../lib/scan';
import { showStockWarnings } from '../../../lib/stock-messages';
import { ROUTES } from '../../../routes';
import { useSession } from '../../../state/session';

function headerOf(bill: Bill | null, copy = false): Header {
  return {
    billType: bill?.billType ?? '',
    // A copy (再来一单) is a new bill of today, with its own remarks.
    billDate: (!copy && bill?.billDate) || today(),
    stockPointId: bill?.stockPointId ?? '',
    partyId: (bill?.direction === 'in' ? bill.supplierId : bill?.customerId) ?? '',
    remarks: (!copy && bill?.remarks) || '',
    // A copy is a new deal: its receipts are its own too.
    attachments: (!copy && bill?.attachments) || [],
  };
}

function linesOf(bill: Bill | null): LineDraft[] {
  return (bill?.lines ?? []).map((line) => ({
    productId: line.productId,
    name: line.productName,
    unit: line.unit,
    code: line.productCode,
    quantity: quantity(line.quantity),
    // Stored with 4 places: shown as typed, 69.00 rather than 69.0000.
    unitPrice: line.unitPrice?.replace(/^(-?\d+\.\d\d\d*?)0+$/, '$1') ?? '',
    cost: line.unitCost ?? null,
  }));
}

/** `bill` is the draft being edited; `template`, a bill whose party and lines a new bill starts from (再来一单). */
function BillForm({ direction, bill, template }: { direction: Direction; bill: Bill | null; template: Bill | null }) {
  const { abilities } = useSession();
  const start = bill ?? template;
  const [header, setHeader] = useState<Header>(() => headerOf(start, !bill));
  const [lines, setLines] = useState<LineDraft[]>(() => linesOf(start));
  const [picking, setPicking] = useState(false);
  const [checkErrors, setCheckErrors] = useState<Record<string, string>>({});
  const payment = usePayment(bill);
  useCustomerPrices(direction === 'out' ? header.partyId : '', lines, setLines);
  const action = useAction();
  const config = useShopConfig();
  const points = useOptions('stockPoints');
  const parties = useOptions(direction === 'in' ? 'suppliers' : 'customers');
  // Only while the party is still to be chosen, and only on a new bill.
  const recentParties = useRecentParties(direction, !bill && !template);
  const defaultPoint = defaultStockPoint(points);
  const typeOptions = useMemo(
    () => asOptions(direction === 'in' ? config.data?.inboundTypes : config.data?.outboundTypes),
    [config.data, direction],
  );
  // Inbound prices are costs: staff who may not see costs neither see nor type them.
  const withPrices = direction === 'out' || abilities.seeCosts;

  const withDefaults = useCallback(
    (h: Header): Header => ({ ...h, billType: h.billType || typeOptions[0]?.value || '', stockPointId: h.stockPointId || defaultPoint || '' }),
    [typeOptions, defaultPoint],
  );
  useEffect(() => setHeader(withDefaults), [withDefaults]);
  const pristine = useMemo(() => ({ header: withDefaults(headerOf(start, !bill)), lines: linesOf(start) }), [withDefaults, start, bill]);
  const guard = useFormGuard({
    url: `${ROUTES.billEdit}${queryString(bill ? { id: bill.id } : template ? { direction, copyOf: template.id } : { direction })}`,
    value: { header, lines },
    pristine,
    restore: (kept) => {
      setHeader(kept.header);
      setLines(kept.lines);
    },
  });

  const setAttachments = (fileIds: string[]) =>
    setHeader((h) => ({ ...h, attachments: fileIds.map((fileId) => h.attachments.find((kept) => kept.fileId === fileId) ?? { fileId, name: '' }) }));
  const setField = (field: Exclude<keyof Header, 'attachments'>) => (value: string | null) => {
    setHeader((h) => ({ ...h, [field]: value ?? '' }));
    setCheckErrors(({ [field]: _cleared, ...rest }) => rest);
  };
  const setLine = (index: number, patch: Partial<LineDraft>) =>
    setLines((current) => current.map((line, i) => (i === index ? { ...line, ...patch } : line)));

  /** Adds one unit of a product: a new line, or one more on its line (scanning the same item again counts one more). */
  const stepProduct = (product: Product, delta: 1 | -1) => {
    setLines((current) => {
      const existing = current.find((line) => line.productId === product.id);
      if (existing) {
        const next = sumQuantities([existing.quantity, String(delta)]);
        return Number(next) > 0 ? current.map((line) => (line === existing ? { ...line, quantity: next } : line)) : current.filter((line) => line !== existing);
      }
      if (delta < 0) return current;
      const price = direction === 'in' ? product.inboundPrice : product.outboundPrice;
      const cost = product.avgCost ?? product.inboundPrice ?? null;
      return [...current, { productId: product.id, name: product.name, unit: product.unit, code: product.code, quantity: '1', unitPrice: price ?? '', cost }];
    });
    setCheckErrors(({ lines: _cleared, ...rest }) => rest);
  };
  const addProduct = (product: Product) => {
    setPicking(false);
    stepProduct(product, 1);
  };

  const scanToAdd = async () => {
    const code = await scanBarcode();
    if (!code) return;
    try {
      addProduct(await products.byCode(code));
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      void Taro.showToast({ title: error.status === 404 ? `未找到条码 ${code}` : error.message, icon: 'none' });
    }
  };

  const amounts = lines.map((line) => (withPrices ? lineAmount(line.quantity, line.unitPrice || '0') : null));
  const total = sumAmounts(amounts);
  // A sale's margin, estimated from what its goods cost now; the posted bill has the exact one.
  const costs = lines.map((line) => (line.cost === null ? null : lineAmount(line.quantity, line.cost)));
  const margin = direction === 'out' && abilities.seeCosts && costs.every((cost) => cost !== null) ? amountDifference(total, sumAmounts(costs)) : null;
  const pickedQuantities = useMemo(() => Object.fromEntries(lines.map((line) => [line.productId, line.quantity])), [lines]);
  const errors = { ...action.fieldErrors, ...checkErrors };
  const shortages = new Map(action.error?.shortages.map((s) => [s.productId, s]) ?? []);

  const save = (confirm: boolean) => {
    const found = checkBill(header, lines, withPrices);
    setCheckErrors(found);
    if (Object.keys(found).length > 0) {
      void Taro.showToast({ title: '请检查标红的内容', icon: 'none' });
      return;
    }
    const body: SaveBillRequest = {
      direction,
      billType: header.billType,
      billDate: header.billDate,
      stockPointId: header.stockPointId,
      ...(direction === 'in' ? { supplierId: header.partyId || null } : { customerId: header.partyId || null }),
      remarks: header.remarks.trim(),
      attachments: header.attachments,
      ...payment.body,
      lines: lines.map((line) => ({
        productId: line.productId,
        quantity: line.quantity.trim(),
        ...(withPrices ? { unitPrice: line.unitPrice.trim() || '0' } : {}),
      })) as SaveBillRequest['lines'],
      confirm,
    };
    void action.run(async (keyFor) => {
      // A draft being edited is saved first and then confirmed (or submitted) on its own; a retry
      // repeats both with the keys they had.
      const { direction: _direction, confirm: _confirm, ...changes } = body;
      const key = bill ? keyFor(['update', bill.id, changes]) : keyFor(['create', body]);
      const saved = bill ? await bills.update(bill.id, changes, key) : await bills.create(body, key);
      const done = bill && confirm ? await bills.act(bill.id, 'confirm', `${key}-confirm`) : saved;
      void Taro.showToast({ title: confirm ? (done.status === 'pending' ? '已提交审核' : '已确认') : '草稿已保存', icon: 'success' });
      await showStockWarnings(done);
      guard.release();
      void Taro.redirectTo({ url: `${ROUTES.billDetail}?id=${done.id}` });
    });
  };

  const label = DIRECTION_LABEL[direction];
  return (
    <>
      <LoadFailed remotes={[config, points, parties]} />
      <View className="card">
        <SelectField name="billType" label="单据类型" required value={header.billType || null} options={typeOptions} onChange={setField('billType')} error={errors.billType} />
        <DateField name="billDate" label="单据日期" required value={header.billDate} onChange={setField('billDate')} error={errors.billDate} />
        <SelectField
          name="partyId"
          label={direction === 'in' ? '供应商' : '客户'}
          clearable
          value={header.partyId || null}
          options={parties.options}
          onChange={setField('partyId')}
          error={errors.supplierId ?? errors.customerId}
        />
        {!header.partyId && recentParties.length > 0 ? (
          <View className="chips chips--line recent-parties">
            {recentParties.map((party) => (
              <View key={party.value} className="chip chip--small recent-party" onClick={() => setField('partyId')(party.value)}>
                {party.label}
              </View>
            ))}
          </View>
        ) : null}
        {abilities.manageStockPoints ? (
          <SelectField name="stockPointId" label="库存点" required value={header.stockPointId || null} options={points.options} onChange={setField('stockPointId')} error={errors.stockPointId} />
        ) : (
          <View className="field">
            <View className="field__row">
              <View className="field__label">库存点</View>
              <View className="field__value">{points.options.find((o) => o.value === header.stockPointId)?.label ?? '默认库存点'}</View>
            </View>
          </View>
        )}
      </View>

      <View className="card lines">
        <View className="card__title">
          {label}商品
          <View className="card__more">{lines.length} 种</View>
        </View>
        {lines.length === 0 ? <Empty title="还没有添加商品" text="点下方按钮搜索或扫码添加" /> : null}
        {lines.map((line, i) => {
          const shortage = shortages.get(line.productId);
          return (
            <View key={line.productId} className={`line-edit line-${i}`}>
              <View className="row">
                <View className="grow">
                  <View className="strong ellipsis">{line.name}</View>
                  <View className="muted">
                    {line.code ?? '无编码'} · {line.unit}
                  </View>
                </View>
                {amounts[i] !== undefined && amounts[i] !== null ? <View className="num strong line-amount">{money(amounts[i])}</View> : null}
                <View className="line-edit__remove" onClick={() => setLines((c) => c.filter((_, j) => j !== i))}>
                  移除
                </View>
              </View>
              <View className="line-edit__inputs">
                <View className="line-edit__box">
                  <View className="line-edit__cap">数量（{line.unit}）</View>
                  <Input className="input line-quantity" type="digit" value={line.quantity} onInput={(e) => setLine(i, { quantity: e.detail.value })} />
                </View>
                {withPrices ? (
                  <View className="line-edit__box">
                    <View className="line-edit__cap">单价（元）</View>
                    <Input className="input line-price" type="digit" value={line.unitPrice} placeholder="0.00" onInput={(e) => setLine(i, { unitPrice: e.detail.value })} />
                  </View>
                ) : null}
              </View>
              {errors[`lines.${i}.quantity`] ? <View className="field__error" style={{ marginLeft: 0 }}>{errors[`lines.${i}.quantity`]}</View> : null}
              {errors[`lines.${i}.unitPrice`] ? <View className="field__error" style={{ marginLeft: 0 }}>{errors[`lines.${i}.unitPrice`]}</View> : null}
              {shortage ? (
                <View className="field__error shortage" style={{ marginLeft: 0 }}>
                  库存不足：需要 {quantity(shortage.requested, line.unit)}
                  {shortage.available !== undefined ? `，可用 ${quantity(shortage.available, line.unit)}` : ''}
                </View>
              ) : null}
            </View>
          );
        })}
        {errors.lines ? <View className="field__error" style={{ marginLeft: 0 }}>{errors.lines}</View> : null}
        <View className="add-line">
          <View className="dashed add-line-button" onClick={() => setPicking(true)}>
            ＋ 搜索添加商品
          </View>
          {CAN_SCAN ? (
            <View className="dashed scan-line-button" onClick={() => void scanToAdd()}>
              扫码添加
            </View>
          ) : null}
        </View>
      </View>

      <View className="card">
        <TextField name="remarks" label="备注" multiline value={header.remarks} onChange={setField('remarks')} error={errors.remarks} placeholder="选填" />
        <ImagePicker
          name="attachments"
          label="票据图片"
          purpose="bill"
          max={9}
          value={header.attachments.map((attachment) => attachment.fileId)}
          onChange={setAttachments}
          error={errors.attachments ?? Object.entries(errors).find(([key]) => key.startsWith('attachments.'))?.[1]}
        />
      </View>

      {withPrices ? <PaymentFields direction={direction} total={total} hasParty={header.partyId !== ''} payment={payment} errors={errors} /> : null}

      <View className="actions actions--summary">
        <View className="actions__summary bill-summary">
          <View>
            {lines.length} 种 · 共 {sumQuantities(lines.map((l) => l.quantity))} {lines.length > 0 && lines.every((l) => l.unit === lines[0]!.unit) ? lines[0]!.unit : '件'}
          </View>
          <View>
            {margin !== null ? <View className="actions__margin bill-margin" style={{ display: 'inline' }}>毛利 {money(margin)}</View> : null}
            {withPrices ? (
              <View className="actions__total bill-total" style={{ display: 'inline' }}>
                {money(total)}
              </View>
            ) : null}
          </View>
        </View>
        <Button fill="outline" type="primary" className="save-draft" disabled={action.busy} onClick={() => save(false)}>
          存草稿
        </Button>
        <Button type="primary" className="save-confirm" loading={action.busy} onClick={() => save(true)}>
          {abilities.needsApproval ? '提交审核' : `确认${label}`}
        </Button>
      </View>
      <ProductPicker
        open={picking}
        onClose={() => setPicking(false)}
        onPick={addProduct}
        steps={{ quantities: pickedQuantities, onStep: stepProduct }}
        price={withPrices ? (direction === 'in' ? 'inboundPrice' : 'outboundPrice') : null}
      />
    </>
  );
}

export default function BillEditPage() {
  const { params } = useRouter();
  const id = params.id ?? null;
  const sourceId = id ?? params.copyOf ?? null;
  const bill = useRemote(() => (sourceId ? bills.get(sourceId) : Promise.resolve(null)), [sourceId]);
  const direction: Direction = bill.data?.direction ?? (params.direction === 'out' ? 'out' : 'in');
  useEffect(() => {
    void Taro.setNavigationBarTitle({ title: `${id ? '编辑' : '新建'}${DIRECTION_LABEL[direction]}单` });
  }, [id, direction]);
  return (
    <Screen className={`page-bill-edit page-bill-edit--${direction}`}>
      {bill.error ? <Failed error={bill.error} onRetry={() => void bill.reload()} /> : bill.loading ? <Loading /> : <BillForm direction={direction} bill={id ? bill.data : null} template={id ? null : bill.data} />}
    </Screen>
  );
}
