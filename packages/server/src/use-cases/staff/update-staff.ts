import type { StaffMember, UpdateStaffRequest } from '@xiaocang/contracts';
import type { Actor } from '@xiaocang/domain';
import type { Database } from '../../db/database.ts';
import { revokeSessions } from '../accounts/revoke-sessions.ts';
import { recordChanges } from '../audit/record-audit.ts';
import { requireOwner, requireStaffMember } from './staff-access.ts';
import { loadStaffMember, overrideChanges } from './staff-rows.ts';

export async function updateStaff(
  db: Database,
  actor: Actor,
  { id: staffId, changes: input }: { id: string; changes: UpdateStaffRequest },
): Promise<StaffMember> {
  requireOwner(actor);
  await requireStaffMember(db, actor, staffId);
  // Switches are read with the session on every request, so a change binds the member from their next one.
  const overrides = overrideChanges(input.permissionOverrides ?? {});
  return db.transaction(async (tx) => {
    const before = await loadStaffMember(tx, actor.shopId, staffId);
    await tx.query(
      `UPDATE users SET real_name = COALESCE($3, real_name), status = COALESCE($4, status),
              permission_overrides = (permission_overrides || $5::jsonb) - $6::text[], updated_at = now()
        WHERE shop_id = $1 AND id = $2`,
      [actor.shopId, staffId, input.realName ?? null, input.status ?? null, overrides.set, overrides.clear],
    );
    // A deactivated member's tokens stop working at once.
    if (input.status === 'inactive') await revokeSessions(tx, actor.shopId, staffId);
    const after = await loadStaffMember(tx, actor.shopId, staffId);
    await recordChanges(tx, actor, 'staff', staffId, before, after);
    return after;
  });
}
