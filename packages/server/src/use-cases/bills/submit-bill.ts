import type { Bill } from '@xiaocang/contracts';
import { needsApproval, type Actor } from '@xiaocang/domain';
import type { Transaction } from '../../db/database.ts';
import { SqlParams } from '../../db/sql-params.ts';
import { notifyApprovalRequest } from '../notifications/notify-approvals.ts';
import { loadPostingBills, postBills, type Closing, type PostingBill, type ProductsLocked } from '../stock/post-bills.ts';
import { checkSequence, numbering } from './assign-bill-number.ts';
import { billGroup } from './bill-group.ts';
import { billColumns, toBill } from './bill-rows.ts';
import { stockWarnings } from './stock-warnings.ts';

/**
 * Confirms a draft: a staff bill waits for the owner when the shop asks for approval; otherwise
 * the bill is posted now. A bill just created (`created`) is known in full, has no transfer peer and
 * is numbered by the same closing statement that records its new status; when it is posted now, that
 * is the statement that posts it. The closing statement also returns the bill as it now stands.
 * A bill that waits comes back with the stock it may lack (`stockWarnings`): approval would fail for it
 * if nothing changes. A reason the owner gave when rejecting it before is cleared: it was answered.
 */
export async function submitBill(tx: Transaction, actor: Actor, billId: string, created?: { bill: PostingBill; locked?: ProductsLocked }): Promise<Bill> {
  const billIds = created ? [billId] : await billGroup(tx, actor.shopId, billId);
  const pending = needsApproval(actor);
  if (created && !pending) {
    const row = await postBills(tx, actor, [created.bill], { locked: created.locked, closing: confirmAndNumber(created.bill.direction) });
    checkSequence(row as { last_sequence: number });
    return toBill(row!);
  }
  if (!pending) await postBills(tx, actor, await loadPostingBills(tx, actor.shopId, billIds));
  const params = new SqlParams();
  const shop = params.add(actor.shopId);
  const bills = params.add(billIds);
  const user = params.add(actor.userId);
  const action = params.add(pending ? 'submit' : 'confirm');
  const status = pending
    ? `status = 'pending', approval_status = 'pending', rejected_reason = NULL`
    : `status = 'confirmed', confirmed_by = ${user}, confirmed_at = now(), rejected_reason = NULL`;
  const number = created ? numbering(params, shop, created.bill.direction) : null;
  const rows = await tx.query<{ last_sequence: number; id: string }>(
    `WITH ${number ? `${number.cte},` : ''}
          audit AS (INSERT INTO audit_log (shop_id, user_id, action, entity, entity_id)
                    SELECT ${shop}, ${user}, ${action}, 'bill', unnest(${bills}::bigint[])::text)
     UPDATE stock_bills b SET ${status}, ${number ? `bill_no = ${number.billNo},` : ''} updated_at = now()
       ${number ? 'FROM counter' : ''}
      WHERE b.shop_id = ${shop} AND b.id = ANY(${bills}::bigint[])
     RETURNING ${number ? 'counter.last_sequence' : '0 AS last_sequence'}, ${billColumns({ withLines: true })}`,
    params.values,
  );
  const row = rows.find((candidate) => candidate.id === billId)!;
  checkSequence(row);
  if (!pending) return toBill(row);
  const waiting = toBill(row);
  await notifyApprovalRequest(tx, actor, waiting);
  return { ...waiting, stockWarnings: await stockWarnings(tx, actor.shopId, billIds) };
}

const confirmAndNumber =
  (direction: 'in' | 'out'): Closing =>
  ({ params, shop, bill, user, ledger }) => {
    const number = numbering(params, shop, direction);
    return {
      ctes: [
        number.cte,
        `audit AS (INSERT INTO audit_log (shop_id, user_id, action, entity, entity_id) VALUES (${shop}, ${user}, 'confirm', 'bill', ${bill}::text))`,
      ],
      assignments: [`status = 'confirmed'`, `confirmed_by = ${user}`, 'confirmed_at = now()', `bill_no = ${number.billNo}`],
      from: 'counter',
      returning: `counter.last_sequence, ${billColumns({ withLines: true, ledger })}`,
    };
  };
