import type { Delivery, DeliveryList, OutboundChannel } from '@xiaocang/contracts';
import { can, maskedPhone, type Actor } from '@xiaocang/domain';
import type { Database, Queryable } from '../../db/database.ts';
import { forbidden, invalidState, notFound } from '../../errors.ts';
import { recordAudit } from '../audit/record-audit.ts';

function requireDeliveryAccess(actor: Actor): void {
  if (!can(actor, 'manageConfig')) throw forbidden('Only the owner sees the deliveries');
}

/** Enough of an address to recognise it, not to harvest it: 138****5678, a***@example.com, an openid's last characters. */
export function maskAddress(channel: OutboundChannel, address: string): string {
  if (channel === 'sms') return maskedPhone(address);
  if (channel === 'email') {
    const [name = '', domain = ''] = address.split('@');
    return `${name.slice(0, 1)}***@${domain}`;
  }
  return `微信 …${address.slice(-4)}`;
}

interface DeliveryRow {
  id: string;
  channel: OutboundChannel;
  address: string;
  real_name: string;
  title: string;
  status: Delivery['status'];
  attempts: number;
  last_error: string | null;
  created_at: Date;
  sent_at: Date | null;
  next_attempt_at: Date;
}

const deliverySelect = (extraColumns = ''): string => `SELECT ${extraColumns}d.id::text, d.channel, d.address, u.real_name, n.title, d.status, d.attempts, d.last_error, d.created_at, d.sent_at, d.next_attempt_at
  FROM notification_deliveries d JOIN notifications n ON n.shop_id = d.shop_id AND n.id = d.notification_id
  JOIN users u ON u.shop_id = n.shop_id AND u.id = n.user_id`;

const deliveryOf = (row: DeliveryRow): Delivery => ({
  id: row.id,
  channel: row.channel,
  recipientName: row.real_name,
  address: maskAddress(row.channel, row.address),
  title: row.title,
  status: row.status,
  attempts: row.attempts,
  lastError: row.last_error,
  createdAt: row.created_at.toISOString(),
  sentAt: row.sent_at?.toISOString() ?? null,
  nextAttemptAt: row.status === 'pending' ? row.next_attempt_at.toISOString() : null,
});

/** The shop's outside deliveries, newest first: the failed ones (dead letters) are what the owner looks at. */
export async function listDeliveries(db: Queryable, actor: Actor, query: { page: number; pageSize: number; status?: Delivery['status'] | undefined }): Promise<DeliveryList> {
  requireDeliveryAccess(actor);
  const rows = await db.query<DeliveryRow & { total: string }>(
    `${deliverySelect('count(*) OVER () AS total, ')}
      WHERE d.shop_id = $1 AND ($2::text IS NULL OR d.status = $2) ORDER BY d.id DESC LIMIT $3 OFFSET $4`,
    [actor.shopId, query.status ?? null, query.pageSize, (query.page - 1) * query.pageSize],
  );
  return { items: rows.map(deliveryOf), total: Number(rows[0]?.total ?? 0), page: query.page, pageSize: query.pageSize };
}

/** Puts a failed delivery back in the queue, due now, with its attempts counted afresh. */
export async function retryDelivery(db: Database, actor: Actor, id: string): Promise<Delivery> {
  requireDeliveryAccess(actor);
  return db.transaction(async (tx) => {
    const [found] = await tx.query<{ status: string }>('SELECT status FROM notification_deliveries WHERE shop_id = $1 AND id = $2 FOR UPDATE', [actor.shopId, id]);
    if (!found) throw notFound('Delivery', 'id');
    if (found.status !== 'failed') throw invalidState('Only a failed delivery can be sent again');
    await tx.query(
      `UPDATE notification_deliveries SET status = 'pending', attempts = 0, next_attempt_at = now(), lease_until = NULL WHERE shop_id = $1 AND id = $2`,
      [actor.shopId, id],
    );
    await recordAudit(tx, actor, 'delivery.retry', 'notification_deliveries', id);
    const [row] = await tx.query<DeliveryRow>(`${deliverySelect()} WHERE d.shop_id = $1 AND d.id = $2`, [actor.shopId, id]);
    return deliveryOf(row!);
  });
}
