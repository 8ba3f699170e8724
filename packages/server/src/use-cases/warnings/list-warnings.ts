import type { WarningEvent, WarningKind, WarningList, WarningListQuery } from '@xiaocang/contracts';
import { can, WARNING_KINDS, warningMessage, type Actor, type WarningValues } from '@xiaocang/domain';
import type { Queryable } from '../../db/database.ts';
import { forbidden } from '../../errors.ts';

/** Warnings tell how much stock there is: whoever may not see stock sees none. */
export function requireWarningAccess(actor: Actor): void {
  if (!can(actor, 'viewInventory')) throw forbidden('Stock warnings show stock, which is hidden from you');
}

interface EventRow {
  id: string;
  kind: WarningKind;
  product_id: string;
  product_name: string;
  unit: string;
  raised_at: Date;
  resolved_at: Date | null;
  raised_values: WarningValues;
  resolved_values: WarningValues | null;
  total: string;
}

/** The warning list: open ones first (newest first), then resolved ones (latest resolved first), with open counts per kind. */
export async function listWarnings(db: Queryable, actor: Actor, query: WarningListQuery): Promise<WarningList> {
  requireWarningAccess(actor);
  const rows = await db.query<EventRow>(
    `SELECT e.id::text, e.kind, e.product_id::text, p.name AS product_name, p.unit, e.raised_at, e.resolved_at, e.raised_values, e.resolved_values,
            count(*) OVER () AS total
       FROM warning_events e JOIN products p ON p.shop_id = e.shop_id AND p.id = e.product_id
      WHERE e.shop_id = $1
        AND ($2 = 'all' OR ($2 = 'open') = (e.resolved_at IS NULL))
        AND ($3::text IS NULL OR e.kind = $3) AND ($4::bigint IS NULL OR e.product_id = $4)
      ORDER BY e.resolved_at IS NOT NULL, COALESCE(e.resolved_at, e.raised_at) DESC, e.id DESC
      LIMIT $5 OFFSET $6`,
    [actor.shopId, query.status, query.kind ?? null, query.productId ?? null, query.pageSize, (query.page - 1) * query.pageSize],
  );
  const counts = await db.query<{ kind: WarningKind; count: number }>(
    'SELECT kind, count(*)::int AS count FROM warning_events WHERE shop_id = $1 AND resolved_at IS NULL GROUP BY kind',
    [actor.shopId],
  );
  const items: WarningEvent[] = rows.map((row) => ({
    id: row.id,
    kind: row.kind,
    productId: row.product_id,
    productName: row.product_name,
    unit: row.unit,
    raisedAt: row.raised_at.toISOString(),
    resolvedAt: row.resolved_at?.toISOString() ?? null,
    raised: row.raised_values,
    resolved: row.resolved_values,
    ...warningMessage(row.kind, { name: row.product_name, unit: row.unit }, row.raised_values),
  }));
  const openByKind = Object.fromEntries(WARNING_KINDS.map((kind) => [kind, counts.find((count) => count.kind === kind)?.count ?? 0])) as Record<WarningKind, number>;
  return { items, total: Number(rows[0]?.total ?? 0), page: query.page, pageSize: query.pageSize, openByKind };
}
