import type { Queryable } from '../../db/database.ts';
import { invalidState } from '../../errors.ts';
import type { OnlinePayment } from '../../integrations/config.ts';
import type { WechatPay } from '../../integrations/wechat-pay/wechat-pay.ts';

export interface WechatPaySetup {
  /** The shop's sub-merchant number, as the owner entered it. */
  subMchid: string | null;
  /** The account chosen in 商城设置, as stored. */
  chosenAccountId: string | null;
  /**
   * The account WeChat Pay money is received into: the chosen one while it is active, else the shop's first
   * active account of kind 微信 (every shop starts with one), else its first active account; none only when
   * the shop has no active account at all.
   */
  accountId: string | null;
  /** Why customers cannot pay with WeChat Pay now, in words; null when they can. */
  off: string | null;
}

/** How the shop takes WeChat Pay: its sub-merchant, the account the money goes to, and whether it is on. */
export async function wechatPaySetup(db: Queryable, shopId: string, payments: OnlinePayment): Promise<WechatPaySetup> {
  const [shop] = await db.query<{ sub_mchid: string | null; chosen: string | null; account_id: string | null }>(
    `SELECT s.wechat_pay_sub_mchid AS sub_mchid, s.wechat_pay_account_id::text AS chosen,
            COALESCE((SELECT a.id FROM payment_accounts a WHERE a.shop_id = s.id AND a.id = s.wechat_pay_account_id AND a.status = 'active'),
                     (SELECT a.id FROM payment_accounts a WHERE a.shop_id = s.id AND a.status = 'active' ORDER BY a.kind <> 'wechat', a.position, a.id LIMIT 1))::text AS account_id
       FROM shops s WHERE s.id = $1`,
    [shopId],
  );
  const off = payments.off ?? (!shop?.sub_mchid ? '店铺未填写微信支付特约商户号（商城设置）' : !shop.account_id ? '店铺没有可用的收款账户（资金账户）' : null);
  return { subMchid: shop?.sub_mchid ?? null, chosenAccountId: shop?.chosen ?? null, accountId: shop?.account_id ?? null, off };
}

/** WeChat Pay for a shop that takes it, or the reason it does not, as a refusal. */
export async function requireWechatPay(db: Queryable, shopId: string, payments: OnlinePayment): Promise<{ wechatPay: WechatPay; subMchid: string; accountId: string }> {
  const setup = await wechatPaySetup(db, shopId, payments);
  if (setup.off || !payments.wechatPay) throw invalidState(`微信支付未开通：${setup.off ?? ''}`);
  return { wechatPay: payments.wechatPay, subMchid: setup.subMchid!, accountId: setup.accountId! };
}
