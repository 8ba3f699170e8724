import type { ChangePasswordRequest } from '@xiaocang/contracts';
import type { Actor } from '@xiaocang/domain';
import { hashPassword, verifyPassword } from '../../auth/password.ts';
import { hashToken } from '../../auth/tokens.ts';
import { invalid } from '../../errors.ts';
import type { Database } from '../../db/database.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { checkBucket, claimPasswordCheck, refundPasswordCheck } from './password-checks.ts';
import { revokeSessions } from './revoke-sessions.ts';

/**
 * Any user changes their own password, proving the current one (counted per session like a login, so a
 * borrowed phone cannot guess it). Every other session ends; this one goes on.
 */
export async function changePassword(db: Database, actor: Actor, input: ChangePasswordRequest & { sessionToken: string }): Promise<void> {
  const sessionHash = hashToken(input.sessionToken);
  const bucket = checkBucket.session(actor.shopId, sessionHash);
  await claimPasswordCheck(db, bucket);
  const [user] = await db.query<{ password_hash: string }>('SELECT password_hash FROM users WHERE shop_id = $1 AND id = $2', [
    actor.shopId,
    actor.userId,
  ]);
  if (!(await verifyPassword(input.currentPassword, user!.password_hash))) throw invalid('currentPassword', 'is not your current password');
  await refundPasswordCheck(db, bucket);
  if (input.newPassword === input.currentPassword) throw invalid('newPassword', 'must differ from the current password');
  const passwordHash = await hashPassword(input.newPassword);
  await db.transaction(async (tx) => {
    await tx.query('UPDATE users SET password_hash = $3, updated_at = now() WHERE shop_id = $1 AND id = $2', [actor.shopId, actor.userId, passwordHash]);
    await revokeSessions(tx, actor.shopId, actor.userId, sessionHash);
    await recordAudit(tx, actor, 'change-password', 'user', actor.userId);
  });
}
