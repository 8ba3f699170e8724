import { can, type Actor } from '@xiaocang/domain';
import { forbidden } from '../../errors.ts';

/** The storefront's goods are the catalogue's shop window: whoever may edit products may set them out. */
export function requireGoodsEditor(actor: Actor): void {
  if (!can(actor, 'editProducts')) throw forbidden('You may not change the storefront (禁止编辑商品)');
}
