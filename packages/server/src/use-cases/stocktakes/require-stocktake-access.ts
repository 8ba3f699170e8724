import { can, type Actor } from '@xiaocang/domain';
import { forbidden } from '../../errors.ts';

/** A stocktake shows book quantities, so it needs the right to see stock. */
export function requireStocktakeAccess(actor: Actor): void {
  if (!can(actor, 'viewInventory')) throw forbidden('Your account may not see stock quantities');
}
