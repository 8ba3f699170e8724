import type { Actor } from '@xiaocang/domain';
import type { Database } from '../../db/database.ts';
import { recordAudit } from '../audit/record-audit.ts';
import type { CatalogDefinition } from './definition.ts';
import { refuseIfHoldingStock } from './held-stock.ts';
import { loadRecord } from './load-record.ts';
import { lockRecord, requireWriteAccess } from './write-access.ts';

/** Soft delete: history may reference the record, so it is switched off, never removed. */
export async function deleteRecord<Dto>(db: Database, actor: Actor, { definition, id }: { definition: CatalogDefinition<Dto>; id: string }): Promise<Dto> {
  requireWriteAccess(actor, definition);
  return db.transaction(async (tx) => {
    await lockRecord(tx, definition, actor.shopId, id);
    await definition.beforeDelete?.(tx, actor.shopId, id);
    await refuseIfHoldingStock(tx, actor, definition, id);
    const { column, value } = definition.softDelete;
    await tx.query(`UPDATE ${definition.table} SET ${column} = $3, updated_at = now() WHERE shop_id = $1 AND id = $2`, [actor.shopId, id, value]);
    await recordAudit(tx, actor, 'delete', definition.entity, id);
    return loadRecord(tx, definition, actor.shopId, id);
  });
}
