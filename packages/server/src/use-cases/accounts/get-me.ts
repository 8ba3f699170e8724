import type { Me } from '@xiaocang/contracts';
import { effectiveRestrictions } from '@xiaocang/domain';
import type { UseCaseContext } from '../../http/context.ts';
import { loadShop, loadUser } from './rows.ts';

export async function getMe({ db, actor }: UseCaseContext): Promise<Me> {
  return {
    user: await loadUser(db, actor.shopId, actor.userId),
    shop: await loadShop(db, actor.shopId),
    permissions: effectiveRestrictions(actor),
  };
}
