import type { Actor } from '@xiaocang/domain';
import type { Database } from '../../db/database.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { revokeSessions } from './revoke-sessions.ts';

/** Ends every session of the caller, this one included, and forgets their trusted devices. */
export async function logoutEverywhere(db: Database, actor: Actor): Promise<void> {
  await db.transaction(async (tx) => {
    await revokeSessions(tx, actor.shopId, actor.userId);
    await recordAudit(tx, actor, 'logout-everywhere', 'user', actor.userId);
  });
}
