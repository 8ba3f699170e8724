import { quantityShown, shippingInfoRequest, wechatShipmentProblem } from '@xiaocang/domain';
import type { Database } from '../db/database.ts';
import { WechatApiError, type WechatApi } from '../integrations/wechat/wechat-api.ts';

/** A claimed shipment waits this long before another pass may take it (a killed process's claim runs out). */
const CLAIM_MS = 5 * 60_000;
/** After this many failed tries the shipment is marked failed and shown to the merchant. */
const MAX_ATTEMPTS = 8;

interface DueShipment {
  shop_id: string;
  id: string;
  carrier: string;
  tracking_no: string;
  created_at: Date;
  attempts: number;
  all_delivered: boolean;
  first_shipment: boolean;
  transaction_id: string;
  open_id: string | null;
  phone: string;
  items: Array<{ title: string; quantity: string }>;
}

/**
 * Tells WeChat of the shipments of orders paid with WeChat Pay (upload_shipping_info), across shops. Due rows are
 * claimed under FOR UPDATE SKIP LOCKED by moving their next time on, so several processes share the work and a
 * killed one's rows are taken up again; WeChat is called outside any transaction. A refusal WeChat may lift
 * (busy, rate limit) is tried again later with a growing wait; any other, or the eighth, marks it failed with the
 * reason, which the merchant sees on the order.
 */
export async function uploadShippingInfo(db: Database, wechat: Pick<WechatApi, 'postWithToken'> | undefined, now: Date = new Date(), batch = 20): Promise<number> {
  if (!wechat) return 0;
  const due = await db.transaction((tx) =>
    tx.query<DueShipment>(
      `WITH due AS (
         SELECT s.shop_id, s.id FROM order_shipments s
          WHERE s.wechat_upload = 'pending' AND s.wechat_next_at <= $1
          ORDER BY s.wechat_next_at LIMIT $2 FOR UPDATE SKIP LOCKED)
       UPDATE order_shipments s SET wechat_next_at = $1::timestamptz + make_interval(secs => $3)
         FROM due, orders o JOIN customer_accounts a ON a.shop_id = o.shop_id AND a.id = o.account_id
        WHERE s.shop_id = due.shop_id AND s.id = due.id AND o.shop_id = s.shop_id AND o.id = s.order_id
       RETURNING s.shop_id::text, s.id::text, s.carrier, s.tracking_no, s.created_at, s.wechat_attempts AS attempts,
                 s.wechat_all_delivered AS all_delivered, s.wechat_first_shipment AS first_shipment, o.transaction_id, a.open_id,
                 o.address->>'phone' AS phone,
                 (SELECT json_agg(json_build_object('title', l.title, 'quantity', sl.quantity::text) ORDER BY sl.line_no)
                    FROM order_shipment_lines sl JOIN order_lines l ON l.shop_id = sl.shop_id AND l.order_id = sl.order_id AND l.line_no = sl.line_no
                   WHERE sl.shop_id = s.shop_id AND sl.shipment_id = s.id) AS items`,
      [now, batch, CLAIM_MS / 1000],
    ),
  );
  for (const shipment of due) {
    const problem = wechatShipmentProblem(shipment) ?? (shipment.open_id ? null : '下单的顾客没有用微信登录，无法上传发货信息：请在小程序后台手动录入');
    if (problem) {
      await settle(db, shipment, { status: 'failed', error: problem, now });
      continue;
    }
    try {
      await wechat.postWithToken(
        '/wxa/sec/order/upload_shipping_info',
        shippingInfoRequest({
          transactionId: shipment.transaction_id,
          payerOpenId: shipment.open_id!,
          carrier: shipment.carrier,
          trackingNo: shipment.tracking_no,
          items: shipment.items.map((item) => `${item.title}×${quantityShown(item.quantity)}`).join('；'),
          receiverPhone: shipment.phone,
          shippedAt: shipment.created_at,
          allDelivered: shipment.all_delivered,
          firstShipment: shipment.first_shipment,
        }),
      );
      await settle(db, shipment, { status: 'uploaded', error: null, now });
    } catch (error) {
      if (!(error instanceof WechatApiError)) throw error;
      const reason = `微信拒绝了发货信息（${error.errcode} ${error.errmsg}）`;
      const again = error.retryable && shipment.attempts + 1 < MAX_ATTEMPTS;
      await settle(db, shipment, again ? { status: 'pending', error: reason, now, retryInMs: 60_000 * 2 ** shipment.attempts } : { status: 'failed', error: reason, now });
    }
  }
  return due.length;
}

async function settle(
  db: Database,
  shipment: Pick<DueShipment, 'shop_id' | 'id'>,
  outcome: { status: 'uploaded' | 'pending' | 'failed'; error: string | null; now: Date; retryInMs?: number },
): Promise<void> {
  await db.query(
    `UPDATE order_shipments SET wechat_upload = $3, wechat_error = $4, wechat_attempts = wechat_attempts + 1,
            wechat_uploaded_at = CASE WHEN $3 = 'uploaded' THEN $5::timestamptz END,
            wechat_next_at = CASE WHEN $3 = 'pending' THEN $5::timestamptz + make_interval(secs => $6) END
      WHERE shop_id = $1 AND id = $2`,
    [shipment.shop_id, shipment.id, outcome.status, outcome.error, outcome.now, (outcome.retryInMs ?? 0) / 1000],
  );
}
