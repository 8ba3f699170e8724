import type { Bill, CreateBillRequest } from '@xiaocang/contracts';
import { needsApproval, type Actor } from '@xiaocang/domain';
import type { Transaction } from '../../db/database.ts';
import { requireDirectionAllowed } from './bill-access.ts';
import { assignBillNumber } from './assign-bill-number.ts';
import { editableColumns, prepareBill } from './prepare-bill.ts';
import { lineInsert, lineInsertParams, totalsOf } from './prepare-lines.ts';
import { submitBill } from './submit-bill.ts';
import { postBillMoney } from '../money/post-bill-money.ts';

export async function createBill(tx: Transaction, actor: Actor, input: CreateBillRequest): Promise<Bill> {
  requireDirectionAllowed(actor, input.direction);
  const postsNow = input.confirm === true && !needsApproval(actor);
  const { header, lines, locked } = await prepareBill(tx, actor, input.direction, input, { lockProducts: postsNow });
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
    const bill = {
      id: billId,
      direction: input.direction,
      kind: 'normal',
      billType: input.billType,
      billDate: input.billDate,
      stockPointId: header.stockPointId,
      transferPeerId: null,
      lines: lines.map((line, i) => ({ ...line, id: lineIds[i]!, lineNo: i + 1, costSourceLineId: null })),
    };
    const submitted = await submitBill(tx, actor, billId, { bill, locked });
    await postBillMoney(tx, actor, submitted);
    return submitted;
  }
  return assignBillNumber(tx, actor.shopId, billId, input.direction);
}
