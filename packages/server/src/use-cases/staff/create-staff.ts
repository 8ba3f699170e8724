import type { CreateStaffRequest, User } from '@xiaocang/contracts';
import { hashPassword } from '../../auth/password.ts';
import type { UseCaseContext } from '../../http/context.ts';
import { createUser } from '../accounts/create-user.ts';
import { loadUser } from '../accounts/rows.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { requireOwner } from './staff-access.ts';

export async function createStaff(context: UseCaseContext, input: CreateStaffRequest): Promise<User> {
  requireOwner(context);
  const { db, actor } = context;
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    const id = await createUser(tx, actor.shopId, { ...input, passwordHash, role: 'staff' });
    await recordAudit(tx, actor, 'create', 'staff', id, { username: input.username });
    return loadUser(tx, actor.shopId, id);
  });
}
