import type { Dashboard } from '@xiaocang/contracts';
import { can, formatMoney, formatQuantity, shopDay } from '@xiaocang/domain';
import type { UseCaseContext } from '../../http/context.ts';

/** The home screen's figures: today's movements, the month's sales and profit, what needs attention. */
export async function getDashboard({ db, actor }: UseCaseContext, now = new Date()): Promise<Dashboard> {
  const today = shopDay(now);
  const ownOnly = !can(actor, 'viewOthersRecords');
  const [todays] = await db.query<Record<string, string>>(
    `SELECT count(*) FILTER (WHERE direction = 'in') AS in_count,
            COALESCE(sum(total_quantity) FILTER (WHERE direction = 'in'), 0) AS in_quantity,
            COALESCE(sum(total_amount) FILTER (WHERE direction = 'in'), 0) AS in_amount,
            count(*) FILTER (WHERE direction = 'out') AS out_count,
            COALESCE(sum(total_quantity) FILTER (WHERE direction = 'out'), 0) AS out_quantity,
            COALESCE(sum(total_amount) FILTER (WHERE direction = 'out'), 0) AS out_amount
       FROM stock_bills
      WHERE shop_id = $1 AND bill_date = $2 AND status IN ('confirmed', 'reversed') AND kind IN ('normal', 'reversal')
        AND transfer_peer_id IS NULL AND ($3::bigint IS NULL OR created_by = $3)`,
    [actor.shopId, today, ownOnly ? actor.userId : null],
  );
  const [month] = await db.query<{ outbound_amount: string; profit: string }>(
    'SELECT outbound_amount, profit FROM stats_monthly WHERE shop_id = $1 AND year = $2 AND month = $3',
    [actor.shopId, Number(today.slice(0, 4)), Number(today.slice(5, 7))],
  );
  const [low] = await db.query<{ count: string }>(
    `SELECT count(*) AS count FROM (
       SELECT p.id FROM products p LEFT JOIN inventory_balances b ON b.shop_id = p.shop_id AND b.product_id = p.id
        WHERE p.shop_id = $1 AND p.is_enabled GROUP BY p.id, p.warning_stock HAVING COALESCE(sum(b.quantity), 0) <= p.warning_stock) low`,
    [actor.shopId],
  );
  const [pending] = await db.query<{ count: string }>(
    `SELECT count(*) AS count FROM stock_bills WHERE shop_id = $1 AND status = 'pending' AND ($2::bigint IS NULL OR created_by = $2)`,
    [actor.shopId, ownOnly ? actor.userId : null],
  );
  return {
    today,
    todayInboundCount: Number(todays!.in_count),
    todayInboundQuantity: formatQuantity(todays!.in_quantity!),
    todayInboundAmount: formatMoney(todays!.in_amount!),
    todayOutboundCount: Number(todays!.out_count),
    todayOutboundQuantity: formatQuantity(todays!.out_quantity!),
    todayOutboundAmount: formatMoney(todays!.out_amount!),
    monthSales: formatMoney(month?.outbound_amount ?? '0'),
    monthProfit: formatMoney(month?.profit ?? '0'),
    lowStockCount: Number(low!.count),
    pendingApprovalCount: Number(pending!.count),
  };
}
