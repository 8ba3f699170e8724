import type { ShopConfig } from '@xiaocang/contracts';
import type { Actor } from '@xiaocang/domain';
import type { Queryable } from '../../db/database.ts';

export async function getShopConfig(db: Queryable, actor: Actor): Promise<ShopConfig> {
  const rows = await db.query<{ kind: string; name: string }>(
    'SELECT kind, name FROM shop_options WHERE shop_id = $1 ORDER BY kind, position',
    [actor.shopId],
  );
  const of = (kind: string) => rows.filter((row) => row.kind === kind).map((row) => row.name);
  return { inboundTypes: of('inboundType'), outboundTypes: of('outboundType'), units: of('unit') };
}
