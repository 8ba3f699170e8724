import { CreateBillRequest, type DraftPurchasesRequest } from '@xiaocang/contracts';
import { figureRole, shopDay, type Actor } from '@xiaocang/domain';
import type { Transaction } from '../../db/database.ts';
import { invalidState } from '../../errors.ts';
import { createBill } from '../bills/create-bill.ts';
import { purchaseSuggestions } from './purchase-suggestions.ts';

/**
 * One draft purchase bill per supplier from the suggestions, worked out again here (a client's quantities are
 * never taken): the owner checks each draft, changes what they like and confirms it. The drafts count as on
 * order, so asking again right after suggests nothing more for those products.
 */
export async function draftPurchases(tx: Transaction, actor: Actor, input: DraftPurchasesRequest): Promise<{ billIds: string[] }> {
  const suggestions = await purchaseSuggestions(tx, actor, input);
  const wanted = input.productIds ? new Set(input.productIds) : null;
  const types = await tx.query<{ name: string }>(`SELECT name FROM shop_options WHERE shop_id = $1 AND kind = 'inboundType' ORDER BY position`, [actor.shopId]);
  const billType = types.map((t) => t.name).find((name) => figureRole('in', name) === 'purchase');
  if (!billType) throw invalidState('The shop has no purchase bill type (such as 采购入库): add one in its settings');
  const billIds: string[] = [];
  for (const group of suggestions.groups) {
    const lines = group.lines.filter((line) => !wanted || wanted.has(line.productId));
    if (lines.length === 0) continue;
    const bill = await createBill(
      tx,
      actor,
      CreateBillRequest.parse({
        direction: 'in',
        billType,
        billDate: shopDay(new Date()),
        supplierId: group.supplierId,
        remarks: '按补货建议生成，请核对数量和价格后确认',
        lines: lines.map((line) => ({ productId: line.productId, quantity: line.orderQuantity, unitPrice: line.unitPrice })),
        confirm: false,
      }),
    );
    billIds.push(bill.id);
  }
  return { billIds };
}
