import type { UseCaseContext } from '../../http/context.ts';
import type { CatalogDefinition } from './definition.ts';
import { loadRecord } from './load-record.ts';

export function getRecord<Dto>({ db, actor }: UseCaseContext, definition: CatalogDefinition<Dto>, id: string): Promise<Dto> {
  return loadRecord(db, definition, actor.shopId, id);
}
