import type { Bill, UpdateBillRequest } from '@xiaocang/contracts';
import type { Actor } from '@xiaocang/domain';
import type { Transaction } from '../../db/database.ts';
import { recordChanges } from '../audit/record-audit.ts';
import { findBillFor } from './bill-access.ts';
import { loadBill } from './bill-rows.ts';
import { editableColumns, prepareBill } from './prepare-bill.ts';
import { insertLines, totalsOf } from './prepare-lines.ts';

/** What a person edits on a draft, in words, for the audit trail: the lines as one text so that a changed line reads at a glance. */
const editedFields = (bill: Bill) => ({
  billType: bill.billType,
  billDate: bill.billDate,
  stockPointName: bill.stockPointName,
  supplierName: bill.supplierName,
  customerName: bill.customerName,
  remarks: bill.remarks,
  paidAmount: bill.paidAmount,
  paymentAccountName: bill.paymentAccountName,
  lines: (bill.lines ?? []).map((line) => `${line.productName} ×${line.quantity}${line.unitPrice === undefined ? '' : ` @${line.unitPrice}`}`).join('；'),
});

/** Only a draft can change; a posted bill is corrected by reversing it. */
export async function updateBill(tx: Transaction, actor: Actor, { id: billId, changes: input }: { id: string; changes: UpdateBillRequest }): Promise<Bill> {
  const bill = await findBillFor(tx, actor, billId, 'edit');
  const before = await loadBill(tx, actor.shopId, billId);
  const { header, lines } = await prepareBill(tx, actor, bill.direction, input);
  const columns = editableColumns(input, header, totalsOf(lines));
  await tx.query(
    `UPDATE stock_bills SET ${columns.map(([name], i) => `${name} = $${i + 3}`).join(', ')}, updated_at = now() WHERE shop_id = $1 AND id = $2`,
    [actor.shopId, billId, ...columns.map(([, value]) => value)],
  );
  // The draft's lines are replaced as a whole.
  await tx.query('DELETE FROM stock_bill_lines_live WHERE shop_id = $1 AND bill_id = $2', [actor.shopId, billId]);
  await insertLines(tx, actor.shopId, billId, bill.direction, actor.userId, lines);
  const after = await loadBill(tx, actor.shopId, billId);
  await recordChanges(tx, actor, 'bill', billId, editedFields(before), editedFields(after));
  return after;
}
