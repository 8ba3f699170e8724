import { fenToMoney } from '@xiaocang/domain';
import type { Transaction } from '../../db/database.ts';
import { paymentStateOf, type TransactionResource } from '../../integrations/wechat-pay/wechat-pay.ts';
import { lockOrder } from '../orders/order-transition.ts';
import { ownerActor, takeOrderPayment } from '../orders/take-order-payment.ts';
import { reportPaymentProblem } from './payment-problem.ts';
import { wechatPaySetup } from './wechat-pay-setup.ts';
import { recordWechatRefund } from './wechat-refunds.ts';

export type TransactionOutcome = 'applied' | 'alreadyHandled' | 'unknownOrder' | 'amountMismatch' | 'refundedStockGone' | 'notPayable' | 'notPaid';

/**
 * A WeChat Pay transaction (from a notification or a query) applied to its order, once, in the caller's
 * transaction: the order locked, its state and amount checked, then paid exactly as the merchant's mark-paid
 * pays it (takeOrderPayment), the money received into the shop's WeChat Pay account. A transaction already
 * seen on the order changes nothing. What cannot be applied is recorded and told to the owners; a payment
 * for an expired order whose stock is gone is refunded (the refund is recorded here and sent after commit).
 */
export async function applyWechatTransaction(tx: Transaction, shopId: string, transaction: TransactionResource, source: string): Promise<{ outcome: TransactionOutcome; orderId: string | null }> {
  const state = paymentStateOf(transaction);
  if (state.state !== 'paid') return { outcome: 'notPaid', orderId: null };
  const [payment] = await tx.query<{ order_id: string; total_fen: string; sub_mchid: string }>(
    'SELECT order_id::text, total_fen::text, sub_mchid FROM wechat_payments WHERE shop_id = $1 AND out_trade_no = $2',
    [shopId, transaction.out_trade_no ?? ''],
  );
  if (!payment || payment.sub_mchid !== transaction.sub_mchid) {
    await reportPaymentProblem(tx, shopId, {
      source,
      orderId: null,
      subject: `未知订单 ${transaction.out_trade_no ?? ''}`,
      detail: `收到微信支付 ¥${fenToMoney(state.totalFen)}（交易号 ${state.transactionId}），但店里没有商户订单号为 ${transaction.out_trade_no ?? '（空）'} 的订单：未入账，请核对`,
    });
    return { outcome: 'unknownOrder', orderId: null };
  }
  const order = await lockOrder(tx, shopId, payment.order_id);
  // Money has come for this payment, whatever becomes of it below: the query pass stops asking about it.
  await tx.query('UPDATE wechat_payments SET settled_at = COALESCE(settled_at, now()) WHERE shop_id = $1 AND order_id = $2', [shopId, order.id]);
  const [seen] = await tx.query<{ transaction_id: string | null }>('SELECT transaction_id FROM orders WHERE shop_id = $1 AND id = $2', [shopId, order.id]);
  if (seen?.transaction_id === state.transactionId) return { outcome: 'alreadyHandled', orderId: order.id };
  const problem = (detail: string) => reportPaymentProblem(tx, shopId, { source, orderId: order.id, subject: order.order_no, detail });
  // The transaction is kept on the order whatever happens next, so that WeChat's repeats of it change nothing.
  const markSeen = () => tx.query('UPDATE orders SET transaction_id = $3 WHERE shop_id = $1 AND id = $2', [shopId, order.id, state.transactionId]);
  if (String(state.totalFen) !== payment.total_fen) {
    await markSeen();
    await problem(`微信支付到账 ¥${fenToMoney(state.totalFen)}，与订单金额 ¥${fenToMoney(payment.total_fen)} 不符（交易号 ${state.transactionId}）：未入账，请核对后处理`);
    return { outcome: 'amountMismatch', orderId: order.id };
  }
  if (order.status !== 'pendingPayment' && order.status !== 'cancelled') {
    await problem(`订单已付款后又收到一笔微信支付 ¥${fenToMoney(state.totalFen)}（交易号 ${state.transactionId}）：未入账，请退还顾客`);
    return { outcome: 'notPayable', orderId: order.id };
  }
  const { accountId } = await wechatPaySetup(tx, shopId, {});
  if (!accountId) throw new Error(`shop ${shopId} has no active payment account to receive WeChat Pay into`);
  const actor = await ownerActor(tx, shopId);
  const { stockGone } = await takeOrderPayment(tx, actor, order, { method: 'wechatPay', paymentAccountId: accountId, transactionId: state.transactionId }, {});
  if (stockGone) {
    await markSeen();
    await recordWechatRefund(tx, shopId, { orderId: order.id, outRefundNo: `${transaction.out_trade_no}R0`, refundFen: state.totalFen });
    await problem(`订单过期后才收到微信支付 ¥${fenToMoney(state.totalFen)}，库存已售出（${stockGone}）：已自动原路退款`);
    return { outcome: 'refundedStockGone', orderId: order.id };
  }
  return { outcome: 'applied', orderId: order.id };
}
