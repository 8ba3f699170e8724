import type { WarningValues } from '@xiaocang/domain';
import type { Transaction } from '../../db/database.ts';
import { lowStockSql, warningStockSql } from '../inventory/low-stock.ts';
import { notifyWarnings } from './notify-warnings.ts';
import { unseenArray } from '../../db/sql-params.ts';

/**
 * The warnings a posting can start or end, for the products it touched, in its own transaction (their rows
 * are locked by the posting, so two postings of a product judge one after the other): a product that is
 * now low is warned of once (the open warning's unique index makes a second raise a no-op), one no longer
 * low has its warning resolved, and an idle-stock warning ends when the product goes out or runs out.
 * One statement; a notification costs more only when a warning is raised.
 */
export async function checkStockWarnings(tx: Transaction, shopId: string, productIds: readonly string[], outboundProductIds: readonly string[]): Promise<void> {
  const raised = await tx.query<{ id: string; product_name: string; unit: string; raised_values: WarningValues }>(
    `WITH judged AS (
       SELECT p.id AS product_id, p.name, p.unit, q.quantity, t.threshold, ${lowStockSql('p', 'q.quantity', 't.threshold')} AS low
         FROM products p
         CROSS JOIN LATERAL (SELECT COALESCE(sum(b.quantity), 0) AS quantity FROM inventory_balances b WHERE b.shop_id = p.shop_id AND b.product_id = p.id) q
         CROSS JOIN LATERAL (SELECT ${warningStockSql('p')} AS threshold) t
        WHERE p.shop_id = $1 AND p.id = ANY(${unseenArray('$2', 'bigint')})),
     raised AS (
       INSERT INTO warning_events (shop_id, product_id, kind, raised_values)
       SELECT $1, product_id, 'lowStock', jsonb_build_object('stockQuantity', quantity::text, 'threshold', threshold::text) FROM judged WHERE low
       ON CONFLICT (shop_id, product_id, kind) WHERE resolved_at IS NULL DO NOTHING
       RETURNING id, product_id, raised_values),
     resolved AS (
       UPDATE warning_events e SET resolved_at = now(), resolved_values = jsonb_build_object('stockQuantity', j.quantity::text)
         FROM judged j
        WHERE e.shop_id = $1 AND e.product_id = j.product_id AND e.resolved_at IS NULL
          AND ((e.kind = 'lowStock' AND NOT j.low) OR (e.kind = 'stale' AND (j.quantity <= 0 OR j.product_id = ANY($3::bigint[]))))
       RETURNING e.id)
     SELECT r.id::text, j.name AS product_name, j.unit, r.raised_values FROM raised r JOIN judged j ON j.product_id = r.product_id`,
    [shopId, productIds, outboundProductIds],
  );
  await notifyWarnings(
    tx,
    shopId,
    raised.map((row) => ({ id: row.id, kind: 'lowStock', productName: row.product_name, unit: row.unit, values: row.raised_values })),
  );
}
