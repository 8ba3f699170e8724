import type { NotificationKind, OutboundChannel } from '@xiaocang/contracts';
import type { Queryable } from '../../db/database.ts';
import { isOn, type StoredSwitches } from './channel-switches.ts';

/** One thing to tell: `source` names its cause, so a cause tells each user once however often it is met. */
export interface Notice {
  kind: NotificationKind;
  source: string;
  title: string;
  body: string;
  /** The app page it leads to. */
  page: string | null;
  /** Short fields for message templates (WeChat, SMS): what it is about and one line of detail. */
  subject: string;
  detail: string;
}

interface RecipientRow {
  user_id: string;
  email: string;
  phone: string;
  notification_channels: StoredSwitches;
  open_id: string | null;
  wechat_quota: number;
}

/** Tells the shop's active owners: new orders, refund requests, bills waiting for approval. */
export async function notifyOwners(db: Queryable, shopId: string, notice: Notice): Promise<void> {
  const owners = await db.query<{ id: string }>(`SELECT id::text FROM users WHERE shop_id = $1 AND role = 'owner' AND status = 'active'`, [shopId]);
  await notifyUsers(db, shopId, owners.map((owner) => owner.id), notice);
}

/**
 * Writes a notice for each user, in the caller's transaction: a row in their notification centre and, in the
 * same transaction, one outbox row per outside channel the user has switched on for this kind and can be
 * reached on (an address, or a WeChat account with subscribe messages left). The worker sends them after the
 * commit, so a rolled-back cause tells nobody and a committed one is never lost.
 */
export async function notifyUsers(db: Queryable, shopId: string, userIds: readonly string[], notice: Notice): Promise<void> {
  if (userIds.length === 0) return;
  const users = await db.query<RecipientRow>(
    `SELECT u.id::text AS user_id, u.email, u.phone, u.notification_channels, w.open_id,
            COALESCE((SELECT sum(s.quota) FROM wechat_subscriptions s WHERE s.shop_id = u.shop_id AND s.user_id = u.id), 0)::int AS wechat_quota
       FROM users u LEFT JOIN wechat_logins w ON w.shop_id = u.shop_id AND w.user_id = u.id
      WHERE u.shop_id = $1 AND u.id = ANY($2::bigint[]) AND u.status = 'active'`,
    [shopId, userIds],
  );
  if (users.length === 0) return;
  const addresses = (user: RecipientRow): Array<[OutboundChannel, string]> => {
    const reachable: Array<[OutboundChannel, string | null]> = [
      ['wechat', user.open_id && user.wechat_quota > 0 ? user.open_id : null],
      ['email', user.email || null],
      ['sms', user.phone || null],
    ];
    return reachable.filter((entry): entry is [OutboundChannel, string] => entry[1] !== null && isOn(user.notification_channels, notice.kind, entry[0]));
  };
  const deliveries = users.flatMap((user) => addresses(user).map(([channel, address]) => ({ user: user.user_id, channel, address })));
  await db.query(
    `WITH written AS (
       INSERT INTO notifications (shop_id, user_id, kind, source, title, body, page, fields, in_app)
       SELECT $1, u.id, $3, $4, $5, $6, $7, $8::jsonb, u.in_app FROM unnest($2::bigint[], $9::boolean[]) AS u(id, in_app)
       ON CONFLICT (shop_id, user_id, source) DO NOTHING
       RETURNING id, user_id)
     INSERT INTO notification_deliveries (shop_id, notification_id, channel, address)
     SELECT $1, w.id, d.channel, d.address FROM written w JOIN unnest($10::bigint[], $11::text[], $12::text[]) AS d(user_id, channel, address) ON d.user_id = w.user_id`,
    [
      shopId,
      users.map((user) => user.user_id),
      notice.kind,
      notice.source,
      notice.title,
      notice.body,
      notice.page,
      JSON.stringify({ subject: notice.subject, detail: notice.detail }),
      users.map((user) => isOn(user.notification_channels, notice.kind, 'inApp')),
      deliveries.map((delivery) => delivery.user),
      deliveries.map((delivery) => delivery.channel),
      deliveries.map((delivery) => delivery.address),
    ],
  );
}
