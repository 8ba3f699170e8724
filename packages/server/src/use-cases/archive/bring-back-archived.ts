import type { Transaction } from '../../db/database.ts';
import { lockShopArchive } from './archive-lock.ts';

/**
 * A posting dated `from` rewrites the history after it, which must be live to be rewritten: the shop's archived
 * ledger rows and bill lines dated `from` or later come back to the live tables, and the shop's archive date
 * moves back to `from`. Rare (a bill dated before the archive date) and whole-shop, because a cost can travel
 * from one product's row to another stock point's (transfers) or to a later bill (reversals).
 */
export async function bringBackArchived(tx: Transaction, shopId: string, from: string): Promise<void> {
  await lockShopArchive(tx, shopId);
  const [shop] = await tx.query<{ due: boolean }>('SELECT archived_before > $2::date AS due FROM shops WHERE id = $1', [shopId, from]);
  if (!shop?.due) return;
  await tx.query(
    `WITH moved AS (DELETE FROM stock_ledger_archive WHERE shop_id = $1 AND bill_date >= $2::date RETURNING *)
     INSERT INTO stock_ledger_live OVERRIDING SYSTEM VALUE SELECT * FROM moved`,
    [shopId, from],
  );
  await tx.query(
    `WITH moved AS (DELETE FROM stock_bill_lines_archive l USING stock_bills b
                     WHERE l.shop_id = $1 AND b.shop_id = l.shop_id AND b.id = l.bill_id AND b.bill_date >= $2::date RETURNING l.*)
     INSERT INTO stock_bill_lines_live OVERRIDING SYSTEM VALUE SELECT * FROM moved`,
    [shopId, from],
  );
  await tx.query('UPDATE shops SET archived_before = $2::date WHERE id = $1', [shopId, from]);
}
