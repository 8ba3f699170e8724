import type { AuditEntry, AuditList, AuditListQuery } from '@xiaocang/contracts';
import { auditActionLabel, auditEntityLabel, auditFieldLabel, can, fieldChanges, type Actor, type FieldChange } from '@xiaocang/domain';
import type { Queryable } from '../../db/database.ts';
import { forbidden } from '../../errors.ts';

interface AuditRow {
  id: string;
  created_at: Date;
  user_id: string | null;
  user_name: string | null;
  action: string;
  entity: string;
  entity_id: string | null;
  record_name: string | null;
  data: Record<string, unknown>;
  total: string;
}

/** Where each kind of record keeps the name the viewer shows beside it. */
const RECORD_NAMES: Record<string, string> = {
  product: 'SELECT name FROM products',
  category: 'SELECT name FROM categories',
  supplier: 'SELECT name FROM suppliers',
  customer: 'SELECT name FROM customers',
  'stock-point': 'SELECT name FROM stock_points',
  'price-level': 'SELECT name FROM price_levels',
  'payment-account': 'SELECT name FROM payment_accounts',
  bill: 'SELECT bill_no FROM stock_bills',
  transfer: 'SELECT bill_no FROM stock_bills',
  receipt: 'SELECT doc_no FROM money_documents',
  payment: 'SELECT doc_no FROM money_documents',
  goods: 'SELECT title FROM goods',
  staff: 'SELECT real_name FROM users',
  user: 'SELECT real_name FROM users',
  users: 'SELECT real_name FROM users',
};
// A shop's trail speaks of one shop only, itself (also after a restore gave it a new id).
const recordName = `CASE page.entity WHEN 'shop' THEN (SELECT name FROM shops WHERE id = $1) ${Object.entries(RECORD_NAMES)
  .map(([entity, select]) => `WHEN '${entity}' THEN (${select} WHERE shop_id = $1 AND id = page.entity_id::bigint)`)
  .join(' ')} END`;

/**
 * A row recorded as an update carries its changes; older rows and other actions carry what was given,
 * shown as fields set.
 */
const changesOf = (data: Record<string, unknown>): FieldChange[] => (Array.isArray(data.changes) ? (data.changes as FieldChange[]) : fieldChanges(null, data));

/** The owner's view of the audit trail, newest first, by person, record and period (shop days). */
export async function listAudit(db: Queryable, actor: Actor, query: AuditListQuery): Promise<AuditList> {
  if (!can(actor, 'manageShop')) throw forbidden('Only the owner sees the audit trail');
  const rows = await db.query<AuditRow>(
    `WITH page AS (
       SELECT a.id, a.created_at, a.user_id, a.action, a.entity, a.entity_id, a.data, count(*) OVER () AS total
         FROM audit_log a
        WHERE a.shop_id = $1
          AND ($2::bigint IS NULL OR a.user_id = $2) AND ($3::text IS NULL OR a.entity = $3) AND ($4::text IS NULL OR a.entity_id = $4)
          AND ($5::date IS NULL OR a.created_at >= ($5::date::timestamp AT TIME ZONE 'Asia/Shanghai'))
          AND ($6::date IS NULL OR a.created_at < (($6::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai'))
        ORDER BY a.created_at DESC, a.id DESC
        LIMIT $7 OFFSET $8)
     SELECT page.id::text, page.created_at, page.user_id::text, u.real_name AS user_name, page.action, page.entity, page.entity_id, page.data, page.total,
            CASE WHEN page.entity_id ~ '^[1-9][0-9]{0,17}$' THEN ${recordName} END AS record_name
       FROM page LEFT JOIN users u ON u.shop_id = $1 AND u.id = page.user_id
      ORDER BY page.created_at DESC, page.id DESC`,
    [actor.shopId, query.userId ?? null, query.entity ?? null, query.entityId ?? null, query.from ?? null, query.to ?? null, query.pageSize, (query.page - 1) * query.pageSize],
  );
  const items: AuditEntry[] = rows.map((row) => ({
    id: row.id,
    at: row.created_at.toISOString(),
    userId: row.user_id,
    userName: row.user_name,
    action: row.action,
    actionLabel: auditActionLabel(row.action),
    entity: row.entity,
    entityLabel: auditEntityLabel(row.entity),
    entityId: row.entity_id,
    recordName: row.record_name,
    changes: changesOf(row.data).map((change) => ({ ...change, label: auditFieldLabel(change.field) })),
  }));
  return { items, total: Number(rows[0]?.total ?? 0), page: query.page, pageSize: query.pageSize };
}
