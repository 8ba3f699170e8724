import type { StaffMember } from '@xiaocang/contracts';
import type { UseCaseContext } from '../../http/context.ts';
import { requireOwner } from './staff-access.ts';
import { loadStaffMember } from './staff-rows.ts';

/** The owner is not a staff member, and another shop's user is simply not found. */
export async function getStaff(context: UseCaseContext, staffId: string): Promise<StaffMember> {
  requireOwner(context);
  return loadStaffMember(context.db, context.actor.shopId, staffId);
}
