import { billActionOpenTo, billActionRefusal, can, type Actor, type BillAction, type BillKind, type BillStatus } from '@xiaocang/domain';
import type { Queryable } from '../../db/database.ts';
import { forbidden, invalidState, notFound } from '../../errors.ts';

export interface BillState {
  id: string;
  direction: 'in' | 'out';
  kind: BillKind;
  status: BillStatus;
  created_by: string;
  bill_date: string;
  transfer_peer_id: string | null;
  stocktake_id: string | null;
}

/**
 * Finds a bill the actor may see, locking it. A staff member limited to their own records
 * cannot tell another member's bill from a missing one.
 */
export async function findBillForAction(tx: Queryable, actor: Actor, billId: string): Promise<BillState> {
  const [bill] = await tx.query<BillState>(
    `SELECT id, direction, kind, status, created_by, bill_date, transfer_peer_id, stocktake_id FROM stock_bills
      WHERE shop_id = $1 AND id = $2 AND status <> 'deleted' FOR UPDATE`,
    [actor.shopId, billId],
  );
  if (!bill || (!can(actor, 'viewOthersRecords') && bill.created_by !== actor.userId)) throw notFound('Bill');
  return bill;
}

/**
 * Finds and locks a bill on which the bill state machine allows the actor this action: 403 for who
 * the actor is (owner-only actions before the bill is even read), 409 for the state the bill is in.
 */
export async function findBillFor(tx: Queryable, actor: Actor, billId: string, action: BillAction): Promise<BillState> {
  if (!billActionOpenTo(actor, action)) throw forbidden(`Only the owner can ${action} bills`);
  const bill = await findBillForAction(tx, actor, billId);
  const refusal = billActionRefusal(actor, { status: bill.status, kind: bill.kind, direction: bill.direction, createdBy: bill.created_by }, action);
  if (refusal) throw refusal.reason === 'forbidden' ? forbidden(refusal.message) : invalidState(refusal.message);
  return bill;
}

export function requireDirectionAllowed(actor: Actor, direction: 'in' | 'out'): void {
  if (!can(actor, direction === 'in' ? 'createInbound' : 'createOutbound')) {
    throw forbidden(direction === 'in' ? 'Inbound bills are disabled for your account' : 'Outbound bills are disabled for your account');
  }
}
