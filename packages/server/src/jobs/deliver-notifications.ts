import type { OutboundChannel } from '@xiaocang/contracts';
import { shopMinute } from '@xiaocang/domain';
import type { Database } from '../db/database.ts';
import { DeliveryError, type Channel } from '../integrations/channel.ts';

/** Sends given up after this many attempts are marked failed, for the owner to see and retry. */
export const MAX_ATTEMPTS = 6;

/** Waits before attempt n + 1: 30 s, 1, 2, 4, 8 min… up to an hour, with a little jitter so retries do not march together. */
export function retryDelayMs(attempts: number, random = Math.random): number {
  const base = Math.min(30_000 * 2 ** (attempts - 1), 3_600_000);
  return Math.round(base * (0.9 + 0.2 * random()));
}

interface ClaimedRow {
  shop_id: string;
  id: string;
  user_id: string;
  channel: OutboundChannel;
  address: string;
  attempts: number;
  kind: string;
  title: string;
  body: string;
  page: string | null;
  fields: { subject?: string; detail?: string };
  created_at: Date;
}

export interface DeliveryOptions {
  channels: Partial<Record<OutboundChannel, Channel>>;
  /** What the owner is told for a channel this server cannot send on. */
  missing: Partial<Record<OutboundChannel, string>>;
  /** The WeChat template whose subscriptions a subscribe message uses. */
  wechatTemplateId: string | null;
  /** How long a claimed delivery is a worker's alone: longer than any send may take; after it, another worker takes it up. */
  leaseMs: number;
  batch?: number;
  now?: () => Date;
}

/**
 * Takes due deliveries (due, not leased by a live worker) and leases them in one short transaction (SKIP
 * LOCKED: several processes take different rows), so nothing is held open while a message travels.
 */
async function claim(db: Database, options: DeliveryOptions): Promise<ClaimedRow[]> {
  const now = (options.now ?? (() => new Date()))();
  return db.query<ClaimedRow>(
    `WITH due AS (
       SELECT shop_id, id FROM notification_deliveries
        WHERE status = 'pending' AND next_attempt_at <= $1 AND (lease_until IS NULL OR lease_until <= $1)
        ORDER BY next_attempt_at LIMIT $3 FOR UPDATE SKIP LOCKED),
     claimed AS (
       UPDATE notification_deliveries d SET lease_until = $1::timestamptz + make_interval(secs => $2::double precision / 1000), attempts = d.attempts + 1
         FROM due WHERE d.shop_id = due.shop_id AND d.id = due.id
       RETURNING d.shop_id, d.id, d.notification_id, d.channel, d.address, d.attempts)
     SELECT c.shop_id::text, c.id::text, n.user_id::text, c.channel, c.address, c.attempts, n.kind, n.title, n.body, n.page, n.fields, n.created_at
       FROM claimed c JOIN notifications n ON n.shop_id = c.shop_id AND n.id = c.notification_id`,
    [now, options.leaseMs, options.batch ?? 20],
  );
}

/** Sends one claimed delivery and records how it went; a failure of one never stops the others. */
async function deliverOne(db: Database, row: ClaimedRow, options: DeliveryOptions): Promise<void> {
  const now = (options.now ?? (() => new Date()))();
  const settle = (status: 'sent' | 'failed' | 'pending', error: string | null, retryAt: Date | null) =>
    db.query(
      `UPDATE notification_deliveries SET status = $3, last_error = $4, lease_until = NULL,
              sent_at = CASE WHEN $3 = 'sent' THEN $5::timestamptz END, next_attempt_at = COALESCE($6, next_attempt_at)
        WHERE shop_id = $1 AND id = $2 AND status = 'pending'`,
      [row.shop_id, row.id, status, error, now, retryAt],
    );
  const channel = options.channels[row.channel];
  if (!channel) return void (await settle('failed', options.missing[row.channel] ?? `${row.channel} is not configured`, null));
  const template = options.wechatTemplateId;
  if (row.channel === 'wechat') {
    const [left] = await db.query<{ quota: number }>('SELECT quota FROM wechat_subscriptions WHERE shop_id = $1 AND user_id = $2 AND template_id = $3', [
      row.shop_id,
      row.user_id,
      template,
    ]);
    if (!left || left.quota <= 0) return void (await settle('failed', '微信订阅次数已用完：请在小程序“通知设置”里点“开启微信提醒”', null));
  }
  try {
    await channel.send({
      key: `xiaocang-${row.shop_id}-${row.id}`,
      to: row.address,
      kind: row.kind,
      title: row.title,
      body: row.body,
      fields: { subject: row.fields.subject ?? row.title, detail: row.fields.detail ?? row.body, time: shopMinute(new Date(row.created_at)) },
      ...(row.page ? { page: row.page } : {}),
    });
  } catch (error) {
    const refused = error instanceof DeliveryError && !error.retryable;
    const message = error instanceof Error ? error.message : String(error);
    // WeChat's 43101: the user has no subscription left, whatever was counted here.
    if (error instanceof DeliveryError && error.code === '43101') {
      await db.query('UPDATE wechat_subscriptions SET quota = 0, updated_at = now() WHERE shop_id = $1 AND user_id = $2 AND template_id = $3', [row.shop_id, row.user_id, template]);
    }
    if (refused || row.attempts >= MAX_ATTEMPTS) return void (await settle('failed', message, null));
    return void (await settle('pending', message, new Date(now.getTime() + retryDelayMs(row.attempts))));
  }
  await settle('sent', null, null);
  if (row.channel === 'wechat') {
    await db.query('UPDATE wechat_subscriptions SET quota = quota - 1, updated_at = now() WHERE shop_id = $1 AND user_id = $2 AND template_id = $3 AND quota > 0', [
      row.shop_id,
      row.user_id,
      template,
    ]);
  }
}

/** Delivers what is due, batch by batch, until nothing is; returns how many deliveries were tried. */
export async function deliverNotifications(db: Database, options: DeliveryOptions): Promise<number> {
  let tried = 0;
  for (;;) {
    const claimed = await claim(db, options);
    if (claimed.length === 0) return tried;
    await Promise.all(claimed.map((row) => deliverOne(db, row, options)));
    tried += claimed.length;
  }
}
