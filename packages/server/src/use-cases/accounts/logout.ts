import type { Actor } from '@xiaocang/domain';
import { hashToken } from '../../auth/tokens.ts';
import type { Queryable } from '../../db/database.ts';

/** Ends the session the caller signed this request with. */
export async function logout(db: Queryable, actor: Actor, sessionToken: string): Promise<void> {
  await db.query('UPDATE sessions SET revoked_at = now() WHERE shop_id = $1 AND user_id = $2 AND token_hash = $3 AND revoked_at IS NULL', [
    actor.shopId,
    actor.userId,
    hashToken(sessionToken),
  ]);
}
