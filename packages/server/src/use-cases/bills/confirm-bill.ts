import type { Bill } from '@xiaocang/contracts';
import type { Actor } from '@xiaocang/domain';
import type { Transaction } from '../../db/database.ts';
import { invalidState } from '../../errors.ts';
import { findBillForAction, requireDirectionAllowed, requireDraftEditor } from './bill-access.ts';
import { submitBill } from './submit-bill.ts';
import { postBillMoney } from '../money/post-bill-money.ts';

export async function confirmBill(tx: Transaction, actor: Actor, billId: string): Promise<Bill> {
  const bill = await findBillForAction(tx, actor, billId);
  if (bill.status !== 'draft') throw invalidState(`This bill is ${bill.status}; only a draft can be confirmed`);
  requireDraftEditor(actor, bill);
  requireDirectionAllowed(actor, bill.direction);
  const submitted = await submitBill(tx, actor, billId);
  await postBillMoney(tx, actor, submitted);
  return submitted;
}
