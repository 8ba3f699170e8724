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

/** How long a refund being sent is one process's alone: longer than WeChat Pay may take to answer. */
const CLAIM_SECONDS = 60;

/**
 * Sends the recorded refunds WeChat Pay has not yet accepted (of one order, or all of them for the retry pass).
 * Each is claimed under SKIP LOCKED by moving its claim on, in a transaction of its own, so several processes
 * never send one twice at once; WeChat Pay is called outside any transaction. A refusal is written on the order
 * and the refund is sent again once its claim runs out, since WeChat Pay answers a repeated out_refund_no with
 * the same refund. An answer never undoes what a notification that came first decided.
 */
export async function sendWechatRefunds(db: Database, wechatPay: WechatPay, only?: { shopId: string; orderId: string }): Promise<number> {
  let sent = 0;
  for (;;) {
    const [refund] = await db.transaction((tx) =>
      tx.query<UnsentRefund>(
        `UPDATE wechat_refunds r SET claimed_until = now() + make_interval(secs => $3)
           FROM wechat_payments p
          WHERE (r.shop_id, r.out_refund_no) IN (
                  SELECT c.shop_id, c.out_refund_no FROM wechat_refunds c
                   WHERE c.status = 'pending' AND c.refund_id IS NULL AND (c.claimed_until IS NULL OR c.claimed_until <= now())
                     AND ($1::bigint IS NULL OR (c.shop_id = $1 AND c.order_id = $2))
                   ORDER BY c.created_at LIMIT 1 FOR UPDATE SKIP LOCKED)
            AND p.shop_id = r.shop_id AND p.order_id = r.order_id
        RETURNING r.shop_id::text, r.out_refund_no, r.order_id::text, r.refund_fen::text, p.out_trade_no, p.sub_mchid, p.total_fen::text`,
        [only?.shopId ?? null, only?.orderId ?? null, CLAIM_SECONDS],
      ),
    );
    if (!refund) return sent;
    let answer: Awaited<ReturnType<WechatPay['refund']>>;
    try {
      answer = await wechatPay.refund({
        subMchid: refund.sub_mchid,
        outTradeNo: refund.out_trade_no,
        outRefundNo: refund.out_refund_no,
        refundFen: Number(refund.refund_fen),
        totalFen: Number(refund.total_fen),
        reason: '订单退款',
        notifyUrl: wechatPay.notifyUrl(refund.shop_id),
      });
    } catch (error) {
      if (!(error instanceof WechatPayError)) throw error;
      // Left pending and unsent: a later pass tries again; the merchant sees why meanwhile.
      await db.query('UPDATE orders SET payment_problem = $3 WHERE shop_id = $1 AND id = $2', [refund.shop_id, refund.order_id, `微信退款暂未受理（${error.message}），稍后自动重试`]);
      return sent;
    }
    await db.transaction(async (tx) => {
      const [stored] = await tx.query<{ status: string }>('SELECT status FROM wechat_refunds WHERE shop_id = $1 AND out_refund_no = $2 FOR UPDATE', [refund.shop_id, refund.out_refund_no]);
      // A notification that came while WeChat was answering has already decided the outcome.
      const outcome = stored?.status === 'pending' ? answer.status : stored?.status;
      await tx.query(
        `UPDATE wechat_refunds SET refund_id = COALESCE(refund_id, $3), claimed_until = NULL, status = $4,
                resolved_at = CASE WHEN status = 'pending' AND $4 <> 'pending' THEN now() ELSE resolved_at END
          WHERE shop_id = $1 AND out_refund_no = $2`,
        [refund.shop_id, refund.out_refund_no, answer.refundId ?? refund.out_refund_no, outcome],
      );
      if (stored?.status === 'pending' && answer.status === 'failed') await refundFailed(tx, refund.shop_id, refund.order_id, refund.out_refund_no, refund.refund_fen);
    });
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
