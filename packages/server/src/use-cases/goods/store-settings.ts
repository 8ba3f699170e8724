import { can, formatQuantity, type Actor } from '@xiaocang/domain';
import type { Database, Queryable } from '../../db/database.ts';
import { forbidden } from '../../errors.ts';
import { recordChanges } from '../audit/record-audit.ts';

export async function getStoreSettings(db: Queryable, actor: Actor): Promise<{ orderExpiryMinutes: number; customerHoldCap: string }> {
  const [shop] = await db.query<{ minutes: number; cap: string }>('SELECT order_expiry_minutes AS minutes, customer_hold_cap::text AS cap FROM shops WHERE id = $1', [actor.shopId]);
  return { orderExpiryMinutes: shop!.minutes, customerHoldCap: formatQuantity(shop!.cap) };
}

/** How long an unpaid order holds its stock, and how much one customer's unpaid orders may hold (owner). */
export async function updateStoreSettings(db: Database, actor: Actor, input: { orderExpiryMinutes: number; customerHoldCap: string }) {
  if (!can(actor, 'manageConfig')) throw forbidden('Only the owner sets how orders hold stock');
  await db.transaction(async (tx) => {
    const before = await getStoreSettings(tx, actor);
    await tx.query('UPDATE shops SET order_expiry_minutes = $2, customer_hold_cap = $3, updated_at = now() WHERE id = $1', [actor.shopId, input.orderExpiryMinutes, input.customerHoldCap]);
    await recordChanges(tx, actor, 'storeSettings', actor.shopId, before, await getStoreSettings(tx, actor));
  });
  return getStoreSettings(db, actor);
}
