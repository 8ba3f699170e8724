import type { List } from '@xiaocang/contracts';
import type { Actor } from '@xiaocang/domain';
import type { Queryable } from '../../db/database.ts';
import { containsPattern } from '../../db/like-pattern.ts';
import type { CatalogDefinition } from './definition.ts';

export async function listRecords<Dto>(
  db: Queryable,
  actor: Actor,
  { definition, query }: { definition: CatalogDefinition<Dto>; query: { page: number; pageSize: number; q?: string; status?: string; isEnabled?: boolean } & Record<string, unknown> },
): Promise<List<Dto>> {
  const params: unknown[] = [actor.shopId];
  const conditions = ['t.shop_id = $1'];
  if (query.q) {
    params.push(containsPattern(query.q));
    conditions.push(`(${definition.searchColumns.map((column) => `${column} ILIKE $${params.length}`).join(' OR ')})`);
  }
  const statusFilter = definition.softDelete.column === 'status' ? query.status : query.isEnabled;
  if (statusFilter !== undefined) {
    params.push(statusFilter);
    conditions.push(`t.${definition.softDelete.column} = $${params.length}`);
  }
  for (const [key, column] of Object.entries(definition.filters ?? {})) {
    if (query[key] === undefined) continue;
    params.push(query[key]);
    conditions.push(`${column} = $${params.length}`);
  }
  const where = conditions.join(' AND ');
  const [count] = await db.query<{ total: string }>(`SELECT count(*) AS total FROM ${definition.from} WHERE ${where}`, params);
  const extra = definition.extraColumns ? `, ${definition.extraColumns}` : '';
  const rows = await db.query(
    `SELECT t.*${extra} FROM ${definition.from} WHERE ${where}
      ORDER BY ${definition.orderBy ?? 't.id DESC'} LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
    [...params, query.pageSize, (query.page - 1) * query.pageSize],
  );
  return { items: rows.map((row) => definition.toDto(row)), total: Number(count!.total), page: query.page, pageSize: query.pageSize };
}
