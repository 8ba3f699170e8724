import type { User } from '@xiaocang/contracts';
import type { UseCaseContext } from '../../http/context.ts';
import { loadUser } from '../accounts/rows.ts';
import { requireOwner, requireStaffMember } from './staff-access.ts';

export async function getStaff(context: UseCaseContext, staffId: string): Promise<User> {
  requireOwner(context);
  await requireStaffMember(context, staffId);
  return loadUser(context.db, context.actor.shopId, staffId);
}
