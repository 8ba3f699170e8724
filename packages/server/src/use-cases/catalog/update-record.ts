import type { Actor } from '@xiaocang/domain';
import type { Database } from '../../db/database.ts';
import { recordChanges } from '../audit/record-audit.ts';
import type { CatalogDefinition } from './definition.ts';
import { refuseIfHoldingStock, switchesOff } from './held-stock.ts';
import { loadRecord } from './load-record.ts';
import { assignments, checkReferences, lockRecord, requireWriteAccess } from './write-access.ts';

export async function updateRecord<Dto>(
  db: Database,
  actor: Actor,
  { definition, id, changes: input }: { definition: CatalogDefinition<Dto>; id: string; changes: Record<string, unknown> },
): Promise<Dto> {
  requireWriteAccess(actor, definition);
  return db.transaction(async (tx) => {
    await lockRecord(tx, definition, actor.shopId, id);
    const before = await loadRecord(tx, definition, actor.shopId, id);
    await checkReferences(tx, definition, actor.shopId, input);
    await definition.beforeWrite?.(tx, actor.shopId, id, input);
    if (switchesOff(definition, input)) await refuseIfHoldingStock(tx, actor, definition, id);
    const values = assignments(definition as CatalogDefinition<unknown>, input);
    const sets = values.map((v, i) => `${v.column} = $${i + 3}`);
    await tx.query(`UPDATE ${definition.table} SET ${[...sets, 'updated_at = now()'].join(', ')} WHERE shop_id = $1 AND id = $2`, [
      actor.shopId,
      id,
      ...values.map((v) => v.value),
    ]);
    await definition.afterWrite?.(tx, actor.shopId, id, input);
    const after = await loadRecord(tx, definition, actor.shopId, id);
    await recordChanges(tx, actor, definition.entity, id, before as object, after as object);
    return after;
  });
}
