import { can, type Actor } from '@xiaocang/domain';
import type { Queryable } from '../../db/database.ts';
import { forbidden, notFound } from '../../errors.ts';

export interface BillState {
  id: string;
  direction: 'in' | 'out';
  kind: string;
  status: string;
  created_by: string;
  bill_date: string;
  reversed_by_id: string | null;
  transfer_peer_id: string | null;
}

/**
 * Finds a bill the actor may act on, locking it. A staff member limited to their own records
 * cannot tell another member's bill from a missing one.
 */
export async function findBillForAction(tx: Queryable, actor: Actor, billId: string): Promise<BillState> {
  const [bill] = await tx.query<BillState>(
    `SELECT id, direction, kind, status, created_by, bill_date, reversed_by_id, transfer_peer_id FROM stock_bills
      WHERE shop_id = $1 AND id = $2 AND status <> 'deleted' FOR UPDATE`,
    [actor.shopId, billId],
  );
  if (!bill || (!can(actor, 'viewOthersRecords') && bill.created_by !== actor.userId)) throw notFound('Bill');
  return bill;
}

export function requireDirectionAllowed(actor: Actor, direction: 'in' | 'out'): void {
  if (!can(actor, direction === 'in' ? 'createInbound' : 'createOutbound')) {
    throw forbidden(direction === 'in' ? 'Inbound bills are disabled for your account' : 'Outbound bills are disabled for your account');
  }
}

/** Drafts are edited by whoever made them, or by the owner. */
export function requireDraftEditor(actor: Actor, bill: BillState): void {
  if (bill.created_by !== actor.userId && actor.role !== 'owner') throw forbidden('Only the creator or the owner can change this draft');
}
