import type { Database } from '../../db/database.ts';
import type { TransactionResource, VerifiedNotification, WechatPay } from '../../integrations/wechat-pay/wechat-pay.ts';
import { applyWechatTransaction } from './apply-wechat-transaction.ts';
import { applyWechatRefundResult, sendWechatRefunds } from './wechat-refunds.ts';

/**
 * A verified WeChat Pay event (a notification, or a query's answer under the id `query:<transaction id>`),
 * stored once by its id and applied in the same transaction: a crash leaves it unstored, so WeChat's retry or
 * the next query applies it; a repeat of the id changes nothing, and another event for an order already paid
 * by that transaction is recognised by the order. A refund it calls for is sent after the commit.
 */
export async function recordWechatEvent(db: Database, wechatPay: WechatPay, shopId: string, event: VerifiedNotification): Promise<string> {
  const { outcome, refundFor } = await db.transaction(async (tx) => {
    const [stored] = await tx.query(
      `INSERT INTO wechat_pay_notifications (shop_id, event_id, event_type, resource, outcome) VALUES ($1, $2, $3, $4, 'received')
       ON CONFLICT (shop_id, event_id) DO NOTHING RETURNING 1`,
      [shopId, event.id, event.eventType, JSON.stringify(event.resource)],
    );
    if (!stored) return { outcome: 'repeated', refundFor: null };
    const applied =
      event.eventType === 'TRANSACTION.SUCCESS'
        ? await applyWechatTransaction(tx, shopId, event.resource as TransactionResource, `event:${event.id}`)
        : event.eventType.startsWith('REFUND.')
          ? await applyWechatRefundResult(tx, shopId, event.resource)
          : { outcome: 'ignored', orderId: null };
    await tx.query('UPDATE wechat_pay_notifications SET outcome = $3, order_id = $4 WHERE shop_id = $1 AND event_id = $2', [shopId, event.id, applied.outcome, applied.orderId]);
    return { outcome: applied.outcome, refundFor: applied.outcome === 'refundedStockGone' ? applied.orderId : null };
  });
  if (refundFor) await sendWechatRefunds(db, wechatPay, { shopId, orderId: refundFor });
  return outcome;
}
