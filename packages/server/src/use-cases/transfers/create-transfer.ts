import type { CreateTransferRequest, Transfer } from '@xiaocang/contracts';
import { can, type Actor } from '@xiaocang/domain';
import type { Transaction } from '../../db/database.ts';
import { forbidden } from '../../errors.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { requireDirectionAllowed } from '../bills/bill-access.ts';
import { assignBillNumber } from '../bills/assign-bill-number.ts';
import { resolveStockPoint } from '../bills/prepare-bill.ts';
import { insertLines, prepareLines, totalsOf, type PreparedLine } from '../bills/prepare-lines.ts';
import { submitBill } from '../bills/submit-bill.ts';

export const TRANSFER_OUT_TYPE = '调拨出库';
export const TRANSFER_IN_TYPE = '调拨入库';

/**
 * A transfer is two bills posted together: an issue from one stock point and a receipt into the other,
 * each receiving line carrying the cost its issuing line moved at.
 */
export async function createTransfer(tx: Transaction, actor: Actor, input: CreateTransferRequest): Promise<Transfer> {
  if (!can(actor, 'chooseStockPoint')) throw forbidden('Your account uses the default stock point only');
  requireDirectionAllowed(actor, 'out');
  requireDirectionAllowed(actor, 'in');
  const from = await resolveStockPoint(tx, actor, input.fromStockPointId, 'fromStockPointId');
  const to = await resolveStockPoint(tx, actor, input.toStockPointId, 'toStockPointId');
  // Prices are costs, known only when posted.
  const lines = await prepareLines(tx, actor.shopId, 'out', input.lines.map((line) => ({ ...line, unitPrice: '0' })));
  const outId = await insertTransferBill(tx, actor, 'out', from, input, lines);
  const inId = await insertTransferBill(tx, actor, 'in', to, input, lines);
  await tx.query('UPDATE stock_bills SET transfer_peer_id = CASE id WHEN $2 THEN $3::bigint ELSE $2::bigint END WHERE shop_id = $1 AND id IN ($2, $3)', [
    actor.shopId,
    outId,
    inId,
  ]);
  const outLineIds = await insertLines(tx, actor.shopId, outId, 'out', actor.userId, lines);
  await insertLines(tx, actor.shopId, inId, 'in', actor.userId, lines, outLineIds);
  await recordAudit(tx, actor, 'create', 'transfer', outId, { inBillId: inId });
  if (input.confirm) await submitBill(tx, actor, outId);
  return { outBill: await assignBillNumber(tx, actor.shopId, outId, 'out'), inBill: await assignBillNumber(tx, actor.shopId, inId, 'in') };
}

async function insertTransferBill(
  tx: Transaction,
  actor: Actor,
  direction: 'in' | 'out',
  stockPointId: string,
  input: CreateTransferRequest,
  lines: PreparedLine[],
): Promise<string> {
  const [row] = await tx.query<{ id: string }>(
    `INSERT INTO stock_bills (shop_id, direction, kind, bill_type, bill_date, stock_point_id, total_quantity, total_amount,
                              remarks, status, created_by)
     VALUES ($1, $2, 'transfer', $3, $4, $5, $6, 0, $7, 'draft', $8) RETURNING id`,
    [
      actor.shopId,
      direction,
      direction === 'out' ? TRANSFER_OUT_TYPE : TRANSFER_IN_TYPE,
      input.billDate,
      stockPointId,
      totalsOf(lines).totalQuantity,
      input.remarks,
      actor.userId,
    ],
  );
  return row!.id;
}
