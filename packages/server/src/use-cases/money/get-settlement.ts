import type { Settlement } from '@xiaocang/contracts';
import type { Actor, SettlementKind } from '@xiaocang/domain';
import type { Queryable } from '../../db/database.ts';
import { loadSettlement, requireSettlementAccess } from './settlement-rows.ts';

export async function getSettlement(db: Queryable, actor: Actor, { kind, id }: { kind: SettlementKind; id: string }): Promise<Settlement> {
  requireSettlementAccess(actor, kind);
  return loadSettlement(db, actor, kind, id);
}
