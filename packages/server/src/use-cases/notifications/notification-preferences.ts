import { NOTIFICATION_KINDS, type NotificationChannel, type NotificationKind, type NotificationPreferences, type NotificationPreferencesInput } from '@xiaocang/contracts';
import { can, type Actor } from '@xiaocang/domain';
import type { Database, Queryable } from '../../db/database.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { warningRecipients } from '../warnings/warning-recipients.ts';
import { channelSwitchesOf, type StoredSwitches } from './channel-switches.ts';
import type { OutsideChannels } from './outside-channels.ts';

const KIND_LABEL: Record<NotificationKind, string> = {
  warning: '库存预警',
  approvalRequest: '待审核单据',
  approvalResult: '审核结果',
  newOrder: '新订单',
  refundRequest: '退款申请',
  paymentProblem: '收款异常',
};

/** Whether this user can be told of a kind at all: warnings go to the recipients the owner chose, approvals to whoever they concern. */
async function allowedKinds(db: Queryable, actor: Actor): Promise<Record<NotificationKind, boolean>> {
  const recipient = (await warningRecipients(db, actor.shopId)).find((user) => user.userId === actor.userId);
  return {
    warning: recipient?.receivesWarnings ?? false,
    approvalRequest: can(actor, 'approveBills'),
    approvalResult: true,
    newOrder: can(actor, 'approveBills'),
    refundRequest: can(actor, 'approveBills'),
    paymentProblem: can(actor, 'approveBills'),
  };
}

/** The caller's own addresses and switches, and which channels can reach them (and what is missing where one cannot). */
export async function getNotificationPreferences(db: Queryable, actor: Actor, outside: OutsideChannels): Promise<NotificationPreferences> {
  const [user] = await db.query<{ email: string; phone: string; notification_channels: StoredSwitches; open_id: string | null; quota: number }>(
    `SELECT u.email, u.phone, u.notification_channels, w.open_id,
            COALESCE((SELECT s.quota FROM wechat_subscriptions s WHERE s.shop_id = u.shop_id AND s.user_id = u.id AND s.template_id = $3), 0) AS quota
       FROM users u LEFT JOIN wechat_logins w ON w.shop_id = u.shop_id AND w.user_id = u.id
      WHERE u.shop_id = $1 AND u.id = $2`,
    [actor.shopId, actor.userId, outside.wechatTemplateId ?? ''],
  );
  const allowed = await allowedKinds(db, actor);
  const missingOf: Record<NotificationChannel, string | null> = {
    inApp: null,
    wechat: outside.missing.wechat ?? (!user!.open_id ? '还没有绑定微信：请在小程序里点“绑定微信”' : user!.quota <= 0 ? '微信提醒次数已用完：在小程序里点“开启微信提醒”，每点一次可再收一条' : null),
    email: outside.missing.email ?? (user!.email ? null : '还没有填写邮箱'),
    sms: outside.missing.sms ?? (user!.phone ? null : '还没有填写手机号'),
  };
  return {
    email: user!.email,
    phone: user!.phone,
    wechatBound: user!.open_id !== null,
    wechatQuota: user!.quota,
    wechatTemplateId: outside.missing.wechat ? null : outside.wechatTemplateId,
    channels: (Object.keys(missingOf) as NotificationChannel[]).map((channel) => ({ channel, ready: missingOf[channel] === null, missing: missingOf[channel] })),
    kinds: NOTIFICATION_KINDS.map((kind) => ({ kind, label: KIND_LABEL[kind], allowed: allowed[kind], channels: channelSwitchesOf(user!.notification_channels, kind) })),
  };
}

/** Changes the caller's own addresses and switches; a switch not named stays as it was. */
export async function updateNotificationPreferences(
  db: Database,
  actor: Actor,
  input: NotificationPreferencesInput,
  outside: OutsideChannels,
): Promise<NotificationPreferences> {
  await db.transaction(async (tx) => {
    const [user] = await tx.query<{ notification_channels: StoredSwitches }>('SELECT notification_channels FROM users WHERE shop_id = $1 AND id = $2 FOR UPDATE', [
      actor.shopId,
      actor.userId,
    ]);
    const switches: StoredSwitches = { ...user!.notification_channels };
    for (const [kind, changes] of Object.entries(input.kinds ?? {}) as Array<[NotificationKind, StoredSwitches[NotificationKind]]>) switches[kind] = { ...switches[kind], ...changes };
    await tx.query(
      'UPDATE users SET email = COALESCE($3, email), phone = COALESCE($4, phone), notification_channels = $5, updated_at = now() WHERE shop_id = $1 AND id = $2',
      [actor.shopId, actor.userId, input.email ?? null, input.phone ?? null, JSON.stringify(switches)],
    );
    await recordAudit(tx, actor, 'notificationPreferences.update', 'users', actor.userId, { ...input });
  });
  return getNotificationPreferences(db, actor, outside);
}
