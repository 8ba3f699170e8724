import type { Order } from '@xiaocang/contracts';
import { can, needsApproval, refundRequestProblem, refundReturnsStock, shippingProgress, type Actor, type RefundKind } from '@xiaocang/domain';
import type { Database } from '../../db/database.ts';
import { forbidden, invalid, invalidState, notFound } from '../../errors.ts';
import { reverseBill } from '../bills/reverse-bill.ts';
import { notifyOwners } from '../notifications/notify-users.ts';
import type { Shopper } from '../store/customer-accounts.ts';
import { releaseHolds } from './holds.ts';
import { lockOrder, moveOrder, shippableLines, statusAfter, type LockedOrder } from './order-transition.ts';
import { loadOrder } from './order-rows.ts';
import { takeOrderPayment } from './take-order-payment.ts';
import type { OnlinePayment } from '../../integrations/config.ts';
import { recordWechatRefund, sendWechatRefunds } from '../payments/wechat-refunds.ts';

/** Who may work on the shop's orders: whoever may sell. */
export function requireOrderDesk(actor: Actor): void {
  if (!can(actor, 'createOutbound')) throw forbidden('You may not handle orders (禁止出库)');
}

/** Cancels an unpaid order (by the customer or the merchant) and gives back exactly what it held. */
export async function cancelOrder(db: Database, by: { shopper: Shopper } | { actor: Actor }, input: { id: string; reason: string }): Promise<Order> {
  if ('actor' in by) requireOrderDesk(by.actor);
  // The customer cancels their own order only; the merchant any of the shop's.
  const { shopId, accountId, who } =
    'shopper' in by
      ? { shopId: by.shopper.shopId, accountId: by.shopper.accountId, who: { customerId: by.shopper.customerId } }
      : { shopId: by.actor.shopId, accountId: undefined, who: { userId: by.actor.userId } };
  await db.transaction(async (tx) => {
    const order = await lockOrder(tx, shopId, input.id, accountId);
    await moveOrder(tx, shopId, order, 'cancel', who, { reason: input.reason });
    await releaseHolds(tx, shopId, order.id);
    await tx.query('UPDATE orders SET cancel_reason = $3 WHERE shop_id = $1 AND id = $2', [shopId, order.id, input.reason]);
  });
  return loadOrder(db, shopId, input.id, accountId);
}

/**
 * The orders whose time to pay has run out, across shops, cancelled and their stock given back. Each batch
 * skips orders another process is working on (SKIP LOCKED), so several server processes share the work.
 */
export async function expireOrders(db: Database, now: Date = new Date(), batch = 50): Promise<number> {
  let expired = 0;
  for (;;) {
    const done = await db.transaction(async (tx) => {
      const due = await tx.query<LockedOrder & { shop_id: string }>(
        `SELECT shop_id::text, id::text, order_no, status, status_before_refund, account_id::text, customer_id::text, total_amount::text, bill_id::text, refund
           FROM orders WHERE status = 'pendingPayment' AND expires_at <= $1 ORDER BY expires_at LIMIT $2 FOR UPDATE SKIP LOCKED`,
        [now, batch],
      );
      for (const order of due) {
        await moveOrder(tx, order.shop_id, order, 'expire', {});
        await releaseHolds(tx, order.shop_id, order.id);
        await tx.query(`UPDATE orders SET cancel_reason = '超时未付款' WHERE shop_id = $1 AND id = $2`, [order.shop_id, order.id]);
      }
      return due.length;
    });
    expired += done;
    if (done < batch) return expired;
  }
}

/**
 * The merchant took the money (e.g. a WeChat transfer): the order is paid (takeOrderPayment), with the money
 * received into the account named. A payment for an order that had expired and whose stock has been sold
 * since is refused in words (the money goes back to the customer).
 */
export async function markOrderPaid(db: Database, actor: Actor, input: { id: string; paymentAccountId: string }): Promise<Order> {
  requireOrderDesk(actor);
  if (!can(actor, 'recordReceipts') || needsApproval(actor)) throw forbidden('Only someone whose sales post without approval may take an order\'s payment');
  await db.transaction(async (tx) => {
    const order = await lockOrder(tx, actor.shopId, input.id);
    // Named even when only goods with their own count were sold, and so no bill checks it.
    const [account] = await tx.query('SELECT 1 FROM payment_accounts WHERE shop_id = $1 AND id = $2', [actor.shopId, input.paymentAccountId]);
    if (!account) throw notFound('Payment account', 'paymentAccountId');
    const { stockGone } = await takeOrderPayment(tx, actor, order, { method: 'offline', paymentAccountId: input.paymentAccountId }, { userId: actor.userId });
    if (stockGone) throw invalidState(`This order expired and its stock has been sold since (${stockGone}): give the customer their money back`);
  });
  return loadOrder(db, actor.shopId, input.id);
}

export async function confirmReceipt(db: Database, shopper: Shopper, id: string): Promise<Order> {
  await db.transaction(async (tx) => {
    const order = await lockOrder(tx, shopper.shopId, id, shopper.accountId);
    await moveOrder(tx, shopper.shopId, order, 'confirmReceipt', { customerId: shopper.customerId });
    await tx.query('UPDATE orders SET completed_at = now() WHERE shop_id = $1 AND id = $2', [shopper.shopId, id]);
  });
  return loadOrder(db, shopper.shopId, id, shopper.accountId);
}

