import type { Queryable } from '../../db/database.ts';

/**
 * Ends a user's sessions (all, or all but the one kept) and forgets their trusted devices, so nothing
 * opened before (a new password, a deactivation, signing out everywhere) keeps any standing.
 */
export async function revokeSessions(tx: Queryable, shopId: string, userId: string, keepTokenHash?: string): Promise<void> {
  await tx.query(
    `UPDATE sessions SET revoked_at = now()
      WHERE shop_id = $1 AND user_id = $2 AND revoked_at IS NULL AND token_hash IS DISTINCT FROM $3`,
    [shopId, userId, keepTokenHash ?? null],
  );
  await tx.query('DELETE FROM trusted_devices WHERE shop_id = $1 AND user_id = $2', [shopId, userId]);
}
