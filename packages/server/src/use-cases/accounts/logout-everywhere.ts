import type { UseCaseContext } from '../../http/context.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { revokeSessions } from './revoke-sessions.ts';

/** Ends every session of the caller, this one included, and forgets their trusted devices. */
export async function logoutEverywhere({ db, actor }: UseCaseContext): Promise<void> {
  await db.transaction(async (tx) => {
    await revokeSessions(tx, actor.shopId, actor.userId);
    await recordAudit(tx, actor, 'logout-everywhere', 'user', actor.userId);
  });
}
