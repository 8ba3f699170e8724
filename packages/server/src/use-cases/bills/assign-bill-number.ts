import { BILL_NUMBER_PREFIX, shopDay } from '@xiaocang/domain';
import type { Transaction } from '../../db/database.ts';
import { invalidState } from '../../errors.ts';

/**
 * Gives a bill the next number of the shop's day: IN/OUT + yyyymmdd + 4 digits. Called as the last
 * write of a transaction: the counter row is locked only until the commit, a failed transaction gives
 * its number back, and concurrent bills queue on the row — no gaps, no duplicates.
 */
export async function assignBillNumber(tx: Transaction, shopId: string, billId: string, direction: 'in' | 'out', now = new Date()): Promise<void> {
  const day = shopDay(now);
  const prefix = BILL_NUMBER_PREFIX[direction];
  const [row] = await tx.query<{ last_sequence: number }>(
    `WITH counter AS (
       INSERT INTO bill_number_counters AS c (shop_id, prefix, day, last_sequence) VALUES ($1, $2, $3::date, 1)
       ON CONFLICT (shop_id, prefix, day) DO UPDATE SET last_sequence = c.last_sequence + 1
       RETURNING last_sequence)
     UPDATE stock_bills b SET bill_no = $2::text || $5::text || lpad(counter.last_sequence::text, 4, '0')
       FROM counter WHERE b.shop_id = $1 AND b.id = $4
     RETURNING counter.last_sequence`,
    [shopId, prefix, day, billId, day.replaceAll('-', '')],
  );
  if (row!.last_sequence > 9999) throw invalidState('This shop has reached 9999 bills of this direction today');
}
