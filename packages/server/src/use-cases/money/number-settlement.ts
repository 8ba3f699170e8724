import type { Settlement } from '@xiaocang/contracts';
import type { Actor, SettlementKind } from '@xiaocang/domain';
import type { Transaction } from '../../db/database.ts';
import { SqlParams } from '../../db/sql-params.ts';
import { checkSequence, numbering } from '../bills/assign-bill-number.ts';
import { settlementColumns, toSettlement } from './settlement-rows.ts';

/** Numbers a receipt or payment (SK/FK + yyyymmdd + sequence) as the last write of its transaction, and returns it. */
export async function numberSettlement(tx: Transaction, actor: Actor, kind: SettlementKind, id: string): Promise<Settlement> {
  const params = new SqlParams();
  const [shop, document] = [params.add(actor.shopId), params.add(id)];
  const number = numbering(params, shop, kind);
  const [row] = await tx.query<{ last_sequence: number }>(
    `WITH ${number.cte}
     UPDATE money_documents m SET doc_no = ${number.billNo} FROM counter WHERE m.shop_id = ${shop} AND m.id = ${document}
     RETURNING counter.last_sequence, ${settlementColumns}`,
    params.values,
  );
  checkSequence(row);
  return toSettlement(row!);
}
