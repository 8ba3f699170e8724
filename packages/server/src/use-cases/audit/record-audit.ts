import type { Queryable } from '../../db/database.ts';

/** Who did what to which record, kept in the shop's audit log. */
export async function recordAudit(
  db: Queryable,
  who: { shopId: string; userId: string | null },
  action: string,
  entity: string,
  entityId: string | null,
  data: Record<string, unknown> = {},
): Promise<void> {
  await db.query(
    'INSERT INTO audit_log (shop_id, user_id, action, entity, entity_id, data) VALUES ($1, $2, $3, $4, $5, $6)',
    [who.shopId, who.userId, action, entity, entityId, JSON.stringify(data)],
  );
}
