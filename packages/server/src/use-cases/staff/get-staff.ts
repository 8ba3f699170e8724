import type { StaffMember } from '@xiaocang/contracts';
import type { Actor } from '@xiaocang/domain';
import type { Queryable } from '../../db/database.ts';
import { requireOwner } from './staff-access.ts';
import { loadStaffMember } from './staff-rows.ts';

/** The owner is not a staff member, and another shop's user is simply not found. */
export async function getStaff(db: Queryable, actor: Actor, staffId: string): Promise<StaffMember> {
  requireOwner(actor);
  return loadStaffMember(db, actor.shopId, staffId);
}
