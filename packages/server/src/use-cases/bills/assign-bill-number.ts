import type { Bill } from '@xiaocang/contracts';
import { BILL_NUMBER_PREFIX, shopDay, type NumberSeries } from '@xiaocang/domain';
import type { Transaction } from '../../db/database.ts';
import { SqlParams } from '../../db/sql-params.ts';
import { invalidState } from '../../errors.ts';
import { billColumns, toBill } from './bill-rows.ts';

/**
 * Bill numbers: IN/OUT + yyyymmdd + the shop's 4-digit daily sequence. A bill is numbered as late in its
 * transaction as possible (the statement that closes it), so the counter row is locked briefly, a failed
 * transaction gives its number back, and concurrent bills queue on the row: no gaps, no duplicates.
 *
 * `numbering` is that write as SQL pieces for a statement of the caller's, whose parameters it adds to:
 * a CTE named `counter` and the new number as an expression. `shop` is the shop's placeholder.
 */
export function numbering(params: SqlParams, shop: string, series: NumberSeries, now = new Date()) {
  const day = shopDay(now);
  const prefix = params.add(BILL_NUMBER_PREFIX[series]);
  return {
    cte: `counter AS (
       INSERT INTO bill_number_counters AS c (shop_id, prefix, day, last_sequence) VALUES (${shop}, ${prefix}::text, ${params.add(day)}::date, 1)
       ON CONFLICT (shop_id, prefix, day) DO UPDATE SET last_sequence = c.last_sequence + 1
       RETURNING last_sequence)`,
    billNo: `${prefix}::text || ${params.add(day.replaceAll('-', ''))}::text || lpad(counter.last_sequence::text, 4, '0')`,
  };
}

export function checkSequence(row: { last_sequence: number } | undefined): void {
  if (row!.last_sequence > 9999) throw invalidState('This shop has reached 9999 numbers of this series today');
}

/** Numbers a bill and returns it as it now stands. */
export async function assignBillNumber(tx: Transaction, shopId: string, billId: string, direction: 'in' | 'out'): Promise<Bill> {
  const params = new SqlParams();
  const [shop, bill] = [params.add(shopId), params.add(billId)];
  const number = numbering(params, shop, direction);
  const [row] = await tx.query<{ last_sequence: number }>(
    `WITH ${number.cte}
     UPDATE stock_bills b SET bill_no = ${number.billNo} FROM counter WHERE b.shop_id = ${shop} AND b.id = ${bill}
     RETURNING counter.last_sequence, ${billColumns({ withLines: true })}`,
    params.values,
  );
  checkSequence(row);
  return toBill(row!);
}
