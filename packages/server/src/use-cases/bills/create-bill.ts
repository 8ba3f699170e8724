import type { Bill, CreateBillRequest } from '@xiaocang/contracts';
import type { Actor } from '@xiaocang/domain';
import type { Transaction } from '../../db/database.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { requireDirectionAllowed } from './bill-access.ts';
import { loadBill } from './bill-rows.ts';
import { nextBillNumber } from './next-bill-number.ts';
import { prepareHeader } from './prepare-header.ts';
import { prepareLines, totalsOf, writeLines } from './prepare-lines.ts';
import { submitBill } from './submit-bill.ts';

export async function createBill(tx: Transaction, actor: Actor, input: CreateBillRequest): Promise<Bill> {
  requireDirectionAllowed(actor, input.direction);
  const header = await prepareHeader(tx, actor, input.direction, input);
  const lines = await prepareLines(tx, actor.shopId, input.direction, input.lines);
  const billNo = await nextBillNumber(tx, actor.shopId, input.direction);
  const totals = totalsOf(lines);
  const [row] = await tx.query<{ id: string }>(
    `INSERT INTO stock_bills (shop_id, direction, bill_no, bill_type, bill_date, stock_point_id, supplier_id, customer_id,
                              total_quantity, total_amount, remarks, attachments, status, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, 'draft', $13) RETURNING id`,
    [
      actor.shopId,
      input.direction,
      billNo,
      input.billType,
      input.billDate,
      header.stockPointId,
      header.supplierId,
      header.customerId,
      totals.totalQuantity,
      totals.totalAmount,
      input.remarks,
      JSON.stringify(input.attachments),
      actor.userId,
    ],
  );
  const billId = row!.id;
  await writeLines(tx, actor.shopId, billId, input.direction, actor.userId, lines);
  await recordAudit(tx, actor, 'create', 'bill', billId, { billNo });
  if (input.confirm) await submitBill(tx, actor, billId);
  return loadBill(tx, actor.shopId, billId);
}
