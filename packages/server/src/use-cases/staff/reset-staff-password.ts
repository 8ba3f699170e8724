import type { User } from '@xiaocang/contracts';
import type { Actor } from '@xiaocang/domain';
import { hashPassword } from '../../auth/password.ts';
import type { Database } from '../../db/database.ts';
import { revokeSessions } from '../accounts/revoke-sessions.ts';
import { loadUser } from '../accounts/rows.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { requireOwner, requireStaffMember } from './staff-access.ts';

export async function resetStaffPassword(db: Database, actor: Actor, { id: staffId, password }: { id: string; password: string }): Promise<User> {
  requireOwner(actor);
  await requireStaffMember(db, actor, staffId);
  const passwordHash = await hashPassword(password);
  return db.transaction(async (tx) => {
    await tx.query('UPDATE users SET password_hash = $3, updated_at = now() WHERE shop_id = $1 AND id = $2', [
      actor.shopId,
      staffId,
      passwordHash,
    ]);
    // A new password ends every session opened with the old one.
    await revokeSessions(tx, actor.shopId, staffId);
    await recordAudit(tx, actor, 'reset-password', 'staff', staffId);
    return loadUser(tx, actor.shopId, staffId);
  });
}
