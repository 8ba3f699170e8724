import type { NotificationPreferences } from '@xiaocang/contracts';
import type { Actor } from '@xiaocang/domain';
import type { Database } from '../../db/database.ts';
import { AppError, invalidState } from '../../errors.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { getNotificationPreferences } from './notification-preferences.ts';
import type { OutsideChannels } from './outside-channels.ts';

/**
 * Binds the WeChat account of the mini-program the caller is signed into: its login code is exchanged with
 * WeChat by the server (an openid sent by a client is never believed). One account per user and one user
 * per account: binding again moves it.
 */
export async function bindWechat(db: Database, actor: Actor, input: { code: string }, outside: OutsideChannels): Promise<NotificationPreferences> {
  if (!outside.codeToOpenId) throw invalidState('WeChat sign-in is not configured on this server (WECHAT_APPID, WECHAT_SECRET)');
  const openId = await outside.codeToOpenId(input.code);
  await db.transaction(async (tx) => {
    await tx.query('DELETE FROM wechat_logins WHERE open_id = $1 OR (shop_id = $2 AND user_id = $3)', [openId, actor.shopId, actor.userId]);
    await tx.query('INSERT INTO wechat_logins (open_id, shop_id, user_id) VALUES ($1, $2, $3)', [openId, actor.shopId, actor.userId]);
    await recordAudit(tx, actor, 'wechat.bind', 'users', actor.userId);
  });
  return getNotificationPreferences(db, actor, outside);
}

export async function unbindWechat(db: Database, actor: Actor, outside: OutsideChannels): Promise<NotificationPreferences> {
  await db.transaction(async (tx) => {
    await tx.query('DELETE FROM wechat_logins WHERE shop_id = $1 AND user_id = $2', [actor.shopId, actor.userId]);
    await recordAudit(tx, actor, 'wechat.unbind', 'users', actor.userId);
  });
  return getNotificationPreferences(db, actor, outside);
}

/**
 * What `wx.requestSubscribeMessage` answered after the user's tap: each template accepted allows WeChat one
 * more message to this user, so its quota grows by one. Only the configured template counts.
 */
export async function recordWechatSubscription(
  db: Database,
  actor: Actor,
  input: { results: Record<string, 'accept' | 'reject' | 'ban' | 'filter'> },
  outside: OutsideChannels,
): Promise<NotificationPreferences> {
  const template = outside.wechatTemplateId;
  if (!template || outside.missing.wechat) throw invalidState('WeChat messages are not configured on this server');
  if (input.results[template] === 'accept') {
    const [bound] = await db.query('SELECT 1 FROM wechat_logins WHERE shop_id = $1 AND user_id = $2', [actor.shopId, actor.userId]);
    if (!bound) throw new AppError('INVALID_STATE', 'Bind WeChat first (绑定微信)');
    await db.query(
      `INSERT INTO wechat_subscriptions (shop_id, user_id, template_id, quota) VALUES ($1, $2, $3, 1)
       ON CONFLICT (shop_id, user_id, template_id) DO UPDATE SET quota = wechat_subscriptions.quota + 1, updated_at = now()`,
      [actor.shopId, actor.userId, template],
    );
  }
  return getNotificationPreferences(db, actor, outside);
}
