import type { CustomerSession } from '@xiaocang/contracts';
import { hashPassword, verifyAgainstDecoy, verifyPassword } from '../../auth/password.ts';
import { hashToken, newShopToken, SESSION_DAYS, shopIdOfToken } from '../../auth/tokens.ts';
import type { Database, Queryable } from '../../db/database.ts';
import { AppError, invalidState, notFound } from '../../errors.ts';
import type { OutsideChannels } from '../notifications/outside-channels.ts';

/** A customer signed into one shop's storefront: never a user of the shop, never an Actor. */
export interface Shopper {
  shopId: string;
  accountId: string;
  customerId: string;
}

async function requireShop(db: Queryable, shopId: string): Promise<string> {
  const [shop] = await db.query<{ name: string }>('SELECT name FROM shops WHERE id = $1', [shopId]);
  if (!shop) throw notFound('Shop');
  return shop.name;
}

async function openCustomerSession(db: Queryable, shopId: string, accountId: string): Promise<CustomerSession> {
  const session = newShopToken(shopId);
  await db.query(`INSERT INTO customer_sessions (shop_id, token_hash, account_id, expires_at) VALUES ($1, $2, $3, now() + make_interval(days => $4))`, [
    shopId,
    session.tokenHash,
    accountId,
    SESSION_DAYS,
  ]);
  const [who] = await db.query<{ customer_id: string; name: string; phone: string; shop_name: string }>(
    `SELECT c.id::text AS customer_id, c.name, COALESCE(a.phone, '') AS phone, s.name AS shop_name
       FROM customer_accounts a JOIN customers c ON c.shop_id = a.shop_id AND c.id = a.customer_id JOIN shops s ON s.id = a.shop_id
      WHERE a.shop_id = $1 AND a.id = $2`,
    [shopId, accountId],
  );
  return { token: session.token, customer: { id: who!.customer_id, name: who!.name, phone: who!.phone }, shopName: who!.shop_name };
}

/** A customer becomes one of the shop's customers (a record in its 客户 list) with their own sign-in. */
async function createAccount(db: Queryable, shopId: string, fields: { name: string; phone: string | null; passwordHash: string | null; openId: string | null }) {
  const [row] = await db.query<{ id: string }>(
    `WITH customer AS (INSERT INTO customers (shop_id, name, phone, remarks) VALUES ($1, $2, COALESCE($3, ''), '店铺顾客') RETURNING id)
     INSERT INTO customer_accounts (shop_id, customer_id, phone, password_hash, open_id) SELECT $1, id, $3, $4, $5 FROM customer RETURNING id::text`,
    [shopId, fields.name, fields.phone, fields.passwordHash, fields.openId],
  );
  return row!.id;
}

export async function registerCustomer(db: Database, shopId: string, input: { phone: string; password: string; name: string }): Promise<CustomerSession> {
  await requireShop(db, shopId);
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    const [taken] = await tx.query('SELECT 1 FROM customer_accounts WHERE shop_id = $1 AND phone = $2', [shopId, input.phone]);
    if (taken) throw new AppError('DUPLICATE', 'This phone number already has an account here: sign in instead', [{ field: 'phone', message: 'is already registered' }]);
    const accountId = await createAccount(tx, shopId, { name: input.name, phone: input.phone, passwordHash, openId: null });
    return openCustomerSession(tx, shopId, accountId);
  });
}

export async function loginCustomer(db: Database, shopId: string, input: { phone: string; password: string }): Promise<CustomerSession> {
  await requireShop(db, shopId);
  const [account] = await db.query<{ id: string; password_hash: string | null }>('SELECT id::text, password_hash FROM customer_accounts WHERE shop_id = $1 AND phone = $2', [
    shopId,
    input.phone,
  ]);
  // An unknown number costs as much time as a wrong password, so neither tells which numbers have accounts.
  const matches = account?.password_hash ? await verifyPassword(input.password, account.password_hash) : await verifyAgainstDecoy(input.password);
  if (!account || !matches) throw new AppError('UNAUTHENTICATED', 'Wrong phone number or password');
  return db.transaction((tx) => openCustomerSession(tx, shopId, account.id));
}

/** A customer in the mini-program signs in with WeChat: the code is exchanged by the server, and a first sign-in makes the account. */
export async function wechatLoginCustomer(db: Database, shopId: string, input: { code: string }, outside: OutsideChannels): Promise<CustomerSession> {
  await requireShop(db, shopId);
  if (!outside.codeToOpenId) throw invalidState('WeChat sign-in is not configured on this server');
  const openId = await outside.codeToOpenId(input.code);
  return db.transaction(async (tx) => {
    const [account] = await tx.query<{ id: string }>('SELECT id::text FROM customer_accounts WHERE shop_id = $1 AND open_id = $2', [shopId, openId]);
    const accountId = account?.id ?? (await createAccount(tx, shopId, { name: `微信顾客${openId.slice(-4)}`, phone: null, passwordHash: null, openId }));
    return openCustomerSession(tx, shopId, accountId);
  });
}

/** The customer a storefront token belongs to, for the shop in the path; null for none, another shop's or an expired one. */
export async function shopperOf(db: Queryable, shopId: string, token: string | undefined): Promise<Shopper | null> {
  if (!token || shopIdOfToken(token) !== shopId) return null;
  const [row] = await db.query<{ account_id: string; customer_id: string }>(
    `SELECT a.id::text AS account_id, a.customer_id::text FROM customer_sessions s JOIN customer_accounts a ON a.shop_id = s.shop_id AND a.id = s.account_id
      WHERE s.shop_id = $1 AND s.token_hash = $2 AND s.expires_at > now()`,
    [shopId, hashToken(token)],
  );
  return row ? { shopId, accountId: row.account_id, customerId: row.customer_id } : null;
}
