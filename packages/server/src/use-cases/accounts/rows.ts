import type { Shop, User } from '@xiaocang/contracts';
import { DEFAULT_STAFF_PERMISSIONS, type StaffPermissions } from '@xiaocang/domain';
import type { Queryable } from '../../db/database.ts';
import { notFound } from '../../errors.ts';

export interface UserRow {
  id: string;
  username: string;
  real_name: string;
  role: 'owner' | 'staff';
  status: 'active' | 'inactive';
  created_at: Date;
  updated_at: Date;
  last_login_at: Date | null;
}

export interface ShopRow {
  id: string;
  name: string;
  staff_permissions: StaffPermissions;
  allow_negative_stock: boolean;
  archive_after_months: number | null;
  /** As text (YYYY-MM-DD), read with the shop. */
  archived_before: string | null;
  created_at: Date;
  updated_at: Date;
}

export const USER_COLUMNS = 'id, username, real_name, role, status, created_at, updated_at, last_login_at';

export function toUser(row: UserRow): User {
  return {
    id: row.id,
    username: row.username,
    realName: row.real_name,
    role: row.role,
    status: row.status,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    lastLoginAt: row.last_login_at?.toISOString() ?? null,
  };
}

function toShop(row: ShopRow): Shop {
  return {
    id: row.id,
    name: row.name,
    staffPermissions: { ...DEFAULT_STAFF_PERMISSIONS, ...row.staff_permissions },
    allowNegativeStock: row.allow_negative_stock,
    archiveAfterMonths: row.archive_after_months,
    archivedBefore: row.archived_before,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

export async function loadShop(db: Queryable, shopId: string): Promise<Shop> {
  const [row] = await db.query<ShopRow>('SELECT * FROM shops WHERE id = $1', [shopId]);
  if (!row) throw notFound('Shop');
  return toShop(row);
}

export async function loadUser(db: Queryable, shopId: string, userId: string): Promise<User> {
  const [row] = await db.query<UserRow>(`SELECT ${USER_COLUMNS} FROM users WHERE shop_id = $1 AND id = $2`, [shopId, userId]);
  if (!row) throw notFound('User');
  return toUser(row);
}
