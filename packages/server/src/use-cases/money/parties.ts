import { can, type Actor, type PartyKind } from '@xiaocang/domain';
import type { Queryable } from '../../db/database.ts';
import { forbidden, notFound } from '../../errors.ts';

/** Where each kind of counterparty keeps its balance, and how its dues and entries name it. */
export const PARTIES: Record<PartyKind, { table: string; balance: string; column: string; label: string }> = {
  customer: { table: 'customers', balance: 'receivable', column: 'customer_id', label: 'Customer' },
  supplier: { table: 'suppliers', balance: 'payable', column: 'supplier_id', label: 'Supplier' },
};

/** What the shop owes its suppliers is hidden from a staff member who may not see inbound prices. */
export function requirePartyBooks(actor: Actor, kind: PartyKind): void {
  if (kind === 'supplier' && !can(actor, 'viewPayables')) throw forbidden('What the shop owes its suppliers is hidden from your account');
}

/** The party's name, or not found in the caller's shop. */
export async function partyName(db: Queryable, shopId: string, kind: PartyKind, id: string): Promise<string> {
  const [row] = await db.query<{ name: string }>(`SELECT name FROM ${PARTIES[kind].table} WHERE shop_id = $1 AND id = $2`, [shopId, id]);
  if (!row) throw notFound(PARTIES[kind].label);
  return row.name;
}
