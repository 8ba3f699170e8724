import type { Shop, UpdateShopRequest } from '@xiaocang/contracts';
import { can, type Actor } from '@xiaocang/domain';
import { forbidden } from '../../errors.ts';
import type { Database } from '../../db/database.ts';
import { loadShop } from '../accounts/rows.ts';
import { recordChanges } from '../audit/record-audit.ts';

export async function updateShop(db: Database, actor: Actor, input: UpdateShopRequest): Promise<Shop> {
  if (!can(actor, 'manageShop')) throw forbidden('Only the owner can change shop settings');
  return db.transaction(async (tx) => {
    const before = await loadShop(tx, actor.shopId);
    await tx.query(
      `UPDATE shops SET
         name = COALESCE($2, name),
         staff_permissions = staff_permissions || COALESCE($3::jsonb, '{}'::jsonb),
         allow_negative_stock = COALESCE($4, allow_negative_stock),
         archive_after_months = CASE WHEN $5 THEN $6::int ELSE archive_after_months END,
         updated_at = now()
       WHERE id = $1`,
      [
        actor.shopId,
        input.name ?? null,
        input.staffPermissions ? JSON.stringify(input.staffPermissions) : null,
        input.allowNegativeStock ?? null,
        input.archiveAfterMonths !== undefined,
        input.archiveAfterMonths ?? null,
      ],
    );
    const after = await loadShop(tx, actor.shopId);
    await recordChanges(tx, actor, 'shop', actor.shopId, before, after);
    return after;
  });
}
