import type { Queryable } from '../../db/database.ts';
import { notFound } from '../../errors.ts';

const TABLES = { productId: ['products', 'Product'], categoryId: ['categories', 'Category'], stockPointId: ['stock_points', 'Stock point'] } as const;

/**
 * The records a report is narrowed to must be the caller's shop's: another shop's id is not found (404
 * naming the field) rather than an empty report that would look like a real one.
 */
export async function requireFilterRecords(db: Queryable, shopId: string, filters: Partial<Record<keyof typeof TABLES, string | undefined>>): Promise<void> {
  for (const [field, id] of Object.entries(filters)) {
    if (id === undefined) continue;
    const [table, label] = TABLES[field as keyof typeof TABLES];
    const rows = await db.query(`SELECT 1 FROM ${table} WHERE shop_id = $1 AND id = $2`, [shopId, id]);
    if (rows.length === 0) throw notFound(label, field);
  }
}
