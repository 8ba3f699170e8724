import type { Queryable } from '../../db/database.ts';
import { notFound } from '../../errors.ts';

const TABLES = { productId: ['products', 'Product'], categoryId: ['categories', 'Category'], stockPointId: ['stock_points', 'Stock point'] } as const;
type FilterField = keyof typeof TABLES;

/**
 * The records a report is narrowed to must be the caller's shop's: another shop's id is not found (404
 * naming the field) rather than an empty report that would look like a real one. Their names come back for
 * an export's header, which says the filters by name.
 */
export async function requireFilterRecords(db: Queryable, shopId: string, filters: Partial<Record<FilterField, string | undefined>>): Promise<Partial<Record<FilterField, string>>> {
  const names: Partial<Record<FilterField, string>> = {};
  for (const [field, id] of Object.entries(filters) as Array<[FilterField, string | undefined]>) {
    if (id === undefined) continue;
    const [table, label] = TABLES[field];
    const [record] = await db.query<{ name: string }>(`SELECT name FROM ${table} WHERE shop_id = $1 AND id = $2`, [shopId, id]);
    if (!record) throw notFound(label, field);
    names[field] = record.name;
  }
  return names;
}
