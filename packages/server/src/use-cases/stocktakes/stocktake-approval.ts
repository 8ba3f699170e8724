import { dec, formatQuantity, type Actor } from '@xiaocang/domain';
import type { Transaction } from '../../db/database.ts';
import { AppError } from '../../errors.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { productLockColumns, type ProductsLocked } from '../stock/post-bills.ts';
import { bookQuantities, loadStocktakeRow } from './stocktake-rows.ts';

/**
 * Before the owner approves a stocktake's pending bills: locks the products they move, as posting
 * would (the result is for `postBills`), and refuses when the book has moved since the count for a
 * product with a difference. The difference was counted against the book of that moment; whether
 * a later movement happened before or after the shelf was counted cannot be known, so neither the
 * old difference nor a recomputed one can be trusted: the owner rejects the stocktake and counts again.
 */
export async function requireCountStillCurrent(tx: Transaction, shopId: string, stocktakeId: string): Promise<ProductsLocked> {
  const stocktake = await loadStocktakeRow(tx, shopId, stocktakeId, true);
  const differing = stocktake.lines.filter((line) => line.bookQuantity !== undefined && !dec(line.countedQuantity).eq(line.bookQuantity));
  const productIds = differing.map((line) => line.productId);
  const [locked] = await tx.query<{ allow_negative_stock: boolean }>(`SELECT ${productLockColumns(2)}`, [shopId, productIds]);
  const book = await bookQuantities(tx, shopId, stocktake.stock_point_id, productIds);
  const moved = differing.flatMap((line) => {
    const now = book.get(line.productId) ?? '0';
    return dec(now).eq(line.bookQuantity!) ? [] : [{ productId: line.productId, bookQuantity: line.bookQuantity!, currentQuantity: formatQuantity(now) }];
  });
  if (moved.length > 0) {
    throw new AppError('STALE_STOCKTAKE', 'Stock has moved since this stocktake was counted; reject it and count again', moved);
  }
  return { allowNegativeStock: locked!.allow_negative_stock };
}

/** The stocktake follows its bills once the owner has decided on them. */
export async function settleStocktake(tx: Transaction, actor: Actor, stocktakeId: string, outcome: 'confirmed' | 'rejected'): Promise<void> {
  await tx.query(
    `UPDATE stocktakes SET status = $3, confirmed_at = CASE WHEN $3 = 'confirmed' THEN now() END, updated_at = now()
      WHERE shop_id = $1 AND id = $2 AND status = 'pending'`,
    [actor.shopId, stocktakeId, outcome],
  );
  await recordAudit(tx, actor, outcome === 'confirmed' ? 'approve' : 'reject', 'stocktake', stocktakeId);
}
