import type { Bill, CreateBillRequest } from '@xiaocang/contracts';
import type { Actor } from '@xiaocang/domain';
import type { Transaction } from '../../db/database.ts';
import { requireDirectionAllowed } from './bill-access.ts';
import { loadBill } from './bill-rows.ts';
import { assignBillNumber } from './assign-bill-number.ts';
import { editableColumns, prepareHeader } from './prepare-header.ts';
import { lineInsert, lineInsertParams, prepareLines, totalsOf } from './prepare-lines.ts';
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
  // The bill, its lines and the audit row in one statement.
  const values = columns.map((_, i) => `$${i + 1}`).join(', ');
  const rows = await tx.query<{ id: string; bill_id: string }>(
    `WITH bill AS (INSERT INTO stock_bills (${columns.map(([name]) => name).join(', ')}) VALUES (${values}) RETURNING id),
          audit AS (INSERT INTO audit_log (shop_id, user_id, action, entity, entity_id) SELECT $1, $4, 'create', 'bill', id::text FROM bill)
     ${lineInsert('bill.id', columns.length + 1, 'bill, ')}, bill_id::text`,
    [...columns.map(([, value]) => value), ...lineInsertParams(input.direction, actor.userId, lines)],
  );
  const billId = rows[0]!.bill_id;
  const lineIds = rows.map((row) => row.id);
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
  } else {
    await assignBillNumber(tx, actor.shopId, billId, input.direction);
  }
  return loadBill(tx, actor.shopId, billId);
}
