import { fieldChanges } from '@xiaocang/domain';
import type { Queryable } from '../../db/database.ts';

type Who = { shopId: string; userId: string | null };

/** Who did what to which record, kept in the shop's audit log (append-only: the table refuses updates and deletes). */
export async function recordAudit(db: Queryable, who: Who, action: string, entity: string, entityId: string | null, data: Record<string, unknown> = {}): Promise<void> {
  await db.query('INSERT INTO audit_log (shop_id, user_id, action, entity, entity_id, data) VALUES ($1, $2, $3, $4, $5, $6)', [
    who.shopId,
    who.userId,
    action,
    entity,
    entityId,
    JSON.stringify(data),
  ]);
}

/** An update, kept as the fields it changed with their values before and after; a write that changed nothing leaves no row. */
export async function recordChanges(db: Queryable, who: Who, entity: string, entityId: string | null, before: object, after: object): Promise<void> {
  const changes = fieldChanges(before, after);
  if (changes.length > 0) await recordAudit(db, who, 'update', entity, entityId, { changes });
}
