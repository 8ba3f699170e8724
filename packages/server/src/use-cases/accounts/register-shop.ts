import type { RegisterRequest, Session } from '@xiaocang/contracts';
import { DEFAULT_BILL_TYPES, DEFAULT_STAFF_PERMISSIONS } from '@xiaocang/domain';
import { hashPassword } from '../../auth/password.ts';
import type { Database } from '../../db/database.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { openSession } from './open-session.ts';
import { createUser } from './create-user.ts';

// The bill types come with what each means for the figures (domain figures.ts).
export const DEFAULT_INBOUND_TYPES = DEFAULT_BILL_TYPES.in.map(([name]) => name);
export const DEFAULT_OUTBOUND_TYPES = DEFAULT_BILL_TYPES.out.map(([name]) => name);
export const DEFAULT_UNITS = ['个', '件', '箱', '瓶', '包', '袋', '千克'];
export const DEFAULT_STOCK_POINT_NAME = '默认仓库';
export const DEFAULT_PRICE_LEVEL_NAME = '零售价';
export const DEFAULT_PAYMENT_ACCOUNTS = [
  { name: '微信', kind: 'wechat' },
  { name: '支付宝', kind: 'alipay' },
  { name: '现金', kind: 'cash' },
  { name: '银行卡', kind: 'bank' },
] as const;

/** Creates the shop, its owner and the defaults a new shop starts with, then logs the owner in. */
export async function registerShop(db: Database, input: RegisterRequest): Promise<Session> {
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    const [shop] = await tx.query<{ id: string }>(
      'INSERT INTO shops (name, staff_permissions) VALUES ($1, $2) RETURNING id',
      [input.shopName, JSON.stringify(DEFAULT_STAFF_PERMISSIONS)],
    );
    const shopId = shop!.id;
    const ownerId = await createUser(tx, shopId, { ...input, passwordHash, role: 'owner' });
    const options = [
      ...DEFAULT_INBOUND_TYPES.map((name, position) => ['inboundType', name, position] as const),
      ...DEFAULT_OUTBOUND_TYPES.map((name, position) => ['outboundType', name, position] as const),
      ...DEFAULT_UNITS.map((name, position) => ['unit', name, position] as const),
    ];
    await tx.query(
      `INSERT INTO shop_options (shop_id, kind, name, position)
       SELECT $1, kind, name, position FROM unnest($2::text[], $3::text[], $4::int[]) AS o(kind, name, position)`,
      [shopId, options.map((o) => o[0]), options.map((o) => o[1]), options.map((o) => o[2])],
    );
    await tx.query(`INSERT INTO stock_points (shop_id, name, is_default) VALUES ($1, $2, true)`, [shopId, DEFAULT_STOCK_POINT_NAME]);
    await tx.query(`INSERT INTO price_levels (shop_id, name, is_default) VALUES ($1, $2, true)`, [shopId, DEFAULT_PRICE_LEVEL_NAME]);
    await tx.query(
      `INSERT INTO payment_accounts (shop_id, name, kind, position)
       SELECT $1, name, kind, position - 1 FROM unnest($2::text[], $3::text[]) WITH ORDINALITY AS a(name, kind, position)`,
      [shopId, DEFAULT_PAYMENT_ACCOUNTS.map((a) => a.name), DEFAULT_PAYMENT_ACCOUNTS.map((a) => a.kind)],
    );
    await recordAudit(tx, { shopId, userId: ownerId }, 'register', 'shop', shopId, { shopName: input.shopName });
    return openSession(tx, shopId, ownerId);
  });
}
