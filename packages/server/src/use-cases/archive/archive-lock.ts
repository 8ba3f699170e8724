import type { Transaction } from '../../db/database.ts';

/**
 * Serialises moving a shop's rows between its live and archive tables: an archive run and a backdated posting
 * that brings rows back. Taken after the product locks, in that order everywhere, so it cannot deadlock.
 */
export async function lockShopArchive(tx: Transaction, shopId: string): Promise<void> {
  await tx.query('SELECT pg_advisory_xact_lock(7316003, $1::int)', [Number(shopId) % 2_147_483_647]);
}
