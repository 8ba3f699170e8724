import type { Actor } from '@xiaocang/domain';
import type { Queryable } from '../../db/database.ts';
import type { CatalogDefinition } from './definition.ts';
import { loadRecord } from './load-record.ts';

export function getRecord<Dto>(db: Queryable, actor: Actor, { definition, id }: { definition: CatalogDefinition<Dto>; id: string }): Promise<Dto> {
  return loadRecord(db, definition, actor.shopId, id);
}
