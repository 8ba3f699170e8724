import type { List, Settlement, SettlementListQuery } from '@xiaocang/contracts';
import { can, type Actor, type SettlementKind } from '@xiaocang/domain';
import { conditions } from '../../db/conditions.ts';
import type { Queryable } from '../../db/database.ts';
import { requireSettlementAccess, settlementColumns, toSettlement } from './settlement-rows.ts';

export async function listSettlements(
  db: Queryable,
  actor: Actor,
  { kind, query }: { kind: SettlementKind; query: Omit<SettlementListQuery, 'kind'> },
): Promise<List<Settlement>> {
  requireSettlementAccess(actor, kind);
  const params: unknown[] = [actor.shopId, kind];
  const filter = conditions(params, ['m.shop_id = $1', 'm.kind = $2']);
  if (query.customerId) filter.add((n) => `m.customer_id = $${n}`, query.customerId);
  if (query.supplierId) filter.add((n) => `m.supplier_id = $${n}`, query.supplierId);
  if (query.accountId) filter.add((n) => `m.account_id = $${n}`, query.accountId);
  if (query.dateFrom) filter.add((n) => `m.doc_date >= $${n}`, query.dateFrom);
  if (query.dateTo) filter.add((n) => `m.doc_date <= $${n}`, query.dateTo);
  if (!can(actor, 'viewOthersRecords')) filter.add((n) => `m.created_by = $${n}`, actor.userId);
  const where = filter.sql();
  const [count] = await db.query<{ total: string }>(`SELECT count(*) AS total FROM money_documents m WHERE ${where}`, params);
  const rows = await db.query(
    `SELECT ${settlementColumns} FROM money_documents m WHERE ${where} ORDER BY m.doc_date DESC, m.id DESC LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
    [...params, query.pageSize, (query.page - 1) * query.pageSize],
  );
  return { items: rows.map(toSettlement), total: Number(count!.total), page: query.page, pageSize: query.pageSize };
}
