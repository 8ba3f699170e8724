import type { List, ListQuery, StaffMember } from '@xiaocang/contracts';
import type { Actor } from '@xiaocang/domain';
import type { Queryable } from '../../db/database.ts';
import { containsPattern } from '../../db/like-pattern.ts';
import { requireOwner } from './staff-access.ts';
import { STAFF_COLUMNS, toStaffMember, type StaffRow } from './staff-rows.ts';

export async function listStaff(db: Queryable, actor: Actor, query: ListQuery): Promise<List<StaffMember>> {
  requireOwner(actor);
  const params = [actor.shopId, query.q ? containsPattern(query.q) : null, query.status ?? null];
  const where = `shop_id = $1 AND role = 'staff' AND ($2::text IS NULL OR username ILIKE $2 OR real_name ILIKE $2)
                 AND ($3::text IS NULL OR status = $3)`;
  const [count] = await db.query<{ total: string }>(`SELECT count(*) AS total FROM users WHERE ${where}`, params);
  const rows = await db.query<StaffRow>(
    `SELECT ${STAFF_COLUMNS} FROM users WHERE ${where} ORDER BY id LIMIT $4 OFFSET $5`,
    [...params, query.pageSize, (query.page - 1) * query.pageSize],
  );
  return { items: rows.map(toStaffMember), total: Number(count!.total), page: query.page, pageSize: query.pageSize };
}
