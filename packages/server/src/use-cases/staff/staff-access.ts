import { can, type Actor } from '@xiaocang/domain';
import { forbidden, notFound } from '../../errors.ts';
import type { Queryable } from '../../db/database.ts';

// Shared by the staff use cases: only the owner manages staff, and only the staff of their own shop.

export function requireOwner(actor: Actor): void {
  if (!can(actor, 'manageStaff')) throw forbidden('Only the owner can manage staff');
}

/** The owner is not a staff member, and another shop's user is simply not found. */
export async function requireStaffMember(db: Queryable, actor: Actor, staffId: string): Promise<void> {
  const rows = await db.query(`SELECT 1 FROM users WHERE shop_id = $1 AND id = $2 AND role = 'staff'`, [actor.shopId, staffId]);
  if (rows.length === 0) throw notFound('Staff member');
}
