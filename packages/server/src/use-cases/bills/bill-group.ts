import type { Queryable } from '../../db/database.ts';

/**
 * The bills that live and die together, and so share their status: a transfer's issuing and
 * receiving bills, or a stocktake's gain and loss bills; issues first. Any other bill alone.
 */
export async function billGroup(db: Queryable, shopId: string, billId: string): Promise<string[]> {
  const rows = await db.query<{ id: string }>(
    `SELECT b.id FROM stock_bills b
       JOIN stock_bills asked ON asked.shop_id = b.shop_id AND asked.id = $2
      WHERE b.shop_id = $1 AND b.status = asked.status
        AND (b.id = asked.id OR b.id = asked.transfer_peer_id OR b.stocktake_id = asked.stocktake_id)
      ORDER BY CASE b.direction WHEN 'out' THEN 0 ELSE 1 END, b.id`,
    [shopId, billId],
  );
  return rows.map((row) => row.id);
}
