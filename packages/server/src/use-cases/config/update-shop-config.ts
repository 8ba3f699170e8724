import type { ShopConfig } from '@xiaocang/contracts';
import { can, type Actor } from '@xiaocang/domain';
import { forbidden } from '../../errors.ts';
import type { Database } from '../../db/database.ts';
import { recordChanges } from '../audit/record-audit.ts';
import { getShopConfig } from './get-shop-config.ts';

const KINDS = { inboundTypes: 'inboundType', outboundTypes: 'outboundType', units: 'unit' } as const;

/** Replaces the lists given. Bills keep the type name they were made with, so removing a type is safe. */
export async function updateShopConfig(db: Database, actor: Actor, input: Partial<ShopConfig>): Promise<ShopConfig> {
  if (!can(actor, 'manageConfig')) throw forbidden('Only the owner can change bill types and units');
  return db.transaction(async (tx) => {
    const before = await getShopConfig(tx, actor);
    for (const [field, kind] of Object.entries(KINDS) as Array<[keyof ShopConfig, string]>) {
      const names = input[field];
      if (!names) continue;
      await tx.query('DELETE FROM shop_options WHERE shop_id = $1 AND kind = $2', [actor.shopId, kind]);
      await tx.query(
        `INSERT INTO shop_options (shop_id, kind, name, position)
         SELECT $1, $2, name, ordinality - 1 FROM unnest($3::text[]) WITH ORDINALITY AS o(name, ordinality)`,
        [actor.shopId, kind, names],
      );
    }
    const after = await getShopConfig(tx, actor);
    await recordChanges(tx, actor, 'config', null, before, after);
    return after;
  });
}
