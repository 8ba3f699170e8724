import type { Bill, SharedBill } from '@xiaocang/contracts';
import { moneyText, moneyUnits, redactForActor, type Actor } from '@xiaocang/domain';
import type { Queryable } from '../../db/database.ts';
import { invalidState } from '../../errors.ts';

/** Only a posted bill is a document to send or print: a draft, a pending or a rejected bill is refused. */
export function requirePosted(status: Bill['status']): asserts status is 'confirmed' | 'reversed' {
  if (status !== 'confirmed' && status !== 'reversed') throw invalidState(`Only a posted bill can be shared or printed; this one is ${status}`);
}

/**
 * Whether the actor may see this bill's prices and money: the redaction's own answer (an inbound bill's
 * prices are costs, hidden by hideInboundPrice), so a share link never shows more than its sharer sees.
 */
export function seesPrices(actor: Actor, bill: Bill): boolean {
  return 'totalAmount' in redactForActor(actor, bill);
}

/**
 * The public view of a posted bill: what was moved, and, when `showPrices`, its prices and money: the total,
 * what was paid (at once and settled since) and what is still owed. Nothing else leaves: no costs, stock,
 * remarks, accounts or staff names. `bill` may come redacted; a field it lacks is not shown either way.
 */
export function sharedViewOf(bill: Bill, shopName: string, showPrices: boolean): SharedBill {
  requirePosted(bill.status);
  const money = (value: string | undefined) => (showPrices && value !== undefined ? { value } : undefined);
  const total = money(bill.totalAmount);
  const paid = money(bill.paidAmount);
  const settled = money(bill.settledAmount);
  const owed = money(bill.outstandingAmount);
  const shown = showPrices && total !== undefined;
  return {
    shopName,
    billNo: bill.billNo,
    billDate: bill.billDate,
    billType: bill.billType,
    direction: bill.direction,
    kind: bill.kind,
    status: bill.status,
    customerName: bill.customerName,
    supplierName: bill.supplierName,
    reversalOfBillNo: bill.reversalOfBillNo,
    reversedByBillNo: bill.reversedByBillNo,
    lines: (bill.lines ?? []).map((line) => ({
      lineNo: line.lineNo,
      productName: line.productName,
      productCode: line.productCode,
      specification: line.specification,
      unit: line.unit,
      quantity: line.quantity,
      ...(shown && line.unitPrice !== undefined ? { unitPrice: line.unitPrice } : {}),
      ...(shown && line.amount !== undefined ? { amount: line.amount } : {}),
    })),
    totalQuantity: bill.totalQuantity,
    ...(shown ? { totalAmount: total.value } : {}),
    ...(shown && paid && settled ? { paidAmount: moneyText(moneyUnits(paid.value) + moneyUnits(settled.value)) } : {}),
    ...(shown && owed ? { outstandingAmount: owed.value } : {}),
    showPrices: shown,
  };
}

export async function shopNameOf(db: Queryable, shopId: string): Promise<string> {
  const [shop] = await db.query<{ name: string }>('SELECT name FROM shops WHERE id = $1', [shopId]);
  return shop?.name ?? '';
}
