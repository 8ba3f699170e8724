import { can, staffPermissionsOf, type Role, type StaffPermissionOverrides, type StaffPermissions } from '@xiaocang/domain';
import type { Queryable } from '../../db/database.ts';

export interface WarningRecipient {
  userId: string;
  name: string;
  role: Role;
  receivesWarnings: boolean;
  /** A warning tells how much stock there is: whoever's switches hide stock never receives one. */
  mayViewStock: boolean;
}

/** The shop's active users with whether they receive warnings: owners always, staff when the owner chose them. */
export async function warningRecipients(db: Queryable, shopId: string): Promise<WarningRecipient[]> {
  const rows = await db.query<{ id: string; real_name: string; role: Role; receives_warnings: boolean; staff_permissions: Partial<StaffPermissions>; permission_overrides: StaffPermissionOverrides }>(
    `SELECT u.id::text, u.real_name, u.role, u.receives_warnings, s.staff_permissions, u.permission_overrides
       FROM users u JOIN shops s ON s.id = u.shop_id
      WHERE u.shop_id = $1 AND u.status = 'active' ORDER BY u.role = 'owner' DESC, u.id`,
    [shopId],
  );
  return rows.map((row) => {
    const mayViewStock = can({ shopId, userId: row.id, role: row.role, staffPermissions: staffPermissionsOf(row.staff_permissions, row.permission_overrides) }, 'viewInventory');
    return { userId: row.id, name: row.real_name, role: row.role, receivesWarnings: mayViewStock && (row.role === 'owner' || row.receives_warnings), mayViewStock };
  });
}
