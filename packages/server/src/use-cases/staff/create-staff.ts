import type { CreateStaffRequest, StaffMember } from '@xiaocang/contracts';
import type { Actor } from '@xiaocang/domain';
import { hashPassword } from '../../auth/password.ts';
import type { Database } from '../../db/database.ts';
import { createUser } from '../accounts/create-user.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { requireOwner } from './staff-access.ts';
import { loadStaffMember, overrideChanges } from './staff-rows.ts';

export async function createStaff(db: Database, actor: Actor, input: CreateStaffRequest): Promise<StaffMember> {
  requireOwner(actor);
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    const id = await createUser(tx, actor.shopId, { ...input, passwordHash, role: 'staff' });
    const { set } = overrideChanges(input.permissionOverrides);
    await tx.query('UPDATE users SET permission_overrides = $3::jsonb WHERE shop_id = $1 AND id = $2', [actor.shopId, id, set]);
    await recordAudit(tx, actor, 'create', 'staff', id, { username: input.username, permissionOverrides: input.permissionOverrides });
    return loadStaffMember(tx, actor.shopId, id);
  });
}
