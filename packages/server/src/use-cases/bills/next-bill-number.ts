import { BILL_NUMBER_PREFIX, formatBillNumber, shopDay, type BillDirection } from '@xiaocang/domain';
import type { Transaction } from '../../db/database.ts';
import { invalidState } from '../../errors.ts';

/**
 * The next number of the shop's day. The counter row is updated in the caller's transaction, so a
 * failed bill gives its number back and concurrent bills queue on the row: no gaps, no duplicates.
 */
export async function nextBillNumber(tx: Transaction, shopId: string, direction: BillDirection, now = new Date()): Promise<string> {
  const day = shopDay(now);
  const [row] = await tx.query<{ last_sequence: number }>(
    `INSERT INTO bill_number_counters AS c (shop_id, prefix, day, last_sequence) VALUES ($1, $2, $3, 1)
     ON CONFLICT (shop_id, prefix, day) DO UPDATE SET last_sequence = c.last_sequence + 1
     RETURNING last_sequence`,
    [shopId, BILL_NUMBER_PREFIX[direction], day],
  );
  if (row!.last_sequence > 9999) throw invalidState('This shop has reached 9999 bills of this direction today');
  return formatBillNumber(direction, day, row!.last_sequence);
}
