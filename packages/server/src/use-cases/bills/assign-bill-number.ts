import type { Bill } from '@xiaocang/contracts';
import { BILL_NUMBER_PREFIX, shopDay, type NumberSeries } from '@xiaocang/domain';
import type { Transaction } from '../../db/database.ts';
import { invalidState } from '../../errors.ts';
import { billColumns, toBill } from './bill-rows.ts';

/**
 * Bill numbers: IN/OUT + yyyymmdd + the shop's 4-digit daily sequence. A bill is numbered as late in its
 * transaction as possible (the statement that closes it), so the counter row is locked briefly, a failed
 * transaction gives its number back, and concurrent bills queue on the row: no gaps, no duplicates.
 *
 * `numbering(n)` is that write as SQL pieces for a statement of the caller's: a CTE named `counter`
 * and the new number as an expression; $1 is the shop and $n, $n+1, $n+2 the parameters it returns.
 */
export function numbering(n: number, series: NumberSeries, now = new Date()) {
  const day = shopDay(now);
  return {
    cte: `counter AS (
       INSERT INTO bill_number_counters AS c (shop_id, prefix, day, last_sequence) VALUES ($1, $${n}::text, $${n + 1}::date, 1)
       ON CONFLICT (shop_id, prefix, day) DO UPDATE SET last_sequence = c.last_sequence + 1
       RETURNING last_sequence)`,
    billNo: `$${n}::text || $${n + 2}::text || lpad(counter.last_sequence::text, 4, '0')`,
    params: [BILL_NUMBER_PREFIX[series], day, day.replaceAll('-', '')],
  };
}

export function checkSequence(row: { last_sequence: number } | undefined): void {
  if (row!.last_sequence > 9999) throw invalidState('This shop has reached 9999 numbers of this series today');
}

/** Numbers a bill and returns it as it now stands. */
export async function assignBillNumber(tx: Transaction, shopId: string, billId: string, direction: 'in' | 'out'): Promise<Bill> {
  const number = numbering(3, direction);
  const [row] = await tx.query<{ last_sequence: number }>(
    `WITH ${number.cte}
     UPDATE stock_bills b SET bill_no = ${number.billNo} FROM counter WHERE b.shop_id = $1 AND b.id = $2
     RETURNING counter.last_sequence, ${billColumns({ withLines: true })}`,
    [shopId, billId, ...number.params],
  );
  checkSequence(row);
  return toBill(row!);
}
