import { View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { orderActions, refundReturnsStock } from '@xiaocang/domain/orders';
import { useState } from 'react';
import { paymentAccounts } from '../../../api/money';
import { orders } from '../../../api/orders';
import type { Order } from '../../../api/types';
import { TextField } from '../../../components/Fields';
import { Button } from '../../../components/nut';
import { PrintSheet } from '../../../components/PrintSheet';
import { Screen } from '../../../components/Screen';
import { Sheet } from '../../../components/Sheet';
import { Failed, Loading, RemoteView } from '../../../components/StateView';
import { useAction } from '../../../hooks/useAction';
import { useRemote } from '../../../hooks/useRemote';
import { money, quantity, shortTime } from '../../../lib/format';
import { CARRIERS, ONLINE_REFUND_LABEL, orderProblem, PAYMENT_METHOD_LABEL, REFUND_KIND_LABEL, timeLeft } from '../../../lib/orders';
import { go } from '../../../routes';
import { useSession } from '../../../state/session';
import { Kv, OrderStatusBadge } from '../parts';
import { useOnReturn } from '../../../hooks/useOnReturn';

type Sheets = 'pay' | 'ship' | 'print' | 'cancel' | 'refuse' | null;

/** 确认收款: which account the money went into; the server then posts the sale bill that takes the stock. */

/** Where telling WeChat of a parcel stands (orders paid with WeChat Pay must be). */
const WECHAT_UPLOAD_LABEL = { pending: '等待上传', uploaded: '已上传', failed: '上传失败' } as const;
function PaySheet({ order, open, onClose, onPaid }: { order: Order; open: boolean; onClose: () => void; onPaid: (order: Order) => void }) {
  const accounts = useRemote(() => (open ? paymentAccounts.list({ pageSize: 50, status: 'active' }) : Promise.resolve(null)), [open]);
  const [accountId, setAccountId] = useState<string | null>(null);
  const action = useAction();
  const pay = () => {
    if (!accountId) return void Taro.showToast({ title: '请选择收款账户', icon: 'none' });
    void action.run(async () => {
      onPaid(await orders.markPaid(order.id, accountId));
    });
  };
  return (
    <Sheet title="确认收款" open={open} onClose={onClose}>
      <View className="share-note pay-note">
        确认已收到顾客的 {money(order.totalAmount)}。确认后系统会按订单自动记一张<View className="strong" style={{ display: 'inline' }}>销售出库</View>
        单（已收全款，记入所选账户），库存随之扣减，之后可以发货。
      </View>
      <View className="section-title" style={{ marginLeft: 0 }}>钱收到了哪个账户</View>
      {accounts.error ? (
        <Failed error={accounts.error} onRetry={() => void accounts.reload()} />
      ) : !accounts.data ? (
        <Loading />
      ) : (
        accounts.data.items.map((account) => (
          <View key={account.id} className={`option pay-account${accountId === account.id ? ' option--on' : ''}`} onClick={() => setAccountId(account.id)}>
            <View>{account.name}</View>
            {accountId === account.id ? <View>✓</View> : null}
          </View>
        ))
      )}
      {action.error ? <View className="field__error order-error" style={{ marginLeft: 0 }}>{orderProblem(action.error)}</View> : null}
      <View className="gap" />
      <Button block type="primary" className="confirm-pay" loading={action.busy} onClick={pay}>
        确认收款并出库
      </Button>
    </Sheet>
  );
}

/** Which lines a shipment sends and how many of each: every line still to send, all of what remains by default. */
const shipmentDraft = (order: Order): Record<number, string> =>
  Object.fromEntries(order.lines.filter((line) => Number(line.remainingQuantity) > 0).map((line) => [line.lineNo, quantity(line.remainingQuantity)]));

/**
 * 发货: the carrier from the usual list (or typed after 其他), the tracking number, and what goes in this parcel:
 * each line still to send with its quantity (all that remains, or less; 0 leaves the line for a later parcel).
 */
function ShipSheet({ order, open, onClose, onShipped }: { order: Order; open: boolean; onClose: () => void; onShipped: (order: Order) => void }) {
  const [carrier, setCarrier] = useState<string>('');
  const [other, setOther] = useState('');
  const [trackingNo, setTrackingNo] = useState('');
  const [sending, setSending] = useState<Record<number, string>>(() => shipmentDraft(order));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const action = useAction();
  const name = carrier === '其他' ? other.trim() : carrier;
  const toSend = order.lines.filter((line) => line.lineNo in sending);
  // The request names only the lines sent now; the server's errors come back by their place in it.
  const sent = toSend.filter((line) => Number(sending[line.lineNo]) !== 0);
  const ship = () => {
    const found: Record<string, string> = {};
    if (!name) found.carrier = carrier === '其他' ? '请填写快递公司' : '请选择快递公司';
    if (!trackingNo.trim()) found.trackingNo = '请填写快递单号';
    else if (!/^[A-Za-z0-9-]+$/.test(trackingNo.trim())) found.trackingNo = '只能包含字母、数字和 -';
    for (const line of toSend) {
      const text = sending[line.lineNo]!.trim();
      if (!/^\d+(\.\d{1,3})?$/.test(text)) found[`line${line.lineNo}`] = '请填写数量（最多 3 位小数）';
    }
    if (sent.length === 0 && !toSend.some((line) => found[`line${line.lineNo}`])) found.lines = '至少发一件商品';
    setErrors(found);
    if (Object.keys(found).length) return;
    const body = { carrier: name, trackingNo: trackingNo.trim(), lines: sent.map((line) => ({ lineNo: line.lineNo, quantity: sending[line.lineNo]!.trim() })) };
    void action.run(async (keyFor) => {
      onShipped(await orders.ship(order.id, body, keyFor([order.id, body])));
    });
  };
  const serverErrors = Object.fromEntries(
    Object.entries(action.fieldErrors).map(([field, message]) => {
      const [, index] = /^lines\.(\d+)\./.exec(field) ?? [];
      const line = index === undefined ? undefined : sent[Number(index)];
      return [line ? `line${line.lineNo}` : field, message];
    }),
  );
  const shown = { ...serverErrors, ...errors };
  const clear = (field: string) => setErrors(({ [field]: _cleared, ...rest }) => rest);
  const pickCarrier = (c: string) => {
    setCarrier(c);
    clear('carrier');
  };
  const typeTrackingNo = (text: string) => {
    setTrackingNo(text);
    clear('trackingNo');
  };
  const typeQuantity = (lineNo: number, text: string) => {
    setSending((now) => ({ ...now, [lineNo]: text }));
    // The server's refusals name lines by their place in the request, which a new quantity may change.
    action.setFieldErrors({});
    clear(`line${lineNo}`);
    clear('lines');
  };
  return (
    <Sheet title="发货" open={open} onClose={onClose}>
      <View className="section-title" style={{ marginLeft: 0 }}>本次发货</View>
      <View className="ship-lines">
        {toSend.map((line) => (
          <TextField
            key={line.lineNo}
            name={`ship-line-${line.lineNo}`}
            label={line.title}
            kind="decimal"
            value={sending[line.lineNo]!}
            onChange={(text) => typeQuantity(line.lineNo, text)}
            hint={`待发 ${quantity(line.remainingQuantity)}${order.shipping === 'partial' ? `，已发 ${quantity(line.shippedQuantity)}` : ''}；填 0 留到下次发`}
            error={shown[`line${line.lineNo}`]}
          />
        ))}
      </View>
      {shown.lines ? <View className="field__error ship-lines-error" style={{ marginLeft: 0 }}>{shown.lines}</View> : null}
      <View className="section-title" style={{ marginLeft: 0 }}>快递公司</View>
      <View className="chips carriers">
        {CARRIERS.map((c) => (
          <View key={c} className={`chip carrier${carrier === c ? ' chip--on' : ''}`} onClick={() => pickCarrier(c)}>
            {c}
          </View>
        ))}
      </View>
      {carrier === '其他' ? <TextField name="carrier" label="快递公司" required value={other} onChange={(text) => { setOther(text); clear('carrier'); }} placeholder="填写快递公司名称" error={shown.carrier} /> : null}
      {carrier !== '其他' && shown.carrier ? <View className="field__error" style={{ marginLeft: 0 }}>{shown.carrier}</View> : null}
      <TextField name="trackingNo" label="快递单号" required value={trackingNo} onChange={typeTrackingNo} placeholder="字母、数字或 -" error={shown.trackingNo} />
      {action.error && action.error.code !== 'VALIDATION_FAILED' ? <View className="field__error order-error" style={{ marginLeft: 0 }}>{orderProblem(action.error)}</View> : null}
      <View className="gap" />
      <Button block type="primary" className="confirm-ship" loading={action.busy} onClick={ship}>
        确认发货
      </Button>
    </Sheet>
  );
}

/** 打印发货单: the whole order's packing slip, or one parcel's, as a PDF for A4 or a receipt printer, or as an image. */
function PackingSlipSheet({ order, open, onClose }: { order: Order; open: boolean; onClose: () => void }) {
  const [shipmentId, setShipmentId] = useState<string | undefined>(undefined);
  const parcel = order.shipments.findIndex((shipment) => shipment.id === shipmentId);
  return (
    <PrintSheet
      title="打印发货单"
      open={open}
      onClose={onClose}
      name={`发货单-${order.orderNo}${parcel >= 0 ? `-包裹${parcel + 1}` : ''}`}
      pdfPath={(layout) => orders.packingSlip(order.id, layout, shipmentId)}
      imagePath={orders.packingSlip(order.id, 'image', shipmentId)}
    >
      {order.shipments.length ? (
        <View className="chips slip-parcels">
          <View className={`chip slip-parcel${shipmentId === undefined ? ' chip--on' : ''}`} onClick={() => setShipmentId(undefined)}>
            整单
          </View>
          {order.shipments.map((shipment, index) => (
            <View key={shipment.id} className={`chip slip-parcel${shipmentId === shipment.id ? ' chip--on' : ''}`} onClick={() => setShipmentId(shipment.id)}>
              包裹 {index + 1}
            </View>
          ))}
        </View>
      ) : null}
    </PrintSheet>
  );
}

/** A reason the customer will read: to cancel an unpaid order, or to refuse a refund. */
function ReasonSheet({ title, hint, button, open, onClose, onSubmit, name }: { title: string; hint: string; button: string; open: boolean; onClose: () => void; onSubmit: (reason: string) => Promise<Order>; name: string }) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState('');
  const action = useAction();
  const submit = () => {
    if (!reason.trim()) return setError('请填写原因');
    setError('');
    void action.run(() => onSubmit(reason.trim()));
  };
  return (
    <Sheet title={title} open={open} onClose={onClose}>
      <View className="share-note">{hint}</View>
      <TextField name="reason" label="原因" required multiline value={reason} onChange={setReason} placeholder="顾客会看到这段话" error={error || action.fieldErrors.reason} />
      {action.error && action.error.code !== 'VALIDATION_FAILED' ? <View className="field__error order-error" style={{ marginLeft: 0 }}>{orderProblem(action.error)}</View> : null}
      <View className="gap" />
      <Button block type="danger" className={`confirm-${name}`} loading={action.busy} onClick={submit}>
        {button}
      </Button>
    </Sheet>
  );
}

