import type { Stocktake } from '@xiaocang/contracts';
import type { Actor } from '@xiaocang/domain';
import type { Queryable } from '../../db/database.ts';
import { requireOwnStocktake, requireStocktakeAccess } from './require-stocktake-access.ts';
import { loadStocktakeRow, toStocktake } from './stocktake-rows.ts';

export async function getStocktake(db: Queryable, actor: Actor, stocktakeId: string): Promise<Stocktake> {
  requireStocktakeAccess(actor);
  const row = await loadStocktakeRow(db, actor.shopId, stocktakeId);
  requireOwnStocktake(actor, row);
  return toStocktake(db, actor.shopId, row);
}
