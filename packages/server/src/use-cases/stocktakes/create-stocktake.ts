import type { CreateStocktakeRequest, Stocktake } from '@xiaocang/contracts';
import type { Actor } from '@xiaocang/domain';
import type { Transaction } from '../../db/database.ts';
import { invalid } from '../../errors.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { resolveStockPoint } from '../bills/prepare-bill.ts';
import { prepareLines } from '../bills/prepare-lines.ts';
import { requireStocktakeAccess } from './require-stocktake-access.ts';
import { toStocktake, type StocktakeRow, type StoredStocktakeLine } from './stocktake-rows.ts';

/** A stocktake sheet: what was counted, shown against the book until it is confirmed. */
export async function createStocktake(tx: Transaction, actor: Actor, input: CreateStocktakeRequest): Promise<Stocktake> {
  requireStocktakeAccess(actor);
  const stockPointId = await resolveStockPoint(tx, actor, input.stockPointId);
  const seen = new Set<string>();
  input.lines.forEach((line, index) => {
    if (seen.has(line.productId)) throw invalid(`lines.${index}.productId`, 'is counted twice');
    seen.add(line.productId);
  });
  await prepareLines(tx, actor.shopId, 'in', input.lines.map((line) => ({ productId: line.productId, quantity: '1' })));
  const lines: StoredStocktakeLine[] = input.lines.map((line) => ({ productId: line.productId, countedQuantity: line.countedQuantity }));
  const [row] = await tx.query<StocktakeRow>(
    `INSERT INTO stocktakes (shop_id, stock_point_id, bill_date, status, remarks, lines, created_by)
     VALUES ($1, $2, $3, 'draft', $4, $5, $6) RETURNING *`,
    [actor.shopId, stockPointId, input.billDate, input.remarks, JSON.stringify(lines), actor.userId],
  );
  await recordAudit(tx, actor, 'create', 'stocktake', row!.id);
  return toStocktake(tx, actor.shopId, row!);
}
