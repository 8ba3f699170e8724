import type { Settlement } from '@xiaocang/contracts';
import type { SettlementKind } from '@xiaocang/domain';
import type { UseCaseContext } from '../../http/context.ts';
import { loadSettlement, requireSettlementAccess } from './settlement-rows.ts';

export async function getSettlement({ db, actor }: UseCaseContext, kind: SettlementKind, id: string): Promise<Settlement> {
  requireSettlementAccess(actor, kind);
  return loadSettlement(db, actor, kind, id);
}
