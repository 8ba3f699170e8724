import type { CreateStaffRequest, List, ListQuery, UpdateStaffRequest, User } from '@xiaocang/contracts';
import { can } from '@xiaocang/domain';
import { hashPassword } from '../../auth/password.ts';
import { forbidden, notFound } from '../../errors.ts';
import type { UseCaseContext } from '../../http/context.ts';
import { createUser } from '../accounts/create-user.ts';
import { loadUser, toUser, USER_COLUMNS, type UserRow } from '../accounts/rows.ts';
import { recordAudit } from '../audit/record-audit.ts';

// Staff management is one small aggregate: the owner lists, creates, edits, deactivates and resets.

function requireOwner(context: UseCaseContext): void {
  if (!can(context.actor, 'manageStaff')) throw forbidden('Only the owner can manage staff');
}

async function requireStaffMember({ db, actor }: UseCaseContext, staffId: string): Promise<void> {
  const rows = await db.query(`SELECT 1 FROM users WHERE shop_id = $1 AND id = $2 AND role = 'staff'`, [actor.shopId, staffId]);
  if (rows.length === 0) throw notFound('Staff member');
}

export async function listStaff(context: UseCaseContext, query: ListQuery): Promise<List<User>> {
  requireOwner(context);
  const { db, actor } = context;
  const params = [actor.shopId, query.q ? `%${query.q}%` : null, query.status ?? null];
  const where = `shop_id = $1 AND role = 'staff' AND ($2::text IS NULL OR username ILIKE $2 OR real_name ILIKE $2)
                 AND ($3::text IS NULL OR status = $3)`;
  const [count] = await db.query<{ total: string }>(`SELECT count(*) AS total FROM users WHERE ${where}`, params);
  const rows = await db.query<UserRow>(
    `SELECT ${USER_COLUMNS} FROM users WHERE ${where} ORDER BY id LIMIT $4 OFFSET $5`,
    [...params, query.pageSize, (query.page - 1) * query.pageSize],
  );
  return { items: rows.map(toUser), total: Number(count!.total), page: query.page, pageSize: query.pageSize };
}

export async function createStaff(context: UseCaseContext, input: CreateStaffRequest): Promise<User> {
  requireOwner(context);
  const { db, actor } = context;
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    const id = await createUser(tx, actor.shopId, { ...input, passwordHash, role: 'staff' });
    await recordAudit(tx, actor, 'create', 'staff', id, { username: input.username });
    return loadUser(tx, actor.shopId, id);
  });
}

export async function getStaff(context: UseCaseContext, staffId: string): Promise<User> {
  requireOwner(context);
  await requireStaffMember(context, staffId);
  return loadUser(context.db, context.actor.shopId, staffId);
}

export async function updateStaff(context: UseCaseContext, staffId: string, input: UpdateStaffRequest): Promise<User> {
  requireOwner(context);
  await requireStaffMember(context, staffId);
  const { db, actor } = context;
  return db.transaction(async (tx) => {
    await tx.query(
      `UPDATE users SET real_name = COALESCE($3, real_name), status = COALESCE($4, status), updated_at = now()
        WHERE shop_id = $1 AND id = $2`,
      [actor.shopId, staffId, input.realName ?? null, input.status ?? null],
    );
    if (input.status === 'inactive') await revokeSessions(tx, actor.shopId, staffId);
    await recordAudit(tx, actor, 'update', 'staff', staffId, input);
    return loadUser(tx, actor.shopId, staffId);
  });
}

export const deactivateStaff = (context: UseCaseContext, staffId: string) =>
  updateStaff(context, staffId, { status: 'inactive' });

export async function resetStaffPassword(context: UseCaseContext, staffId: string, password: string): Promise<User> {
  requireOwner(context);
  await requireStaffMember(context, staffId);
  const { db, actor } = context;
  const passwordHash = await hashPassword(password);
  return db.transaction(async (tx) => {
    await tx.query('UPDATE users SET password_hash = $3, updated_at = now() WHERE shop_id = $1 AND id = $2', [
      actor.shopId,
      staffId,
      passwordHash,
    ]);
    // A new password ends every session opened with the old one.
    await revokeSessions(tx, actor.shopId, staffId);
    await recordAudit(tx, actor, 'reset-password', 'staff', staffId);
    return loadUser(tx, actor.shopId, staffId);
  });
}

async function revokeSessions(tx: { query(text: string, params: unknown[]): Promise<unknown> }, shopId: string, userId: string) {
  await tx.query('UPDATE sessions SET revoked_at = now() WHERE shop_id = $1 AND user_id = $2 AND revoked_at IS NULL', [shopId, userId]);
}
