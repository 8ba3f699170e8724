import type { Bill } from '@xiaocang/contracts';
import { shopDay, type Actor } from '@xiaocang/domain';
import type { Transaction } from '../../db/database.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { loadPostingBills, postBills } from '../stock/post-bills.ts';
import { findBillFor, findBillForAction, type BillState } from './bill-access.ts';
import { assignBillNumber } from './assign-bill-number.ts';
import { postBillMoney } from '../money/post-bill-money.ts';

/**
 * 红冲: a posted bill is never edited; a counter-bill with the same lines negated undoes it, each line
 * at the cost the original moved. A transfer is reversed as a whole (both of its bills).
 * Returns the counter-bill of the bill asked for.
 */
export async function reverseBill(tx: Transaction, actor: Actor, billId: string): Promise<Bill> {
  const bill = await findBillFor(tx, actor, billId, 'reverse');
  const peer = bill.transfer_peer_id ? await findBillForAction(tx, actor, bill.transfer_peer_id) : null;
  // Stock comes back out of the receiving side before it returns to the issuing side.
  const originals = peer ? (bill.direction === 'in' ? [bill, peer] : [peer, bill]) : [bill];
  const counters = new Map<string, string>();
  for (const original of originals) counters.set(original.id, await createCounterBill(tx, actor, original));
  if (peer) {
    const [a, b] = [counters.get(bill.id)!, counters.get(peer.id)!];
    await tx.query(
      'UPDATE stock_bills SET transfer_peer_id = CASE id WHEN $2 THEN $3::bigint ELSE $2::bigint END WHERE shop_id = $1 AND id IN ($2, $3)',
      [actor.shopId, a, b],
    );
  }
  await postBills(tx, actor, await loadPostingBills(tx, actor.shopId, [...counters.values()]));
  for (const [originalId, counterId] of counters) {
    await tx.query(`UPDATE stock_bills SET status = 'reversed', reversed_by_id = $3, updated_at = now() WHERE shop_id = $1 AND id = $2`, [
      actor.shopId,
      originalId,
      counterId,
    ]);
    await recordAudit(tx, actor, 'reverse', 'bill', originalId, { reversalBillId: counterId });
  }
  let counterBill: Bill | undefined;
  for (const original of originals) {
    const numbered = await assignBillNumber(tx, actor.shopId, counters.get(original.id)!, original.direction);
    if (original.id === bill.id) counterBill = numbered;
  }
  // Only a bill alone can carry money (a transfer has no counterparty): its reversal undoes that too.
  await postBillMoney(tx, actor, counterBill!);
  return counterBill!;
}

async function createCounterBill(tx: Transaction, actor: Actor, original: BillState): Promise<string> {
  const today = shopDay(new Date());
  const [row] = await tx.query<{ id: string }>(
    `INSERT INTO stock_bills (shop_id, direction, kind, bill_type, bill_date, stock_point_id, supplier_id, customer_id,
                              supplier_name, customer_name, total_quantity, total_amount, paid_amount, payment_account_id, remarks,
                              attachments, status, confirmed_by, confirmed_at, reversal_of_id, created_by)
     SELECT shop_id, direction, 'reversal', bill_type, GREATEST(bill_date, $3::date), stock_point_id, supplier_id, customer_id,
            supplier_name, customer_name, -total_quantity, -total_amount, -paid_amount, payment_account_id, '红冲 ' || bill_no, '[]',
            'confirmed', $4, now(), id, $4
       FROM stock_bills WHERE shop_id = $1 AND id = $2
     RETURNING id`,
    [actor.shopId, original.id, today, actor.userId],
  );
  const counterId = row!.id;
  await tx.query(
    `INSERT INTO stock_bill_lines_live (shop_id, bill_id, direction, line_no, product_id, product_name, product_code, unit, specification,
                                   quantity, unit_price, amount, cost_source_line_id, created_by)
     SELECT shop_id, $3, direction, line_no, product_id, product_name, product_code, unit, specification,
            -quantity, unit_price, -amount, id, $4
       FROM stock_bill_lines WHERE shop_id = $1 AND bill_id = $2`,
    [actor.shopId, original.id, counterId, actor.userId],
  );
  return counterId;
}
