import type { Bill } from '@xiaocang/contracts';
import type { Actor } from '@xiaocang/domain';
import type { Transaction } from '../../db/database.ts';
import { findBillFor } from './bill-access.ts';
import { submitBill } from './submit-bill.ts';
import { postBillMoney } from '../money/post-bill-money.ts';

export async function confirmBill(tx: Transaction, actor: Actor, billId: string): Promise<Bill> {
  await findBillFor(tx, actor, billId, 'submit');
  const submitted = await submitBill(tx, actor, billId);
  await postBillMoney(tx, actor, submitted);
  return submitted;
}
