import type { Queryable } from '../../db/database.ts';
import { notFound } from '../../errors.ts';
import type { CatalogDefinition } from './definition.ts';

export async function loadRecord<Dto>(db: Queryable, definition: CatalogDefinition<Dto>, shopId: string, id: string): Promise<Dto> {
  const extra = definition.extraColumns ? `, ${definition.extraColumns}` : '';
  const [row] = await db.query(`SELECT t.*${extra} FROM ${definition.from} WHERE t.shop_id = $1 AND t.id = $2`, [shopId, id]);
  if (!row) throw notFound(definition.label);
  return definition.toDto(row);
}
