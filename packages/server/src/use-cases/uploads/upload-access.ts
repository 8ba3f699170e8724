import type { UploadPurpose } from '@xiaocang/contracts';
import { can, type Actor } from '@xiaocang/domain';
import { forbidden } from '../../errors.ts';

/** Pictures of products and goods are for whoever may edit them; receipts for whoever may make some bill. */
export function mayUpload(actor: Actor, purpose: UploadPurpose): boolean {
  return purpose === 'bill' ? can(actor, 'createInbound') || can(actor, 'createOutbound') : can(actor, 'editProducts');
}

export function requireUploader(actor: Actor, purpose: UploadPurpose): void {
  if (!mayUpload(actor, purpose)) throw forbidden(purpose === 'bill' ? 'You may not make bills, so you may not attach to them' : 'You may not edit products (禁止编辑商品)');
}
