import type { Me } from '@xiaocang/contracts';
import { effectiveRestrictions, type Actor } from '@xiaocang/domain';
import type { Queryable } from '../../db/database.ts';
import { loadShop, loadUser } from './rows.ts';

export async function getMe(db: Queryable, actor: Actor): Promise<Me> {
  return {
    user: await loadUser(db, actor.shopId, actor.userId),
    shop: await loadShop(db, actor.shopId),
    permissions: effectiveRestrictions(actor),
  };
}
