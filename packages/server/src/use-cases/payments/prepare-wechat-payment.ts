import type { WechatPayParams } from '@xiaocang/contracts';
import { moneyToFen } from '@xiaocang/domain';
import type { Database } from '../../db/database.ts';
import { invalidState, notFound } from '../../errors.ts';
import type { OnlinePayment } from '../../integrations/config.ts';
import type { Shopper } from '../store/customer-accounts.ts';
import { providerRefusal } from './provider-refusal.ts';
import { requireWechatPay } from './wechat-pay-setup.ts';

/** WeChat keeps a prepay_id valid for two hours; one older than this is not handed out again. */
const PREPAY_REUSE_MINUTES = 110;

/**
 * The customer pays an unpaid order in the mini-program: the order is created at WeChat Pay under the shop's
 * sub-merchant (once; a live prepay_id is reused), payable until the order expires, by the customer's own
 * WeChat account (their sign-in, never an openid the client names), and the client gets wx.requestPayment's
 * parameters signed here.
 */
export async function prepareWechatPayment(db: Database, shopper: Shopper, orderId: string, payments: OnlinePayment): Promise<WechatPayParams> {
  const { wechatPay, subMchid } = await requireWechatPay(db, shopper.shopId, payments);
  const [order] = await db.query<{ order_no: string; status: string; total_amount: string; expires_at: Date; expired: boolean; open_id: string | null; shop_name: string; prepay_id: string | null }>(
    `SELECT o.order_no, o.status, o.total_amount::text, o.expires_at, o.expires_at <= now() AS expired, a.open_id, s.name AS shop_name,
            (SELECT p.prepay_id FROM wechat_payments p WHERE p.shop_id = o.shop_id AND p.order_id = o.id AND p.sub_mchid = $4 AND p.closed_at IS NULL
                AND p.prepaid_at > now() - make_interval(mins => $5)) AS prepay_id
       FROM orders o JOIN customer_accounts a ON a.shop_id = o.shop_id AND a.id = o.account_id JOIN shops s ON s.id = o.shop_id
      WHERE o.shop_id = $1 AND o.id = $2 AND o.account_id = $3`,
    [shopper.shopId, orderId, shopper.accountId, subMchid, PREPAY_REUSE_MINUTES],
  );
  if (!order) throw notFound('Order');
  if (order.status !== 'pendingPayment' || order.expired) throw invalidState('这个订单不是待付款的（已付款、已取消或已过期）');
  if (!order.open_id) throw invalidState('请在微信小程序里用微信登录后再付款');
  if (order.prepay_id) return wechatPay.clientParams(order.prepay_id);
  const totalFen = moneyToFen(order.total_amount);
  const { prepayId } = await providerRefusal(() =>
    wechatPay.create({
      subMchid,
      outTradeNo: order.order_no,
      description: `${order.shop_name}-订单${order.order_no}`,
      totalFen,
      expiresAt: order.expires_at,
      payerOpenId: order.open_id!,
      notifyUrl: wechatPay.notifyUrl(shopper.shopId),
    }),
  );
  // Two taps at once both reach WeChat Pay, which answers the same out_trade_no with the same prepay_id; the row is written once.
  await db.query(
    `INSERT INTO wechat_payments (shop_id, order_id, out_trade_no, sub_mchid, total_fen, prepay_id, prepaid_at) VALUES ($1, $2, $3, $4, $5, $6, now())
     ON CONFLICT (shop_id, order_id) DO UPDATE SET prepay_id = EXCLUDED.prepay_id, prepaid_at = EXCLUDED.prepaid_at, sub_mchid = EXCLUDED.sub_mchid, closed_at = NULL`,
    [shopper.shopId, orderId, order.order_no, subMchid, totalFen, prepayId],
  );
  return wechatPay.clientParams(prepayId);
}
