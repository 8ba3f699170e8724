import { fenToMoney } from '@xiaocang/domain';
import type { Database, Transaction } from '../../db/database.ts';
import type { WechatPay } from '../../integrations/wechat-pay/wechat-pay.ts';
import { WechatPayError, refundStatusOf } from '../../integrations/wechat-pay/wechat-pay.ts';
import { reportPaymentProblem } from './payment-problem.ts';

/**
 * A refund to send back through WeChat Pay, recorded as pending in the caller's transaction (once per
 * out_refund_no, which is deterministic: asking again is the same refund at WeChat Pay too). It is sent after
 * the commit (sendWechatRefunds), so a rolled-back cause refunds nothing and a committed one is never lost.
 */
export async function recordWechatRefund(tx: Transaction, shopId: string, refund: { orderId: string; outRefundNo: string; refundFen: number }): Promise<void> {
  await tx.query(
    `INSERT INTO wechat_refunds (shop_id, out_refund_no, order_id, refund_fen, status) VALUES ($1, $2, $3, $4, 'pending') ON CONFLICT (shop_id, out_refund_no) DO NOTHING`,
    [shopId, refund.outRefundNo, refund.orderId, refund.refundFen],
  );
}

interface UnsentRefund {
  shop_id: string;
  out_refund_no: string;
  order_id: string;
  refund_fen: string;
  out_trade_no: string;
  sub_mchid: string;
  total_fen: string;
}

/**
 * Sends the recorded refunds WeChat Pay has not yet accepted (of one order, or all of them for the retry pass).
 * Each is claimed with SKIP LOCKED so several processes never send one twice at once; a refusal is logged on the
 * order and retried by the next pass, since WeChat Pay answers a repeated out_refund_no with the same refund.
 */
export async function sendWechatRefunds(db: Database, wechatPay: WechatPay, only?: { shopId: string; orderId: string }): Promise<number> {
  let sent = 0;
  for (;;) {
    const done = await db.transaction(async (tx) => {
      const [refund] = await tx.query<UnsentRefund>(
        `SELECT r.shop_id::text, r.out_refund_no, r.order_id::text, r.refund_fen::text, p.out_trade_no, p.sub_mchid, p.total_fen::text
           FROM wechat_refunds r JOIN wechat_payments p ON p.shop_id = r.shop_id AND p.order_id = r.order_id
          WHERE r.status = 'pending' AND r.refund_id IS NULL AND ($1::bigint IS NULL OR (r.shop_id = $1 AND r.order_id = $2))
          ORDER BY r.created_at LIMIT 1 FOR UPDATE OF r SKIP LOCKED`,
        [only?.shopId ?? null, only?.orderId ?? null],
      );
      if (!refund) return false;
      try {
        const answer = await wechatPay.refund({
          subMchid: refund.sub_mchid,
          outTradeNo: refund.out_trade_no,
          outRefundNo: refund.out_refund_no,
          refundFen: Number(refund.refund_fen),
          totalFen: Number(refund.total_fen),
          reason: '订单退款',
          notifyUrl: wechatPay.notifyUrl(refund.shop_id),
        });
        await tx.query(
          `UPDATE wechat_refunds SET refund_id = $3, status = $4, resolved_at = CASE WHEN $4 = 'pending' THEN NULL ELSE now() END WHERE shop_id = $1 AND out_refund_no = $2`,
          [refund.shop_id, refund.out_refund_no, answer.refundId ?? refund.out_refund_no, answer.status],
        );
        if (answer.status === 'failed') await refundFailed(tx, refund.shop_id, refund.order_id, refund.out_refund_no, refund.refund_fen);
      } catch (error) {
        if (!(error instanceof WechatPayError)) throw error;
        // Left pending and unsent: the next pass tries again; the merchant sees why meanwhile.
        await tx.query('UPDATE orders SET payment_problem = $3 WHERE shop_id = $1 AND id = $2', [refund.shop_id, refund.order_id, `微信退款暂未受理（${error.message}），稍后自动重试`]);
        return 'retryLater';
      }
      return true;
    });
    if (done !== true) return sent;
    sent += 1;
  }
}

const refundFailed = (tx: Transaction, shopId: string, orderId: string, outRefundNo: string, fen: string) =>
  reportPaymentProblem(tx, shopId, {
    source: `refund:${outRefundNo}`,
    orderId,
    subject: `退款失败 ${outRefundNo}`,
    detail: `微信退款 ¥${fenToMoney(fen)}（${outRefundNo}）未成功，请在微信支付商户平台处理或线下退还顾客`,
  });

/** A REFUND.* notification: the recorded refund done or failed (once; a refund already resolved stays as it is). */
export async function applyWechatRefundResult(
  tx: Transaction,
  shopId: string,
  resource: { out_refund_no?: string; refund_id?: string; refund_status?: string },
): Promise<{ outcome: 'refundDone' | 'refundFailed' | 'unknownRefund' | 'alreadyHandled'; orderId: string | null }> {
  const status = refundStatusOf(resource.refund_status);
  const [refund] = await tx.query<{ order_id: string; refund_fen: string; status: string }>(
    'SELECT order_id::text, refund_fen::text, status FROM wechat_refunds WHERE shop_id = $1 AND out_refund_no = $2 FOR UPDATE',
    [shopId, resource.out_refund_no ?? ''],
  );
  if (!refund) return { outcome: 'unknownRefund', orderId: null };
  if (refund.status !== 'pending' || status === 'pending') return { outcome: 'alreadyHandled', orderId: refund.order_id };
  await tx.query('UPDATE wechat_refunds SET status = $3, refund_id = COALESCE($4, refund_id), resolved_at = now() WHERE shop_id = $1 AND out_refund_no = $2', [
    shopId,
    resource.out_refund_no,
    status,
    resource.refund_id ?? null,
  ]);
  if (status === 'failed') {
    await refundFailed(tx, shopId, refund.order_id, resource.out_refund_no!, refund.refund_fen);
    return { outcome: 'refundFailed', orderId: refund.order_id };
  }
  return { outcome: 'refundDone', orderId: refund.order_id };
}
