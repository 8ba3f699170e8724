import type { StaffMember, StaffPermissionChanges } from '@xiaocang/contracts';
import { staffPermissionsOf, type StaffPermissionOverrides, type StaffPermissions } from '@xiaocang/domain';
import type { Queryable } from '../../db/database.ts';
import { notFound } from '../../errors.ts';
import { toUser, USER_COLUMNS, type UserRow } from '../accounts/rows.ts';

export interface StaffRow extends UserRow {
  permission_overrides: StaffPermissionOverrides;
  shop_permissions: Partial<StaffPermissions>;
}

/** Columns of a `users` row with what the member's switches need: their overrides and the shop's set. */
export const STAFF_COLUMNS = `${USER_COLUMNS}, permission_overrides,
  (SELECT staff_permissions FROM shops WHERE shops.id = users.shop_id) AS shop_permissions`;

export function toStaffMember(row: StaffRow): StaffMember {
  return {
    ...toUser(row),
    permissionOverrides: row.permission_overrides,
    permissions: staffPermissionsOf(row.shop_permissions, row.permission_overrides),
  };
}

export async function loadStaffMember(db: Queryable, shopId: string, staffId: string): Promise<StaffMember> {
  const [row] = await db.query<StaffRow>(`SELECT ${STAFF_COLUMNS} FROM users WHERE shop_id = $1 AND id = $2 AND role = 'staff'`, [shopId, staffId]);
  if (!row) throw notFound('Staff member');
  return toStaffMember(row);
}

/**
 * Applies changes to a member's overrides, as parameters for `(permission_overrides || $set::jsonb) - $clear::text[]`:
 * a switch set to true or false is stored, a switch set to null is dropped and follows the shop's set again.
 */
export function overrideChanges(changes: StaffPermissionChanges): { set: string; clear: string[] } {
  const entries = Object.entries(changes);
  return {
    set: JSON.stringify(Object.fromEntries(entries.filter(([, value]) => value !== null))),
    clear: entries.filter(([, value]) => value === null).map(([key]) => key),
  };
}
