import type { Role } from '@xiaocang/domain';
import type { Queryable } from '../../db/database.ts';
import { AppError } from '../../errors.ts';

/** Claims the username globally, then creates the user in the shop. Returns the new user's id. */
export async function createUser(
  tx: Queryable,
  shopId: string,
  user: { username: string; passwordHash: string; realName: string; role: Role },
): Promise<string> {
  const username = user.username.toLowerCase();
  const [row] = await tx.query<{ id: string }>(
    `INSERT INTO users (shop_id, username, password_hash, real_name, role) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
    [shopId, username, user.passwordHash, user.realName, user.role],
  );
  const claimed = await tx.query(
    'INSERT INTO login_names (username, shop_id, user_id) VALUES ($1, $2, $3) ON CONFLICT (username) DO NOTHING RETURNING username',
    [username, shopId, row!.id],
  );
  if (claimed.length === 0) {
    throw new AppError('DUPLICATE', 'This username is taken', [{ field: 'username', message: 'is already taken' }]);
  }
  return row!.id;
}
