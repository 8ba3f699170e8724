import type { PrintLayout, SharedBill } from '@xiaocang/contracts';
import { redactForActor } from '@xiaocang/domain';
import type { Queryable } from '../../db/database.ts';
import { layoutBill, type SheetFormat } from '../../render/bill-layout.ts';
import { measureText } from '../../render/fonts.ts';
import { paintSheetFile, type Sheet } from '../../render/paint.ts';
import { getBill } from '../bills/get-bill.ts';
import type { UseCase } from '../use-case.ts';
import { shopNameOf, sharedViewOf } from './shared-view.ts';

/** Paints the public view of a bill: the share image, or a PDF laid out for A4 or a receipt roll. `qrLink` adds its QR code. */
export function paintSheet(view: SharedBill, format: SheetFormat, qrLink?: string): Promise<Sheet> {
  return paintSheetFile(layoutBill(view, format, measureText, qrLink), format, {
    name: view.billNo,
    title: `${view.shopName} ${view.billNo}`,
    date: new Date(`${view.billDate}T00:00:00+08:00`),
  });
}

/**
 * A posted bill the actor may see, painted without a share link (so without a QR code), showing exactly
 * what the actor may see of it: the same redaction as every response.
 */
export const billSheet: UseCase<Queryable, { billId: string; format: SheetFormat | PrintLayout }, Sheet> = async (db, actor, { billId, format }) => {
  const bill = redactForActor(actor, await getBill(db, actor, billId));
  return paintSheet(sharedViewOf(bill, await shopNameOf(db, actor.shopId), true), format);
};
