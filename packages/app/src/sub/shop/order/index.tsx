import { View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { orderStatusLabel, orderActions } from '@xiaocang/domain/orders';
import { useEffect, useState } from 'react';
import { TextField } from '../../../components/Fields';
import { Button } from '../../../components/nut';
import { Sheet } from '../../../components/Sheet';
import { RemoteView } from '../../../components/StateView';
import { useAction } from '../../../hooks/useAction';
import { useRemote } from '../../../hooks/useRemote';
import { money, quantity, shortTime } from '../../../lib/format';
import { ONLINE_REFUND_LABEL } from '../../../lib/orders';
import { store, type Order, type RefundKind } from '../../../storefront/api';
import { goShop } from '../../../storefront/routes';
import { PaymentNote, ShopScreen } from '../../../storefront/ShopScreen';
import './index.css';
import { useOnReturn } from '../../../hooks/useOnReturn';

const REFUND_KIND_LABEL: Record<RefundKind, string> = { refundOnly: '仅退款', returnAndRefund: '退货退款' };

/** "还剩 12 分钟" until an unpaid order lets its stock go; ticks while shown. */
function useTimeLeft(until: string | null): string | null {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!until) return undefined;
    const timer = setInterval(() => setNow(Date.now()), 20_000);
    return () => clearInterval(timer);
  }, [until]);
  if (!until) return null;
  const minutes = Math.ceil((new Date(until).getTime() - now) / 60_000);
  if (minutes <= 0) return '已超时，订单即将自动取消';
  const hours = Math.floor(minutes / 60);
  return `还剩 ${hours > 0 ? `${hours} 小时 ` : ''}${minutes % 60} 分钟付款，超时自动取消`;
}

function RefundSheet({ shopId, order, onDone, onClose }: { shopId: string; order: Order; onDone: (order: Order) => void; onClose: () => void }) {
  // Once anything was sent it is sent back; a partly sent order is refunded only that way (the shop's rule).
  const shipped = order.shipping !== 'none';
  const kinds: RefundKind[] = order.shipping === 'partial' ? ['returnAndRefund'] : ['refundOnly', 'returnAndRefund'];
  const [kind, setKind] = useState<RefundKind>(shipped ? 'returnAndRefund' : 'refundOnly');
  const [reason, setReason] = useState('');
  const [trackingNo, setTrackingNo] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const action = useAction();
  const askTracking = kind === 'returnAndRefund' && shipped;
  const submit = () => {
    const found: Record<string, string> = {};
    if (!reason.trim()) found.reason = '必填';
    if (askTracking && trackingNo.trim() && !/^[A-Za-z0-9-]+$/.test(trackingNo.trim())) found.returnTrackingNo = '只能包含字母、数字和 -';
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    void action.run(async () => {
      onDone(await store.refund(shopId, order.id, { kind, reason: reason.trim(), returnTrackingNo: askTracking ? trackingNo.trim() : '' }));
    });
  };
  const shown = { ...action.fieldErrors, ...errors };
  return (
    <Sheet title="申请退款" open onClose={onClose}>
      <View className="refund-form">
        <View className="kind-chips">
          {kinds.map((option) => (
            <View key={option} className={`chip refund-kind refund-kind-${option}${kind === option ? ' chip--on' : ''}`} onClick={() => setKind(option)}>
              {REFUND_KIND_LABEL[option]}
            </View>
          ))}
        </View>
        <View className="muted">
          退款金额 {money(order.totalAmount)}。{order.shipping === 'partial' ? '部分商品已发出，请把收到的商品寄回，整单退款。' : kind === 'returnAndRefund' ? '请把商品寄回店家，店家收到后退款。' : '不退货，只退钱：适合没收到货或店家同意的情况。'}
        </View>
        <TextField name="reason" label="原因" required placeholder="例如：不想要了、商品有问题" value={reason} onChange={setReason} error={shown.reason} multiline />
        {askTracking ? (
          <TextField
            name="returnTrackingNo"
            label="退货单号"
            placeholder="寄回的快递单号（可稍后补）"
            value={trackingNo}
            onChange={setTrackingNo}
            error={shown.returnTrackingNo}
          />
        ) : null}
        <View className="sheet-actions">
          <Button className="btn-block submit-refund" type="primary" block loading={action.busy} onClick={submit}>
            提交申请
          </Button>
        </View>
      </View>
    </Sheet>
  );
}

