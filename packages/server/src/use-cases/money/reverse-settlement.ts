import type { Settlement } from '@xiaocang/contracts';
import { can, moneyUnits, planSettlementReversal, shopDay, type Actor, type SettlementKind } from '@xiaocang/domain';
import type { Transaction } from '../../db/database.ts';
import { forbidden, invalidState } from '../../errors.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { numberSettlement } from './number-settlement.ts';
import { postMoney } from './post-money.ts';
import { loadSettlement } from './settlement-rows.ts';

/**
 * 红冲 of a receipt or payment: a counter-document with the amount and allocations negated, dated today
 * (or the original's date if later). The money goes back to the party's balance and the bills it settled
 * owe it again. Returns the counter-document.
 */
export async function reverseSettlement(tx: Transaction, actor: Actor, { kind, id }: { kind: SettlementKind; id: string }): Promise<Settlement> {
  if (!can(actor, 'approveBills')) throw forbidden('Only the owner can reverse receipts and payments');
  // Locked, so a second reversal of the same document waits and then finds it reversed.
  await tx.query('SELECT 1 FROM money_documents WHERE shop_id = $1 AND id = $2 FOR UPDATE', [actor.shopId, id]);
  const original = await loadSettlement(tx, actor, kind, id);
  if (original.isReversal) throw invalidState('A reversal cannot itself be reversed');
  if (original.status === 'reversed') throw invalidState('This document has already been reversed');
  const [counter] = await tx.query<{ id: string; doc_date: string }>(
    `INSERT INTO money_documents (shop_id, kind, is_reversal, doc_date, customer_id, supplier_id, account_id, amount, remarks, reversal_of_id, created_by)
     SELECT shop_id, kind, true, GREATEST(doc_date, $3::date), customer_id, supplier_id, account_id, -amount, '红冲 ' || doc_no, id, $4
       FROM money_documents WHERE shop_id = $1 AND id = $2
     RETURNING id, doc_date::text`,
    [actor.shopId, id, shopDay(new Date()), actor.userId],
  );
  const allocations = original.allocations.map((allocation) => ({ billId: allocation.billId, amount: moneyUnits(allocation.amount!) }));
  await postMoney(
    tx,
    actor,
    { documentId: counter!.id, date: counter!.doc_date, reversal: true },
    { billIds: allocations.map((allocation) => allocation.billId) },
    () =>
      planSettlementReversal({
        kind,
        partyId: (original.customerId ?? original.supplierId)!,
        accountId: original.accountId,
        amount: moneyUnits(original.amount!),
        allocations,
      }),
  );
  await tx.query(`UPDATE money_documents SET status = 'reversed', reversed_by_id = $3 WHERE shop_id = $1 AND id = $2`, [actor.shopId, id, counter!.id]);
  await recordAudit(tx, actor, 'reverse', kind, id, { reversalDocumentId: counter!.id });
  return numberSettlement(tx, actor, kind, counter!.id);
}
