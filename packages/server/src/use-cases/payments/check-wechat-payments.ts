import type { Database } from '../../db/database.ts';
import type { OnlinePayment } from '../../integrations/config.ts';
import { WechatPayError, type WechatPay } from '../../integrations/wechat-pay/wechat-pay.ts';
import { recordWechatEvent } from './record-wechat-event.ts';
import { sendWechatRefunds } from './wechat-refunds.ts';

interface ClaimedPayment {
  shop_id: string;
  order_id: string;
  out_trade_no: string;
  sub_mchid: string;
  /** The order can no longer be paid (cancelled, expired, or paid another way): its WeChat order is to be closed. */
  unpayable: boolean;
}

export interface CheckTiming {
  /** A payment is first asked about this long after its prepay (WeChat's notification usually comes first). */
  afterMs?: number;
  /** And again no sooner than this after the last question. */
  everyMs?: number;
}

const CLAIM = `
  UPDATE wechat_payments p SET queried_at = $1::timestamptz FROM orders o
   WHERE (p.shop_id, p.order_id) IN (
           SELECT c.shop_id, c.order_id FROM wechat_payments c JOIN orders co ON co.shop_id = c.shop_id AND co.id = c.order_id
            WHERE c.settled_at IS NULL AND ($4::bigint IS NULL OR (c.shop_id = $4 AND c.order_id = $5))
              AND (c.queried_at IS NULL OR c.queried_at <= $1::timestamptz - make_interval(secs => $3 / 1000.0))
              AND (c.prepaid_at <= $1::timestamptz - make_interval(secs => $2 / 1000.0) OR co.status <> 'pendingPayment' OR co.expires_at <= $1::timestamptz)
            ORDER BY c.prepaid_at LIMIT $6 FOR UPDATE OF c SKIP LOCKED)
     AND o.shop_id = p.shop_id AND o.id = p.order_id
  RETURNING p.shop_id::text, p.order_id::text, p.out_trade_no, p.sub_mchid, (o.status <> 'pendingPayment' OR o.expires_at <= $1::timestamptz) AS unpayable`;

/**
 * Asks WeChat Pay about payments no notification has settled: a SUCCESS is applied exactly as its notification
 * would be (recordWechatEvent), a payment still open for an order that can no longer be paid is closed at
 * WeChat, and one WeChat has ended is settled. Each payment is claimed by moving its queried_at under SKIP
 * LOCKED, so several processes share the work and none asks twice at once; the calls to WeChat are made
 * outside any transaction. With `only`, just that order, at once (the customer is looking at it).
 */
export async function checkWechatPayments(
  db: Database,
  payments: OnlinePayment,
  now: Date = new Date(),
  { afterMs = 2 * 60_000, everyMs = 60_000 }: CheckTiming = {},
  only?: { shopId: string; orderId: string },
): Promise<number> {
  const wechatPay = payments.wechatPay;
  if (!wechatPay) return 0;
  const batch = 20;
  let checked = 0;
  for (;;) {
    const claimed = await db.transaction((tx) =>
      tx.query<ClaimedPayment>(CLAIM, [now, only ? 0 : afterMs, only ? 10_000 : everyMs, only?.shopId ?? null, only?.orderId ?? null, batch]),
    );
    for (const payment of claimed) await checkOne(db, wechatPay, payment);
    checked += claimed.length;
    if (claimed.length < batch) break;
  }
  if (!only) await sendWechatRefunds(db, wechatPay);
  return checked;
}

async function checkOne(db: Database, wechatPay: WechatPay, payment: ClaimedPayment): Promise<void> {
  const settle = () => db.query('UPDATE wechat_payments SET settled_at = now() WHERE shop_id = $1 AND order_id = $2 AND settled_at IS NULL', [payment.shop_id, payment.order_id]);
  try {
    const answer = await wechatPay.queryTransaction({ subMchid: payment.sub_mchid, outTradeNo: payment.out_trade_no });
    if (answer.state.state === 'paid') {
      await recordWechatEvent(db, wechatPay, payment.shop_id, { id: `query:${answer.state.transactionId}`, eventType: 'TRANSACTION.SUCCESS', resource: answer.resource });
    } else if (answer.state.state === 'closed') {
      await settle();
    } else if (payment.unpayable) {
      await wechatPay.close({ subMchid: payment.sub_mchid, outTradeNo: payment.out_trade_no });
      await db.query('UPDATE wechat_payments SET closed_at = now(), settled_at = now() WHERE shop_id = $1 AND order_id = $2', [payment.shop_id, payment.order_id]);
    }
  } catch (error) {
    // WeChat Pay refused or was silent: this payment is asked about again on a later pass.
    if (!(error instanceof WechatPayError)) throw error;
  }
}
