import type { Dashboard } from '@xiaocang/contracts';
import { figuresOf, formatMoney, formatQuantity, shopDay, type Actor } from '@xiaocang/domain';
import type { Queryable } from '../../db/database.ts';
import { lowStockSql } from '../inventory/low-stock.ts';
import { figureScope, totalsFor } from './month-totals.ts';

/**
 * The home screen's figures: today's movements, the month's sales, gross margin and stock adjustments,
 * what needs attention. A staff member with ownRecordsOnly gets the figures of their own bills.
 */
export async function getDashboard(db: Queryable, actor: Actor): Promise<Dashboard> {
  const today = shopDay(new Date());
  const scope = figureScope(actor);
  const ownOnly = scope === 'own' ? actor.userId : null;
  // Today's bills that stand: a reversed bill and its reversal count as nothing, transfers not at all.
  const [todays] = await db.query<Record<string, string>>(
    `SELECT count(*) FILTER (WHERE direction = 'in') AS in_count,
            COALESCE(sum(total_quantity) FILTER (WHERE direction = 'in'), 0) AS in_quantity,
            COALESCE(sum(total_amount) FILTER (WHERE direction = 'in'), 0) AS in_amount,
            count(*) FILTER (WHERE direction = 'out') AS out_count,
            COALESCE(sum(total_quantity) FILTER (WHERE direction = 'out'), 0) AS out_quantity,
            COALESCE(sum(total_amount) FILTER (WHERE direction = 'out'), 0) AS out_amount
       FROM stock_bills
      WHERE shop_id = $1 AND bill_date = $2 AND status = 'confirmed' AND kind <> 'reversal' AND transfer_peer_id IS NULL
        AND ($3::bigint IS NULL OR created_by = $3)`,
    [actor.shopId, today, ownOnly],
  );
  const month = figuresOf(await totalsFor(db, actor, { year: Number(today.slice(0, 4)), month: Number(today.slice(5, 7)) }));
  // The products the stock screen flags (list-inventory.ts), by the same rule.
  const [low] = await db.query<{ count: string }>(
    `SELECT count(*) AS count FROM (
       SELECT p.id FROM products p JOIN inventory_balances b ON b.shop_id = p.shop_id AND b.product_id = p.id
        WHERE p.shop_id = $1 GROUP BY p.shop_id, p.id HAVING ${lowStockSql('p', 'sum(b.quantity)')}) low`,
    [actor.shopId],
  );
  const [pending] = await db.query<{ count: string }>(
    `SELECT count(*) AS count FROM stock_bills WHERE shop_id = $1 AND status = 'pending' AND ($2::bigint IS NULL OR created_by = $2)`,
    [actor.shopId, ownOnly],
  );
  return {
    today,
    scope,
    todayInboundCount: Number(todays!.in_count),
    todayInboundQuantity: formatQuantity(todays!.in_quantity!),
    todayInboundAmount: formatMoney(todays!.in_amount!),
    todayOutboundCount: Number(todays!.out_count),
    todayOutboundQuantity: formatQuantity(todays!.out_quantity!),
    todayOutboundAmount: formatMoney(todays!.out_amount!),
    monthSales: month.salesAmount,
    monthGrossMargin: month.grossMargin,
    monthStockAdjustment: month.stockAdjustment,
    lowStockCount: Number(low!.count),
    pendingApprovalCount: Number(pending!.count),
  };
}
