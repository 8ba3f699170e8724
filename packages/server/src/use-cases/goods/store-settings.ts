import type { StoreSettings } from '@xiaocang/contracts';
import { can, formatQuantity, type Actor } from '@xiaocang/domain';
import type { Database, Queryable } from '../../db/database.ts';
import { forbidden, notFound } from '../../errors.ts';
import type { OnlinePayment } from '../../integrations/config.ts';
import { recordChanges } from '../audit/record-audit.ts';
import { wechatPaySetup } from '../payments/wechat-pay-setup.ts';

export async function getStoreSettings(db: Queryable, actor: Actor, payments: OnlinePayment): Promise<StoreSettings> {
  const [shop] = await db.query<{ minutes: number; cap: string }>('SELECT order_expiry_minutes AS minutes, customer_hold_cap::text AS cap FROM shops WHERE id = $1', [actor.shopId]);
  const wechatPay = await wechatPaySetup(db, actor.shopId, payments);
  return {
    orderExpiryMinutes: shop!.minutes,
    customerHoldCap: formatQuantity(shop!.cap),
    wechatPaySubMchid: wechatPay.subMchid,
    wechatPayAccountId: wechatPay.chosenAccountId,
    wechatPayEnabled: wechatPay.off === null,
    wechatPayOff: wechatPay.off,
  };
}

/**
 * How long an unpaid order holds its stock, how much one customer's unpaid orders may hold, and how the shop
 * takes WeChat Pay: its sub-merchant number and the account the money goes to (owner).
 */
export async function updateStoreSettings(
  db: Database,
  actor: Actor,
  input: { orderExpiryMinutes: number; customerHoldCap: string; wechatPaySubMchid?: string | undefined; wechatPayAccountId?: string | null | undefined },
  payments: OnlinePayment,
): Promise<StoreSettings> {
  if (!can(actor, 'manageConfig')) throw forbidden('Only the owner sets how orders hold stock and are paid');
  return db.transaction(async (tx) => {
    const before = await getStoreSettings(tx, actor, payments);
    if (input.wechatPayAccountId) {
      const [account] = await tx.query(`SELECT 1 FROM payment_accounts WHERE shop_id = $1 AND id = $2 AND status = 'active'`, [actor.shopId, input.wechatPayAccountId]);
      if (!account) throw notFound('Payment account', 'wechatPayAccountId');
    }
    await tx.query(
      `UPDATE shops SET order_expiry_minutes = $2, customer_hold_cap = $3, updated_at = now(),
              wechat_pay_sub_mchid = CASE WHEN $4::text IS NULL THEN wechat_pay_sub_mchid ELSE NULLIF($4, '') END,
              wechat_pay_account_id = CASE WHEN $5 THEN $6::bigint ELSE wechat_pay_account_id END
        WHERE id = $1`,
      [actor.shopId, input.orderExpiryMinutes, input.customerHoldCap, input.wechatPaySubMchid ?? null, input.wechatPayAccountId !== undefined, input.wechatPayAccountId ?? null],
    );
    const after = await getStoreSettings(tx, actor, payments);
    await recordChanges(tx, actor, 'storeSettings', actor.shopId, before, after);
    return after;
  });
}
