import type { Address } from '@xiaocang/contracts';
import type { Database, Queryable } from '../../db/database.ts';
import { notFound } from '../../errors.ts';
import type { Shopper } from './customer-accounts.ts';

type SavedAddress = Address & { id: string; isDefault: boolean };

export async function listAddresses(db: Queryable, shopper: Shopper): Promise<{ items: SavedAddress[] }> {
  const rows = await db.query<SavedAddress>(
    `SELECT id::text, name, phone, region, detail, is_default AS "isDefault" FROM customer_addresses
      WHERE shop_id = $1 AND account_id = $2 AND NOT deleted ORDER BY is_default DESC, id DESC`,
    [shopper.shopId, shopper.accountId],
  );
  return { items: rows };
}

/** Saves an address; the first one, or one marked default, becomes the default. */
export async function saveAddress(db: Database, shopper: Shopper, input: { id?: string; address: Address & { isDefault: boolean } }): Promise<{ items: SavedAddress[] }> {
  await db.transaction(async (tx) => {
    const [{ count }] = (await tx.query<{ count: number }>('SELECT count(*)::int AS count FROM customer_addresses WHERE shop_id = $1 AND account_id = $2 AND NOT deleted', [
      shopper.shopId,
      shopper.accountId,
    ])) as [{ count: number }];
    const isDefault = input.address.isDefault || count === 0;
    if (isDefault) await tx.query('UPDATE customer_addresses SET is_default = false WHERE shop_id = $1 AND account_id = $2', [shopper.shopId, shopper.accountId]);
    const { name, phone, region, detail } = input.address;
    if (input.id) {
      const updated = await tx.query(
        `UPDATE customer_addresses SET name = $4, phone = $5, region = $6, detail = $7, is_default = is_default OR $8
          WHERE shop_id = $1 AND account_id = $2 AND id = $3 AND NOT deleted RETURNING id`,
        [shopper.shopId, shopper.accountId, input.id, name, phone, region, detail, isDefault],
      );
      if (updated.length === 0) throw notFound('Address');
    } else {
      await tx.query('INSERT INTO customer_addresses (shop_id, account_id, name, phone, region, detail, is_default) VALUES ($1, $2, $3, $4, $5, $6, $7)', [
        shopper.shopId,
        shopper.accountId,
        name,
        phone,
        region,
        detail,
        isDefault,
      ]);
    }
  });
  return listAddresses(db, shopper);
}

/** Orders keep the address they were sent to, so a removed address is only hidden. */
export async function deleteAddress(db: Database, shopper: Shopper, id: string): Promise<{ items: SavedAddress[] }> {
  const removed = await db.query('UPDATE customer_addresses SET deleted = true, is_default = false WHERE shop_id = $1 AND account_id = $2 AND id = $3 AND NOT deleted RETURNING id', [
    shopper.shopId,
    shopper.accountId,
    id,
  ]);
  if (removed.length === 0) throw notFound('Address');
  return listAddresses(db, shopper);
}
