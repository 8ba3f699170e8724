import type { Bill, CreateBillRequest } from '@xiaocang/contracts';
import type { Actor } from '@xiaocang/domain';
import type { Transaction } from '../../db/database.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { requireDirectionAllowed } from './bill-access.ts';
import { loadBill } from './bill-rows.ts';
import { assignBillNumber } from './assign-bill-number.ts';
import { editableColumns, prepareHeader } from './prepare-header.ts';
import { insertLines, prepareLines, totalsOf } from './prepare-lines.ts';
import { submitBill } from './submit-bill.ts';

export async function createBill(tx: Transaction, actor: Actor, input: CreateBillRequest): Promise<Bill> {
  requireDirectionAllowed(actor, input.direction);
  const header = await prepareHeader(tx, actor, input.direction, input);
  const lines = await prepareLines(tx, actor.shopId, input.direction, input.lines);
  const columns: Array<[string, unknown]> = [
    ['shop_id', actor.shopId],
    ['direction', input.direction],
    ['status', 'draft'],
    ['created_by', actor.userId],
    ...editableColumns(input, header, totalsOf(lines)),
  ];
  const [row] = await tx.query<{ id: string }>(
    `INSERT INTO stock_bills (${columns.map(([name]) => name).join(', ')}) VALUES (${columns.map((_, i) => `$${i + 1}`).join(', ')}) RETURNING id`,
    columns.map(([, value]) => value),
  );
  const billId = row!.id;
  const lineIds = await insertLines(tx, actor.shopId, billId, input.direction, actor.userId, lines);
  await recordAudit(tx, actor, 'create', 'bill', billId);
  if (input.confirm) {
    await submitBill(tx, actor, billId, {
      id: billId,
      direction: input.direction,
      kind: 'normal',
      billDate: input.billDate,
      stockPointId: header.stockPointId,
      transferPeerId: null,
      lines: lines.map((line, i) => ({ ...line, id: lineIds[i]!, lineNo: i + 1, costSourceLineId: null })),
    });
  }
  await assignBillNumber(tx, actor.shopId, billId, input.direction);
  return loadBill(tx, actor.shopId, billId);
}
