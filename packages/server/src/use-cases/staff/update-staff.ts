import type { UpdateStaffRequest, User } from '@xiaocang/contracts';
import type { UseCaseContext } from '../../http/context.ts';
import { revokeSessions } from '../accounts/revoke-sessions.ts';
import { loadUser } from '../accounts/rows.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { requireOwner, requireStaffMember } from './staff-access.ts';

export async function updateStaff(context: UseCaseContext, staffId: string, input: UpdateStaffRequest): Promise<User> {
  requireOwner(context);
  await requireStaffMember(context, staffId);
  const { db, actor } = context;
  return db.transaction(async (tx) => {
    await tx.query(
      `UPDATE users SET real_name = COALESCE($3, real_name), status = COALESCE($4, status), updated_at = now()
        WHERE shop_id = $1 AND id = $2`,
      [actor.shopId, staffId, input.realName ?? null, input.status ?? null],
    );
    // A deactivated member's tokens stop working at once.
    if (input.status === 'inactive') await revokeSessions(tx, actor.shopId, staffId);
    await recordAudit(tx, actor, 'update', 'staff', staffId, input);
    return loadUser(tx, actor.shopId, staffId);
  });
}
