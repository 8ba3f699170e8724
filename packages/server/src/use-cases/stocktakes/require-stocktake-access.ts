import { can, type Actor } from '@xiaocang/domain';
import { forbidden, notFound } from '../../errors.ts';

/** A stocktake shows book quantities, so it needs the right to see stock. */
export function requireStocktakeAccess(actor: Actor): void {
  if (!can(actor, 'viewInventory')) throw forbidden('Your account may not see stock quantities');
}

/** A staff member limited to their own records cannot tell another member's stocktake from a missing one. */
export function requireOwnStocktake(actor: Actor, row: { created_by: string }): void {
  if (!can(actor, 'viewOthersRecords') && row.created_by !== actor.userId) throw notFound('Stocktake');
}
