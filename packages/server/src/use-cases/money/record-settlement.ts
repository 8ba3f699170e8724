import type { CreatePaymentRequest, CreateReceiptRequest, Settlement } from '@xiaocang/contracts';
import { can, moneyUnits, planSettlement, type Actor, type SettlementKind } from '@xiaocang/domain';
import type { Transaction } from '../../db/database.ts';
import { forbidden, invalid, notFound } from '../../errors.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { numberSettlement } from './number-settlement.ts';
import { postMoney } from './post-money.ts';

/**
 * 收款单 or 付款单: money from a customer or to a supplier, settling the bills named (or their oldest
 * open bills first). The document and its money are posted together; paying more than is owed is refused.
 */
export async function recordSettlement(
  tx: Transaction,
  actor: Actor,
  { kind, document: input }: { kind: SettlementKind; document: CreateReceiptRequest | CreatePaymentRequest },
): Promise<Settlement> {
  if (!can(actor, kind === 'receipt' ? 'recordReceipts' : 'recordPayments')) {
    throw forbidden(kind === 'receipt' ? 'Receipts are disabled for your account' : 'Payments to suppliers are disabled for your account');
  }
  const partyField = kind === 'receipt' ? 'customerId' : 'supplierId';
  const partyId = 'customerId' in input ? input.customerId : input.supplierId;
  const billIds = (input.allocations ?? []).map((allocation) => allocation.billId);
  const [found] = await tx.query<{ party_ok: boolean; account_status: string | null; known_bills: string[] | null }>(
    `SELECT EXISTS (SELECT 1 FROM ${kind === 'receipt' ? 'customers' : 'suppliers'} WHERE shop_id = $1 AND id = $2) AS party_ok,
            (SELECT status FROM payment_accounts WHERE shop_id = $1 AND id = $3) AS account_status,
            (SELECT array_agg(id::text) FROM stock_bills WHERE shop_id = $1 AND id = ANY($4::bigint[]) AND status <> 'deleted') AS known_bills`,
    [actor.shopId, partyId, input.accountId, billIds],
  );
  if (!found!.party_ok) throw notFound(kind === 'receipt' ? 'Customer' : 'Supplier', partyField);
  if (!found!.account_status) throw notFound('Payment account', 'accountId');
  if (found!.account_status !== 'active') throw invalid('accountId', 'is switched off');
  const known = new Set(found!.known_bills ?? []);
  const unknown = billIds.findIndex((billId) => !known.has(billId));
  if (unknown >= 0) throw notFound('Bill', `allocations.${unknown}.billId`);

  const [document] = await tx.query<{ id: string }>(
    `INSERT INTO money_documents (shop_id, kind, doc_date, customer_id, supplier_id, account_id, amount, remarks, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
    [
      actor.shopId,
      kind,
      input.docDate,
      kind === 'receipt' ? partyId : null,
      kind === 'payment' ? partyId : null,
      input.accountId,
      input.amount,
      input.remarks,
      actor.userId,
    ],
  );
  const party = { kind: kind === 'receipt' ? 'customer' : 'supplier', id: partyId } as const;
  const allocations = input.allocations?.map((allocation) => ({ billId: allocation.billId, amount: moneyUnits(allocation.amount) })) ?? null;
  await postMoney(tx, actor, { documentId: document!.id, date: input.docDate, reversal: false }, allocations ? { billIds } : { openOf: party }, (dues) =>
    planSettlement({ kind, partyId, accountId: input.accountId, amount: moneyUnits(input.amount), allocations }, dues),
  );
  await recordAudit(tx, actor, 'create', kind, document!.id);
  return numberSettlement(tx, actor, kind, document!.id);
}
