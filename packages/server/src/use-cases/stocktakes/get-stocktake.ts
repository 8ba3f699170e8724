import type { Stocktake } from '@xiaocang/contracts';
import type { UseCaseContext } from '../../http/context.ts';
import { requireOwnStocktake, requireStocktakeAccess } from './require-stocktake-access.ts';
import { loadStocktakeRow, toStocktake } from './stocktake-rows.ts';

export async function getStocktake({ db, actor }: UseCaseContext, stocktakeId: string): Promise<Stocktake> {
  requireStocktakeAccess(actor);
  const row = await loadStocktakeRow(db, actor.shopId, stocktakeId);
  requireOwnStocktake(actor, row);
  return toStocktake(db, actor.shopId, row);
}