function Detail({ shopId, initial, reload }: { shopId: string; initial: Order; reload: () => void }) {
  const [order, setOrder] = useState(initial);
  useEffect(() => setOrder(initial), [initial]);
  const [refunding, setRefunding] = useState(false);
  const action = useAction();
  const actions = orderActions(order.status);
  const timeLeft = useTimeLeft(order.status === 'pendingPayment' ? order.expiresAt : null);
  const info = useRemote(() => store.info(shopId), [shopId]);
  // Only the mini-program can pay: on H5, Taro's requestPayment resolves as if paid without paying.
  const canPayOnline = process.env.TARO_ENV === 'weapp' && info.data?.wechatPay === true;
  const payWithWechat = () =>
    void action.run(async () => {
      const params = await store.wechatPay(shopId, order.id);
      try {
        await Taro.requestPayment({ timeStamp: params.timeStamp, nonceStr: params.nonceStr, package: params.package, signType: params.signType, paySign: params.paySign });
      } catch {
        // Cancelled or failed in WeChat: the order, read again below, says whether the money came.
      }
      // The server's word, not WeChat's callback: it asks WeChat Pay when no notification has come yet.
      const next = await store.order(shopId, order.id);
      setOrder(next);
      if (next.status === 'paid') void Taro.showToast({ title: '付款成功', icon: 'success' });
    });
  const cancel = () =>
    void Taro.showModal({ title: '取消这个订单？', content: '取消后商品会放回店里' }).then(({ confirm }) => {
      if (confirm) void action.run(async () => setOrder(await store.cancel(shopId, order.id, '顾客取消')));
    });
  const confirmReceipt = () =>
    void Taro.showModal({ title: '确认已收到货？', content: '确认后订单完成' }).then(({ confirm }) => {
      if (confirm) void action.run(async () => setOrder(await store.confirmReceipt(shopId, order.id)));
    });
  const hint =
    order.status === 'pendingPayment'
      ? timeLeft
      : order.status === 'paid'
        ? order.shipping === 'partial'
          ? '店家已发出部分商品，其余正在准备，全部发出后可确认收货'
          : '店家已确认收款，正在准备发货'
        : order.status === 'shipped'
          ? '商品已发出，收到后请确认收货'
          : order.status === 'refunding'
            ? '退款申请已提交，等待店家处理'
            : order.status === 'cancelled'
              ? (order.cancelReason ?? '')
              : '';
  return (
    <>
      <View className="order-hero">
        <View className="order-hero__status order-detail-status">{orderStatusLabel(order.status, order.shipping)}</View>
        {hint ? <View className="order-hero__sub time-left">{hint}</View> : null}
      </View>
      {order.status === 'pendingPayment' ? <PaymentNote shopId={shopId} /> : null}
      {order.shipments.length > 0 ? (
        <View className="card shipments">
          <View className="card__title">物流</View>
          {order.shipments.map((shipment, index) => (
            <View key={shipment.id} className="shipment">
              <View>
                {order.shipments.length > 1 ? `包裹 ${index + 1} · ` : ''}
                {shipment.carrier} <View className="tracking-no" style={{ display: 'inline' }}>{shipment.trackingNo}</View>
              </View>
              {shipment.lines.map((line) => (
                <View key={line.lineNo} className="shipment-line">
                  {line.title} × {quantity(line.quantity)}
                </View>
              ))}
              <View className="muted">{shortTime(shipment.createdAt)} 发出</View>
            </View>
          ))}
          {order.shipping === 'partial' ? (
            <View className="muted shipping-left">
              待发：{order.lines.filter((line) => Number(line.remainingQuantity) > 0).map((line) => `${line.title} × ${quantity(line.remainingQuantity)}`).join('，')}
            </View>
          ) : null}
        </View>
      ) : null}
      {order.refund ? (
        <View className="card refund-info">
          <View className="card__title">售后：{REFUND_KIND_LABEL[order.refund.kind]}</View>
          <View className="kv"><View className="kv__k">原因</View><View className="kv__v">{order.refund.reason}</View></View>
          {order.refund.returnTrackingNo ? (
            <View className="kv"><View className="kv__k">退货单号</View><View className="kv__v">{order.refund.returnTrackingNo}</View></View>
          ) : null}
          {order.refund.refusal ? <View className="kv"><View className="kv__k">店家拒绝</View><View className="kv__v">{order.refund.refusal}</View></View> : null}
        </View>
      ) : null}
      <View className="card">
        <View className="address-name">
          {order.address.name} {order.address.phone}
        </View>
        <View className="address-text">
          {order.address.region} {order.address.detail}
        </View>
      </View>
      <View className="card">
        {order.lines.map((line) => (
          <View key={line.lineNo} className="kv order-line">
            <View className="kv__k grow ellipsis">
              {line.title} × {quantity(line.quantity)}
            </View>
            <View className="num">{money(line.amount)}</View>
          </View>
        ))}
        <View className="kv">
          <View className="kv__k">合计</View>
          <View className="price num order-total">{money(order.totalAmount)}</View>
        </View>
      </View>
      {order.onlineRefunds.length > 0 ? (
        <View className="card online-refunds">
          <View className="card__title">微信退款</View>
          {order.onlineRefunds.map((refund) => (
            <View key={refund.outRefundNo} className="kv">
              <View className="kv__k">{money(refund.amount)}</View>
              <View className="kv__v">{ONLINE_REFUND_LABEL[refund.status]}</View>
            </View>
          ))}
        </View>
      ) : null}
      <View className="card">
        <View className="kv"><View className="kv__k">订单号</View><View className="kv__v order-no">{order.orderNo}</View></View>
        <View className="kv"><View className="kv__k">下单时间</View><View className="kv__v">{shortTime(order.createdAt)}</View></View>
        {order.paidAt ? <View className="kv"><View className="kv__k">付款时间</View><View className="kv__v">{shortTime(order.paidAt)}</View></View> : null}
        {order.note ? <View className="kv"><View className="kv__k">备注</View><View className="kv__v">{order.note}</View></View> : null}
      </View>
      {actions.includes('cancel') || actions.includes('confirmReceipt') || actions.includes('requestRefund') || canPayOnline ? (
        <View className="bar">
          <View className="bar__total link" onClick={() => goShop('orders', shopId)}>全部订单</View>
          <View className="bar__buttons">
            {actions.includes('cancel') ? (
              <Button className="cancel-order" fill="outline" disabled={action.busy} onClick={cancel}>
                取消订单
              </Button>
            ) : null}
            {actions.includes('pay') && order.status === 'pendingPayment' && canPayOnline ? (
              <Button className="wechat-pay" type="primary" loading={action.busy} onClick={payWithWechat}>
                微信支付
              </Button>
            ) : null}
            {actions.includes('requestRefund') ? (
              <Button className="request-refund" fill="outline" disabled={action.busy} onClick={() => setRefunding(true)}>
                申请退款
              </Button>
            ) : null}
            {actions.includes('confirmReceipt') ? (
              <Button className="confirm-receipt" type="primary" loading={action.busy} onClick={confirmReceipt}>
                确认收货
              </Button>
            ) : null}
          </View>
        </View>
      ) : null}
      {refunding ? (
        <RefundSheet
          shopId={shopId}
          order={order}
          onClose={() => setRefunding(false)}
          onDone={(next) => {
            setRefunding(false);
            setOrder(next);
            void Taro.showToast({ title: '已提交退款申请', icon: 'success' });
            reload();
          }}
        />
      ) : null}
    </>
  );
}

function OrderScreen({ shopId }: { shopId: string }) {
  const { params } = useRouter();
  const id = params.id ?? '';
  const order = useRemote(() => store.order(shopId, id), [shopId, id]);
  useOnReturn(() => void order.reload());
  return <RemoteView remote={order}>{(data) => <Detail shopId={shopId} initial={data} reload={() => void order.reload()} />}</RemoteView>;
}

export default function ShopOrderPage() {
  return (
    <ShopScreen name="page-shop-order" className="shop--footer">
      {(shopId) => <OrderScreen shopId={shopId} />}
    </ShopScreen>
  );
}
