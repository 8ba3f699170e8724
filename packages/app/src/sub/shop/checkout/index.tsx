import { View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { ApiError } from '../../../api/client';
import { randomKey } from '../../../api/idempotency';
import { TextField } from '../../../components/Fields';
import { Button } from '../../../components/nut';
import { Empty, Failed, Loading } from '../../../components/StateView';
import { useAction } from '../../../hooks/useAction';
import { useRemote } from '../../../hooks/useRemote';
import { lineAmount } from '../../../lib/decimal';
import { money, quantity } from '../../../lib/format';
import { store, type SavedAddress } from '../../../storefront/api';
import { cartTotal, checkoutDone, countOf, maxQuantity, pickedAddress, readCheckout, type CartLine, type CheckoutDraft } from '../../../storefront/cart';
import { goShop, shopUrl } from '../../../storefront/routes';
import { LineImage, PaymentNote, ShopScreen } from '../../../storefront/ShopScreen';
import './index.css';

/** Why the server refused one line, and the one tap that makes the line acceptable. */
interface Refusal {
  text: string;
  fix: 'price' | 'quantity' | 'remove';
  /** For a shortage: what may be bought. */
  available?: number;
}

const FIX_LABEL = { price: '更新价格', quantity: '更新数量', remove: '移除' } as const;

/** Per line index, from a refused order (409 INSUFFICIENT_STOCK, or 400 VALIDATION_FAILED naming lines.N.*). */
function refusalsOf(error: ApiError, lines: CartLine[]): Record<number, Refusal> {
  const found: Record<number, Refusal> = {};
  for (const shortage of error.code === 'INSUFFICIENT_STOCK' && Array.isArray(error.details) ? (error.details as Array<{ field?: string; available?: string }>) : []) {
    const index = Number(/^lines\.(\d+)\./.exec(shortage.field ?? '')?.[1]);
    if (!Number.isInteger(index)) continue;
    const available = Math.floor(Number(shortage.available ?? 0));
    found[index] = available > 0 ? { text: `库存不足，只能买 ${available}`, fix: 'quantity', available } : { text: '已售罄', fix: 'remove' };
  }
  for (const [field, message] of Object.entries(error.fieldErrors)) {
    const match = /^lines\.(\d+)\.(unitPrice|goodsId|quantity)$/.exec(field);
    if (!match || !lines[Number(match[1])]) continue;
    const fix = match[2] === 'unitPrice' ? 'price' : match[2] === 'goodsId' ? 'remove' : 'quantity';
    found[Number(match[1])] = { text: message, fix };
  }
  return found;
}

function Checkout({ shopId }: { shopId: string }) {
  const [draft, setDraft] = useState<CheckoutDraft | null>(() => readCheckout(shopId));
  const addresses = useRemote(() => store.addresses(shopId), [shopId]);
  const [addressId, setAddressId] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const [refusals, setRefusals] = useState<Record<number, Refusal>>({});
  // One key for this checkout: a double tap, or a retry after a lost answer, gives back the one order placed.
  const [key] = useState(randomKey);
  const action = useAction();
  const fixing = useAction();

  useDidShow(() => {
    const picked = pickedAddress(shopId);
    if (picked) setAddressId(picked);
    void addresses.reload();
  });
  const items = addresses.data?.items ?? [];
  const address: SavedAddress | undefined = items.find((item) => item.id === addressId) ?? items.find((item) => item.isDefault) ?? items[0];

  const lines = draft?.lines ?? [];
  useEffect(() => {
    if (action.error) setRefusals(refusalsOf(action.error, lines));
    // Only a new refusal recomputes; fixing a line clears its own entry.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [action.error]);

  if (!draft || lines.length === 0) {
    return <Empty title="没有要结算的商品" action={<Button size="small" type="primary" onClick={() => goShop('home', shopId)}>去逛逛</Button>} />;
  }

  const change = (next: CartLine[], index: number) => {
    setDraft({ ...draft, lines: next });
    setRefusals((current) => {
      const rest: Record<number, Refusal> = {};
      // Removing a line moves the lines after it up by one.
      for (const [at, refusal] of Object.entries(current)) {
        const n = Number(at);
        if (n === index) continue;
        rest[next.length < lines.length && n > index ? n - 1 : n] = refusal;
      }
      return rest;
    });
  };
  const fix = (index: number, refusal: Refusal) => {
    const line = lines[index]!;
    if (refusal.fix === 'remove') {
      change(lines.filter((_, at) => at !== index), index);
      return;
    }
    void fixing.run(async () => {
      const goods = await store.goodsItem(shopId, line.goodsId);
      const max = maxQuantity({ available: goods.availableQuantity, maxPerOrder: goods.maxPerOrder });
      const wanted = refusal.fix === 'quantity' ? Math.min(refusal.available ?? max, max) : Math.min(line.quantity, max);
      if (wanted < 1) {
        change(lines.filter((_, at) => at !== index), index);
        void Taro.showToast({ title: `「${line.title}」已售罄，已移除`, icon: 'none' });
        return;
      }
      change(
        lines.map((other, at) => (at === index ? { ...other, price: goods.price, quantity: wanted, available: goods.availableQuantity, maxPerOrder: goods.maxPerOrder } : other)),
        index,
      );
    });
  };

  const submit = () => {
    if (!address) {
      void Taro.showToast({ title: '请先添加收货地址', icon: 'none' });
      return;
    }
    void action.run(async () => {
      const order = await store.placeOrder(
        shopId,
        { lines: lines.map((line) => ({ goodsId: line.goodsId, quantity: String(line.quantity), unitPrice: line.price })), addressId: address.id, note: note.trim() },
        key,
      );
      checkoutDone(shopId, draft);
      void Taro.redirectTo({ url: shopUrl('order', shopId, { id: order.id }) });
    });
  };
  const general = action.error && Object.keys(refusals).length === 0 ? (action.error.fieldErrors.lines ?? (action.error.code === 'VALIDATION_FAILED' ? null : action.error.message)) : null;

  return (
    <>
      <View className="card card--tap address-pick checkout-address" onClick={() => goShop('addresses', shopId, { pick: 1 })}>
        {addresses.error && !addresses.data ? (
          <Failed error={addresses.error} onRetry={() => void addresses.reload()} />
        ) : !addresses.data ? (
          <Loading />
        ) : address ? (
          <View className="address-pick__main">
            <View className="address-name">
              {address.name} {address.phone}
            </View>
            <View className="address-text">
              {address.region} {address.detail}
            </View>
          </View>
        ) : (
          <View className="address-pick__main link add-address">＋ 添加收货地址</View>
        )}
        <View className="chevron">›</View>
      </View>
      {action.fieldErrors.addressId ? <View className="auth__error">收货地址已删除，请重新选择</View> : null}
      <View className="card">
        {lines.map((line, index) => (
          <View key={line.goodsId} className="cart-line checkout-line">
            <LineImage line={line} />
            <View className="cart-line__main">
              <View className="ellipsis">{line.title}</View>
              <View className="cart-line__foot">
                <View className="muted">
                  {money(line.price)} × {quantity(String(line.quantity))}
                </View>
                <View className="strong num">{money(lineAmount(String(line.quantity), line.price))}</View>
              </View>
              {refusals[index] ? (
                <View className="line-refusal">
                  <View>{refusals[index].text}</View>
                  <View className={`line-refusal__fix fix-${refusals[index].fix}`} onClick={() => fix(index, refusals[index]!)}>
                    {FIX_LABEL[refusals[index].fix]}
                  </View>
                </View>
              ) : null}
            </View>
          </View>
        ))}
      </View>
      <View className="card">
        <TextField name="note" label="备注" placeholder="选填：给店家的话" value={note} onChange={setNote} multiline />
      </View>
      {general ? <View className="auth__error order-refused">{general}</View> : null}
      <PaymentNote shopId={shopId} />
      <View className="bar">
        <View className="bar__total">
          共 {countOf(lines)} 件，合计<View className="bar__amount num checkout-total" style={{ display: 'inline' }}>{money(cartTotal(lines))}</View>
        </View>
        <View className="bar__buttons">
          <Button type="primary" className="place-order" loading={action.busy} disabled={fixing.busy} onClick={submit}>
            提交订单
          </Button>
        </View>
      </View>
    </>
  );
}

export default function ShopCheckoutPage() {
  return (
    <ShopScreen name="page-shop-checkout" className="shop--footer">
      {(shopId) => <Checkout shopId={shopId} />}
    </ShopScreen>
  );
}
