import type { Stocktake } from '@xiaocang/contracts';
import { dec, formatQuantity, needsApproval, STOCKTAKE_GAIN_TYPE, STOCKTAKE_LOSS_TYPE, type Actor } from '@xiaocang/domain';
import type { Transaction } from '../../db/database.ts';
import { invalidState } from '../../errors.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { requireDirectionAllowed } from '../bills/bill-access.ts';
import { assignBillNumber } from '../bills/assign-bill-number.ts';
import { insertLines, prepareLines, totalsOf } from '../bills/prepare-lines.ts';
import { submitBill } from '../bills/submit-bill.ts';
import { requireOwnStocktake, requireStocktakeAccess } from './require-stocktake-access.ts';
import { bookQuantities, loadStocktakeRow, toStocktake, type StocktakeRow } from './stocktake-rows.ts';

/**
 * Freezes book quantities and posts the differences: gains as an inbound bill valued at the current
 * average cost, losses as an outbound bill with no sales amount; both count in the month's stock adjustments.
 * Both bills are submitted together (they live and die as one group): when a staff member's bills
 * wait for the owner, the stocktake is pending until the owner decides on them.
 */
export async function confirmStocktake(tx: Transaction, actor: Actor, stocktakeId: string): Promise<Stocktake> {
  requireStocktakeAccess(actor);
  const stocktake = await loadStocktakeRow(tx, actor.shopId, stocktakeId, true);
  requireOwnStocktake(actor, stocktake);
  if (stocktake.status !== 'draft') throw invalidState(`This stocktake is ${stocktake.status}; only a draft can be confirmed`);
  const productIds = stocktake.lines.map((line) => line.productId);
  await tx.query('SELECT id FROM products WHERE shop_id = $1 AND id = ANY($2::bigint[]) ORDER BY id FOR NO KEY UPDATE', [actor.shopId, productIds]);
  const book = await bookQuantities(tx, actor.shopId, stocktake.stock_point_id, productIds);
  const costs = new Map(
    (
      await tx.query<{ product_id: string; avg_cost: string }>(
        'SELECT product_id, avg_cost FROM inventory_balances WHERE shop_id = $1 AND stock_point_id = $2 AND product_id = ANY($3::bigint[])',
        [actor.shopId, stocktake.stock_point_id, productIds],
      )
    ).map((row) => [row.product_id, row.avg_cost]),
  );
  const frozen = stocktake.lines.map((line) => ({ ...line, bookQuantity: formatQuantity(book.get(line.productId) ?? '0') }));
  const differences = frozen.map((line, index) => ({
    productId: line.productId,
    difference: dec(line.countedQuantity).minus(line.bookQuantity),
    // A gain or loss line answers for the counted line it comes from.
    field: `lines.${index}`,
  }));
  const gains = differences.filter((line) => line.difference.gt(0));
  const losses = differences.filter((line) => line.difference.lt(0));
  if (gains.length > 0) requireDirectionAllowed(actor, 'in');
  if (losses.length > 0) requireDirectionAllowed(actor, 'out');

  const draft = async (direction: 'in' | 'out', billType: string, lines: typeof gains) => {
    if (lines.length === 0) return null;
    const prepared = await prepareLines(
      tx,
      actor.shopId,
      direction,
      lines.map((line) => ({
        productId: line.productId,
        field: line.field,
        quantity: formatQuantity(line.difference.abs()),
        unitPrice: direction === 'in' ? (costs.get(line.productId) ?? '0') : '0',
      })),
    );
    const totals = totalsOf(prepared);
    const [row] = await tx.query<{ id: string }>(
      `INSERT INTO stock_bills (shop_id, direction, kind, bill_type, bill_date, stock_point_id, total_quantity, total_amount,
                                remarks, status, stocktake_id, created_by)
       VALUES ($1, $2, 'stocktake', $3, $4, $5, $6, $7, $8, 'draft', $9, $10) RETURNING id`,
      [actor.shopId, direction, billType, stocktake.bill_date, stocktake.stock_point_id, totals.totalQuantity, totals.totalAmount, `盘点 #${stocktake.id}`, stocktake.id, actor.userId],
    );
    await insertLines(tx, actor.shopId, row!.id, direction, actor.userId, prepared);
    return row!.id;
  };
  const gainBillId = await draft('in', STOCKTAKE_GAIN_TYPE, gains);
  const lossBillId = await draft('out', STOCKTAKE_LOSS_TYPE, losses);
  const billIds = [gainBillId, lossBillId].filter((id) => id !== null);
  if (billIds.length > 0) await submitBill(tx, actor, billIds[0]!);
  if (gainBillId) await assignBillNumber(tx, actor.shopId, gainBillId, 'in');
  if (lossBillId) await assignBillNumber(tx, actor.shopId, lossBillId, 'out');
  const waits = billIds.length > 0 && needsApproval(actor);
  const [updated] = await tx.query<StocktakeRow>(
    `UPDATE stocktakes SET status = $6, lines = $3, gain_bill_id = $4, loss_bill_id = $5,
            confirmed_at = CASE WHEN $6 = 'confirmed' THEN now() END, updated_at = now()
      WHERE shop_id = $1 AND id = $2 RETURNING *`,
    [actor.shopId, stocktakeId, JSON.stringify(frozen), gainBillId, lossBillId, waits ? 'pending' : 'confirmed'],
  );
  await recordAudit(tx, actor, 'confirm', 'stocktake', stocktakeId, { gainBillId, lossBillId });
  return toStocktake(tx, actor.shopId, updated!);
}
