import { staffPermissionsOf, type Actor, type Role, type StaffPermissionOverrides, type StaffPermissions } from '@xiaocang/domain';
import type { FastifyRequest } from 'fastify';
import { hashToken, shopIdOfToken } from '../auth/tokens.ts';
import type { Database } from '../db/database.ts';

interface SessionRow {
  user_id: string;
  role: Role;
  staff_permissions: Partial<StaffPermissions>;
  permission_overrides: StaffPermissionOverrides;
}

/** The token of an `Authorization: Bearer …` header, if there is one. */
export function bearerToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  return header?.startsWith('Bearer ') ? header.slice('Bearer '.length).trim() : undefined;
}

/**
 * Resolves the bearer token to an actor. A revoked or expired session, or a user who has been
 * deactivated since, yields no actor: their tokens stop working at once. The switches are read here on
 * every request, so a change of the shop's set or of a member's overrides binds from the next request.
 */
export async function authenticate(db: Database, request: FastifyRequest): Promise<Actor | null> {
  const token = bearerToken(request);
  const shopId = token === undefined ? undefined : shopIdOfToken(token);
  if (!token || !shopId) return null;
  const [row] = await db.query<SessionRow>(
    `SELECT s.user_id, u.role, sh.staff_permissions, u.permission_overrides
       FROM sessions s
       JOIN users u ON u.shop_id = s.shop_id AND u.id = s.user_id
       JOIN shops sh ON sh.id = s.shop_id
      WHERE s.shop_id = $1 AND s.token_hash = $2 AND s.revoked_at IS NULL AND s.expires_at > now()
        AND u.status = 'active'`,
    [shopId, hashToken(token)],
  );
  if (!row) return null;
  return {
    shopId,
    userId: row.user_id,
    role: row.role,
    staffPermissions: staffPermissionsOf(row.staff_permissions, row.permission_overrides),
  };
}
