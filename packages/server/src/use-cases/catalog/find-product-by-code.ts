import type { Product } from '@xiaocang/contracts';
import type { Actor } from '@xiaocang/domain';
import type { Queryable } from '../../db/database.ts';
import { notFound } from '../../errors.ts';
import { products } from './definitions.ts';
import { loadRecord } from './load-record.ts';

/** The product a scanned or typed code names, in the caller's shop. */
export async function findProductByCode(db: Queryable, actor: Actor, code: string): Promise<Product> {
  const [row] = await db.query<{ id: string }>('SELECT id FROM products WHERE shop_id = $1 AND code = $2', [actor.shopId, code]);
  if (!row) throw notFound('Product');
  return loadRecord(db, products, actor.shopId, row.id);
}