/** The customer asks for their money back (仅退款) or to send the goods back (退货退款, with the return's tracking number); the owner is told. */
export async function requestRefund(
  db: Database,
  shopper: Shopper,
  input: { id: string; kind: 'refundOnly' | 'returnAndRefund'; reason: string; returnTrackingNo: string },
): Promise<Order> {
  await db.transaction(async (tx) => {
    const order = await lockOrder(tx, shopper.shopId, input.id, shopper.accountId);
    statusAfter(order, 'requestRefund');
    const problem = refundRequestProblem(input.kind, shippingProgress(await shippableLines(tx, shopper.shopId, order.id)), input.returnTrackingNo);
    if (problem) throw invalid(problem.field, problem.message);
    await moveOrder(tx, shopper.shopId, order, 'requestRefund', { customerId: shopper.customerId }, { kind: input.kind });
    const refund = { kind: input.kind, reason: input.reason, returnTrackingNo: input.returnTrackingNo, requestedAt: new Date().toISOString(), resolvedAt: null, refusal: null };
    await tx.query('UPDATE orders SET status_before_refund = $3, refund = $4 WHERE shop_id = $1 AND id = $2', [shopper.shopId, order.id, order.status, JSON.stringify(refund)]);
    const detail = `${input.kind === 'refundOnly' ? '仅退款' : '退货退款'}：${input.reason}`;
    await notifyOwners(tx, shopper.shopId, {
      kind: 'refundRequest',
      source: `refundRequest:${order.id}:${Date.now()}`,
      title: `退款申请：${order.order_no}`,
      body: detail,
      page: `/sub/order/detail/index?id=${order.id}`,
      subject: order.order_no,
      detail,
    });
  });
  return loadOrder(db, shopper.shopId, input.id, shopper.accountId);
}

/**
 * The owner decides a refund. Approved: when stock comes back to the shop (the goods were never sent, or
 * are sent back, which a partly sent order's refund always asks for), the sale bill is reversed whole, which
 * returns the stock at the cost it left with and the money received; a refund of money alone for goods the
 * customer keeps moves no stock. Refused: the order goes back to where it was.
 */
export async function resolveRefund(db: Database, actor: Actor, input: { id: string; approve: boolean; reason?: string }, payments: OnlinePayment): Promise<Order> {
  if (!can(actor, 'approveBills')) throw forbidden('Only the owner decides refunds');
  const refundOnline = await db.transaction(async (tx) => {
    const order = await lockOrder(tx, actor.shopId, input.id);
    const refund = order.refund ?? {};
    if (!input.approve) {
      await moveOrder(tx, actor.shopId, order, 'refuseRefund', { userId: actor.userId }, { reason: input.reason });
      await tx.query('UPDATE orders SET refund = $3 WHERE shop_id = $1 AND id = $2', [actor.shopId, order.id, JSON.stringify({ ...refund, resolvedAt: new Date().toISOString(), refusal: input.reason })]);
      return false;
    }
    await moveOrder(tx, actor.shopId, order, 'approveRefund', { userId: actor.userId });
    // Money paid by WeChat Pay goes back the way it came: recorded as pending here, sent after the commit.
    const [online] = await tx.query<{ out_trade_no: string; total_fen: number }>(
      `SELECT p.out_trade_no, p.total_fen::int FROM orders o JOIN wechat_payments p ON p.shop_id = o.shop_id AND p.order_id = o.id
        WHERE o.shop_id = $1 AND o.id = $2 AND o.payment_method = 'wechatPay'`,
      [actor.shopId, order.id],
    );
    if (online) {
      if (!payments.wechatPay) throw invalidState(`This order was paid with WeChat Pay, which this server is not configured for, so its money cannot go back that way (${payments.off ?? ''})`);
      await recordWechatRefund(tx, actor.shopId, { orderId: order.id, outRefundNo: `${online.out_trade_no}R1`, refundFen: online.total_fen });
    }
    const stockComesBack = refundReturnsStock(refund.kind as RefundKind, shippingProgress(await shippableLines(tx, actor.shopId, order.id)));
    let refundBillId: string | null = null;
    if (stockComesBack && order.bill_id) refundBillId = (await reverseBill(tx, actor, order.bill_id)).id;
    if (stockComesBack) {
      await tx.query(
        `UPDATE goods g SET own_stock = g.own_stock + l.quantity FROM order_lines l
          WHERE l.shop_id = $1 AND l.order_id = $2 AND l.product_id IS NULL AND g.shop_id = l.shop_id AND g.id = l.goods_id`,
        [actor.shopId, order.id],
      );
    }
    await tx.query('UPDATE orders SET refund_bill_id = $3, refund = $4 WHERE shop_id = $1 AND id = $2', [
      actor.shopId,
      order.id,
      refundBillId,
      JSON.stringify({ ...refund, resolvedAt: new Date().toISOString(), refusal: null }),
    ]);
    return online !== undefined;
  });
  if (refundOnline) await sendWechatRefunds(db, payments.wechatPay!, { shopId: actor.shopId, orderId: input.id });
  return loadOrder(db, actor.shopId, input.id);
}
