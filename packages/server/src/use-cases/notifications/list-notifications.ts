import type { Notification, NotificationBadges, NotificationKind, NotificationList } from '@xiaocang/contracts';
import { can, type Actor } from '@xiaocang/domain';
import type { Database, Queryable } from '../../db/database.ts';
import { notFound } from '../../errors.ts';

interface NotificationRow {
  id: string;
  kind: NotificationKind;
  title: string;
  body: string;
  page: string | null;
  created_at: Date;
  read_at: Date | null;
}

const unreadCount = async (db: Queryable, actor: Actor): Promise<number> => {
  const [row] = await db.query<{ count: number }>('SELECT count(*)::int AS count FROM notifications WHERE shop_id = $1 AND user_id = $2 AND in_app AND read_at IS NULL', [
    actor.shopId,
    actor.userId,
  ]);
  return row!.count;
};

/** The caller's own notification centre, newest first. */
export async function listNotifications(db: Queryable, actor: Actor, query: { page: number; pageSize: number; unreadOnly: boolean }): Promise<NotificationList> {
  const rows = await db.query<NotificationRow & { total: string }>(
    `SELECT id::text, kind, title, body, page, created_at, read_at, count(*) OVER () AS total
       FROM notifications WHERE shop_id = $1 AND user_id = $2 AND in_app AND (NOT $3 OR read_at IS NULL)
      ORDER BY id DESC LIMIT $4 OFFSET $5`,
    [actor.shopId, actor.userId, query.unreadOnly, query.pageSize, (query.page - 1) * query.pageSize],
  );
  const items: Notification[] = rows.map((row) => ({
    id: row.id,
    kind: row.kind,
    title: row.title,
    body: row.body,
    page: row.page,
    createdAt: row.created_at.toISOString(),
    readAt: row.read_at?.toISOString() ?? null,
  }));
  return { items, total: Number(rows[0]?.total ?? 0), page: query.page, pageSize: query.pageSize, unreadCount: await unreadCount(db, actor) };
}

/** The home screen's badges; the open warnings only for who may see stock. */
export async function notificationBadges(db: Queryable, actor: Actor): Promise<NotificationBadges> {
  const badges: NotificationBadges = { unreadCount: await unreadCount(db, actor) };
  if (!can(actor, 'viewInventory')) return badges;
  const [open] = await db.query<{ count: number }>('SELECT count(*)::int AS count FROM warning_events WHERE shop_id = $1 AND resolved_at IS NULL', [actor.shopId]);
  return { ...badges, openWarningCount: open!.count };
}

/** Marks one of the caller's notifications read (again is fine); another user's is not found. */
export async function markNotificationRead(db: Database, actor: Actor, id: string): Promise<{ ok: true }> {
  const found = await db.query('UPDATE notifications SET read_at = COALESCE(read_at, now()) WHERE shop_id = $1 AND user_id = $2 AND id = $3 RETURNING id', [
    actor.shopId,
    actor.userId,
    id,
  ]);
  if (found.length === 0) throw notFound('Notification', 'id');
  return { ok: true };
}

export async function markAllNotificationsRead(db: Database, actor: Actor): Promise<{ updated: number }> {
  const updated = await db.query('UPDATE notifications SET read_at = now() WHERE shop_id = $1 AND user_id = $2 AND read_at IS NULL RETURNING id', [actor.shopId, actor.userId]);
  return { updated: updated.length };
}
