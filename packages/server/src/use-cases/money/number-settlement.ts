import type { Settlement } from '@xiaocang/contracts';
import type { Actor, SettlementKind } from '@xiaocang/domain';
import type { Transaction } from '../../db/database.ts';
import { checkSequence, numbering } from '../bills/assign-bill-number.ts';
import { settlementColumns, toSettlement } from './settlement-rows.ts';

/** Numbers a receipt or payment (SK/FK + yyyymmdd + sequence) as the last write of its transaction, and returns it. */
export async function numberSettlement(tx: Transaction, actor: Actor, kind: SettlementKind, id: string): Promise<Settlement> {
  const number = numbering(3, kind);
  const [row] = await tx.query<{ last_sequence: number }>(
    `WITH ${number.cte}
     UPDATE money_documents m SET doc_no = ${number.billNo} FROM counter WHERE m.shop_id = $1 AND m.id = $2
     RETURNING counter.last_sequence, ${settlementColumns}`,
    [actor.shopId, id, ...number.params],
  );
  checkSequence(row);
  return toSettlement(row!);
}
