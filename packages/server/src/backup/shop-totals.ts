import type { Queryable } from '../db/database.ts';
import { replayLedgers } from '../use-cases/inventory/verify-inventory.ts';

/**
 * The totals of one shop's books that a restored copy must reproduce: balances, ledger, bills by status, money
 * documents and monthly figures, as text, plus what `verify` finds. Ids are left out: they are the shop's own.
 */
export async function shopTotals(db: Queryable, shopId: string): Promise<Record<string, string>> {
  const [row] = await db.query<Record<string, string>>(
    `SELECT
       (SELECT concat_ws(', ', count(*), sum(quantity), sum(total_cost)) FROM inventory_balances WHERE shop_id = $1) AS balances,
       (SELECT concat_ws(', ', count(*), sum(quantity), sum(amount), sum(cost_amount)) FROM stock_ledger WHERE shop_id = $1) AS ledger,
       (SELECT coalesce(string_agg(concat_ws(' ', status, n, q, a), '; ' ORDER BY status), '')
          FROM (SELECT status, count(*) AS n, sum(total_quantity) AS q, sum(total_amount) AS a FROM stock_bills WHERE shop_id = $1 GROUP BY status) b) AS bills,
       (SELECT coalesce(string_agg(concat_ws(' ', kind, n, a), '; ' ORDER BY kind), '')
          FROM (SELECT kind, count(*) AS n, sum(amount) AS a FROM money_documents WHERE shop_id = $1 GROUP BY kind) m) AS money,
       (SELECT concat_ws(', ', count(*), sum(amount), sum(cost)) FROM stats_monthly_bill_types WHERE shop_id = $1) AS monthly`,
    [shopId],
  );
  const verified = await replayLedgers(db, shopId);
  return { ...row!, verify: `${verified.checkedBalances} balances, ${verified.checkedLedgerRows} ledger rows, ${verified.drift.length} drifting` };
}
