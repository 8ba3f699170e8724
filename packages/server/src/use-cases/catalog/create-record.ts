import type { Actor } from '@xiaocang/domain';
import type { Transaction } from '../../db/database.ts';
import { recordAudit } from '../audit/record-audit.ts';
import type { CatalogDefinition } from './definition.ts';
import { loadRecord } from './load-record.ts';
import { assignments, checkReferences, requireWriteAccess } from './write-access.ts';

/** Runs in the transaction that claims the request's Idempotency-Key, so a retried create makes one record. */
export async function createRecord<Dto>(
  tx: Transaction,
  actor: Actor,
  { definition, values: input }: { definition: CatalogDefinition<Dto>; values: Record<string, unknown> },
): Promise<Dto> {
  requireWriteAccess(actor, definition);
  await checkReferences(tx, definition, actor.shopId, input);
  await definition.beforeWrite?.(tx, actor.shopId, null, input);
  const values = assignments(definition as CatalogDefinition<unknown>, input);
  if (definition.recordsCreator) values.push({ column: 'created_by', value: actor.userId });
  const columns = ['shop_id', ...values.map((v) => v.column)];
  const [row] = await tx.query<{ id: string }>(
    `INSERT INTO ${definition.table} (${columns.join(', ')}) VALUES (${columns.map((_, i) => `$${i + 1}`).join(', ')}) RETURNING id`,
    [actor.shopId, ...values.map((v) => v.value)],
  );
  const id = row!.id;
  await definition.afterWrite?.(tx, actor.shopId, id, input);
  await recordAudit(tx, actor, 'create', definition.entity, id, input);
  return loadRecord(tx, definition, actor.shopId, id);
}