function OrderView({ order, setOrder }: { order: Order; setOrder: (order: Order) => void }) {
  const { abilities } = useSession();
  const [sheet, setSheet] = useState<Sheets>(null);
  const [paidNow, setPaidNow] = useState(false);
  const approve = useAction();
  const allowed = new Set(orderActions(order.status));
  // What this member may do: taking payment posts a sale without approval; refunds are the owner's.
  const canPay = allowed.has('pay') && !abilities.needsApproval;
  const canShip = allowed.has('ship');
  const canCancel = allowed.has('cancel');
  const canRefund = allowed.has('approveRefund') && abilities.approve;
  // A slip for goods that are packed or about to be: once paid, and not for an order that ended without a sale.
  const canPrint = order.paidAt !== null && order.status !== 'refunded';
  const left = order.status === 'pendingPayment' ? timeLeft(order.expiresAt) : null;
  const done = (title: string) => (next: Order) => {
    setOrder(next);
    setSheet(null);
    void Taro.showToast({ title, icon: 'success' });
  };
  // The stock comes back when the goods are sent back, or were never sent (the server's rule).
  const stockComesBack = order.refund ? refundReturnsStock(order.refund.kind, order.shipping) : false;
  const approveRefund = () =>
    void Taro.showModal({
      title: '同意退款',
      content: `退款 ${money(order.totalAmount)}（钱请另行退给顾客）。${stockComesBack ? '销售出库单将被红冲，商品退回库存。' : '仅退款不退货：商品已发出，库存不变。'}`,
    }).then(({ confirm }) => {
      if (!confirm) return;
      void approve.run(async () => done('已退款')(await orders.approveRefund(order.id)));
    });
  return (
    <>
      <View className="card order-head">
        <View className="row">
          <View className="list-item__title order-no">订单 {order.orderNo}</View>
          <OrderStatusBadge order={order} />
        </View>
        <View className="row">
          <View className="list-item__meta">下单 {shortTime(order.createdAt)}</View>
          {canPrint ? (
            <Button fill="outline" type="default" size="small" className="open-packing-slip" onClick={() => setSheet('print')}>
              打印发货单
            </Button>
          ) : null}
        </View>
        {order.status === 'pendingPayment' ? (
          <View className={`order-expiry ${left ? 'warning' : 'danger'}`}>{left ? `等待付款，${left}（${shortTime(order.expiresAt)} 未付自动取消）` : '付款时间已到，即将自动取消'}</View>
        ) : null}
        {order.status === 'cancelled' && order.cancelReason ? <View className="order-cancel-reason muted">取消原因：{order.cancelReason}</View> : null}
      </View>

      {order.refund ? (
        <View className={`card order-refund${order.status === 'refunding' ? ' order-refund--open' : ''}`}>
          <View className="card__title">
            退款申请
            <View className="card__more">{shortTime(order.refund.requestedAt)}</View>
          </View>
          <Kv name="refund-kind" k="类型" v={REFUND_KIND_LABEL[order.refund.kind]} />
          <Kv name="refund-reason" k="原因" v={order.refund.reason} />
          <Kv k="退货单号" v={order.refund.returnTrackingNo} />
          <Kv
            name="refund-result"
            k="处理结果"
            v={order.refund.resolvedAt ? (order.refund.refusal ? `已拒绝：${order.refund.refusal}` : `已同意 ${shortTime(order.refund.resolvedAt)}`) : '等待处理'}
          />
        </View>
      ) : null}

      <View className="card order-customer">
        <View className="card__title">顾客与收货地址</View>
        <Kv name="customer" k="顾客" v={order.customerName} />
        <Kv name="phone" k="手机" v={order.customerPhone} />
        <View className="order-address">
          <View>
            {order.address.name} {order.address.phone}
          </View>
          <View className="muted">
            {order.address.region} {order.address.detail}
          </View>
        </View>
      </View>

      <View className="card order-lines">
        <View className="card__title">商品</View>
        {order.lines.map((line) => (
          <View key={line.lineNo} className="list-item order-line">
            <View className="list-item__main">
              <View className="list-item__title ellipsis">{line.title}</View>
              <View className="list-item__meta">
                {money(line.unitPrice)} × {quantity(line.quantity)}
              </View>
              {order.shipping === 'partial' ? (
                <View className={`list-item__meta line-shipping${Number(line.remainingQuantity) > 0 ? ' warning' : ''}`}>
                  已发 {quantity(line.shippedQuantity)}，待发 {quantity(line.remainingQuantity)}
                </View>
              ) : null}
            </View>
            <View className="list-item__side num">{money(line.amount)}</View>
          </View>
        ))}
        <View className="row order-total-row">
          <View className="muted">合计</View>
          <View className="strong num order-total">{money(order.totalAmount)}</View>
        </View>
        {order.note ? <View className="order-note">备注：{order.note}</View> : null}
      </View>

      {order.paymentProblem ? <View className="card danger order-payment-problem">收款异常：{order.paymentProblem}</View> : null}

      {order.paidAt || order.billId || order.refundBillId || order.onlineRefunds.length > 0 ? (
        <View className="card order-payment">
          <View className="card__title">收款与出库</View>
          <Kv name="paid-at" k="确认收款" v={order.paidAt ? shortTime(order.paidAt) : null} />
          <Kv name="payment-method" k="付款方式" v={order.paymentMethod ? PAYMENT_METHOD_LABEL[order.paymentMethod] : null} />
          <Kv name="transaction-id" k="微信支付单号" v={order.transactionId} />
          {order.onlineRefunds.map((refund) => (
            <Kv key={refund.outRefundNo} name="online-refund" k={`微信退款 ${money(refund.amount)}`} v={ONLINE_REFUND_LABEL[refund.status]} />
          ))}
          {order.billId ? (
            <View className="kv link order-bill" onClick={() => go('billDetail', { id: order.billId! })}>
              <View className="kv__k">销售出库单</View>
              <View className="kv__v">查看单据 ›</View>
            </View>
          ) : null}
          {order.refundBillId ? (
            <View className="kv link order-refund-bill" onClick={() => go('billDetail', { id: order.refundBillId! })}>
              <View className="kv__k">退款红冲单</View>
              <View className="kv__v">查看单据 ›</View>
            </View>
          ) : null}
          {paidNow && order.billId ? <View className="share-note order-paid-note">已记销售出库单，库存已扣减。</View> : null}
        </View>
      ) : null}

      {order.shipments.length ? (
        <View className="card order-shipments">
          <View className="card__title">物流（{order.shipments.length} 个包裹）</View>
          {order.shipments.map((shipment, index) => (
            <View key={shipment.id} className="order-shipment">
              <View className="kv">
                <View className="kv__k">
                  {order.shipments.length > 1 ? `包裹 ${index + 1} · ` : ''}
                  {shipment.carrier}
                </View>
                <View className="kv__v">
                  <View className="num shipment-no">{shipment.trackingNo}</View>
                  <View className="muted">{shortTime(shipment.createdAt)} 发货</View>
                </View>
              </View>
              {shipment.lines.map((line) => (
                <View key={line.lineNo} className="muted shipment-line">
                  {line.title} × {quantity(line.quantity)}
                </View>
              ))}
              {shipment.wechatUpload ? (
                <View className={`shipment-wechat ${shipment.wechatUpload === 'failed' ? 'field__error' : 'muted'}`} style={{ marginLeft: 0 }}>
                  微信发货信息：{WECHAT_UPLOAD_LABEL[shipment.wechatUpload]}
                  {shipment.wechatUpload === 'uploaded' ? '' : shipment.wechatUploadError ? `（${shipment.wechatUploadError}）` : ''}
                </View>
              ) : null}
            </View>
          ))}
          {order.shipping === 'partial' ? <View className="share-note warning shipping-left">部分发货：还有商品待发，发完后顾客才能确认收货。</View> : null}
          <Kv k="确认收货" v={order.completedAt ? shortTime(order.completedAt) : null} />
        </View>
      ) : null}

      {approve.error ? <View className="card field__error order-error" style={{ marginLeft: 0 }}>{orderProblem(approve.error)}</View> : null}
      {order.status === 'cancelled' && canPay ? (
        <View className="share-note late-pay-note">订单已取消。顾客若仍付了款，可以确认收款：库存还够时照常出库，不够时会告诉你。</View>
      ) : null}
      {canPay || canShip || canCancel || canRefund ? (
        <View className="actions order-actions">
          {canCancel ? (
            <Button fill="outline" type="default" className="open-cancel" onClick={() => setSheet('cancel')}>
              取消订单
            </Button>
          ) : null}
          {canRefund ? (
            <>
              <Button fill="outline" type="danger" className="open-refuse" disabled={approve.busy} onClick={() => setSheet('refuse')}>
                拒绝退款
              </Button>
              <Button type="primary" className="approve-refund" loading={approve.busy} onClick={approveRefund}>
                同意退款
              </Button>
            </>
          ) : null}
          {canPay ? (
            <Button type="primary" className="open-pay" onClick={() => setSheet('pay')}>
              确认收款
            </Button>
          ) : null}
          {canShip ? (
            <Button type="primary" className="open-ship" onClick={() => setSheet('ship')}>
              发货
            </Button>
          ) : null}
        </View>
      ) : null}
      {allowed.has('approveRefund') && !abilities.approve ? <View className="share-note">顾客申请了退款，等店主处理。</View> : null}

      <PaySheet
        order={order}
        open={sheet === 'pay'}
        onClose={() => setSheet(null)}
        onPaid={(next) => {
          setPaidNow(true);
          done('已确认收款')(next);
        }}
      />
      {/* Keyed by the shipments, so that after one parcel the form starts from what is left. */}
      <ShipSheet key={order.shipments.length} order={order} open={sheet === 'ship'} onClose={() => setSheet(null)} onShipped={(next) => done(next.status === 'shipped' ? '已发货' : '已部分发货')(next)} />
      <PackingSlipSheet order={order} open={sheet === 'print'} onClose={() => setSheet(null)} />
      <ReasonSheet
        name="cancel"
        title="取消订单"
        hint="取消后订单占用的库存会释放。顾客会看到取消原因。"
        button="确认取消订单"
        open={sheet === 'cancel'}
        onClose={() => setSheet(null)}
        onSubmit={async (reason) => {
          const next = await orders.cancel(order.id, reason);
          done('已取消')(next);
          return next;
        }}
      />
      <ReasonSheet
        name="refuse"
        title="拒绝退款"
        hint="拒绝后订单回到申请退款前的状态。顾客会看到拒绝原因。"
        button="确认拒绝退款"
        open={sheet === 'refuse'}
        onClose={() => setSheet(null)}
        onSubmit={async (reason) => {
          const next = await orders.refuseRefund(order.id, reason);
          done('已拒绝退款')(next);
          return next;
        }}
      />
    </>
  );
}

/** One order: who, where, what, and the actions its status allows. */
export default function OrderDetailPage() {
  const { params } = useRouter();
  const id = params.id ?? '';
  const remote = useRemote(() => orders.get(id), [id]);
  const [fresh, setFresh] = useState<Order | null>(null);
  useOnReturn(() => {
    setFresh(null);
    void remote.reload();
  });
  return (
    <Screen className="page-order-detail">
      <RemoteView remote={remote}>{(order) => <OrderView order={fresh && fresh.id === order.id ? fresh : order} setOrder={setFresh} />}</RemoteView>
    </Screen>
  );
}
