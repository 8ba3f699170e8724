import type { Shop } from '@xiaocang/contracts';
import type { Actor } from '@xiaocang/domain';
import type { Queryable } from '../../db/database.ts';
import { loadShop } from '../accounts/rows.ts';

export function getShop(db: Queryable, actor: Actor): Promise<Shop> {
  return loadShop(db, actor.shopId);
}
