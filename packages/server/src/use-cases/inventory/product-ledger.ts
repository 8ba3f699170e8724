import type { LedgerEntry, List } from '@xiaocang/contracts';
import { can, formatMoney, formatQuantity, formatUnitCost, type Actor } from '@xiaocang/domain';
import { z } from 'zod';
import { forbidden, notFound } from '../../errors.ts';
import type { Queryable } from '../../db/database.ts';
import type { LedgerQuery } from '@xiaocang/contracts';
import { conditions } from '../../db/conditions.ts';

/**
 * A product's movements, newest first, each with the running balance of its stock point after it
 * (balances are kept per stock point); `stockPointId` narrows the list to one point.
 */
export async function productLedger(
  db: Queryable,
  actor: Actor,
  { productId, query }: { productId: string; query: z.infer<typeof LedgerQuery> },
): Promise<List<LedgerEntry>> {
  if (!can(actor, 'viewInventory')) throw forbidden('Your account may not see stock quantities');
  const product = await db.query('SELECT 1 FROM products WHERE shop_id = $1 AND id = $2', [actor.shopId, productId]);
  if (product.length === 0) throw notFound('Product');
  const params: unknown[] = [actor.shopId, productId];
  const filter = conditions(params, ['l.shop_id = $1', 'l.product_id = $2']);
  const add = filter.add;
  if (query.stockPointId) add((n) => `l.stock_point_id = $${n}`, query.stockPointId);
  if (query.dateFrom) add((n) => `l.bill_date >= $${n}`, query.dateFrom);
  if (query.dateTo) add((n) => `l.bill_date <= $${n}`, query.dateTo);
  const ownOnly = !can(actor, 'viewOthersRecords');
  if (ownOnly) add((n) => `b.created_by = $${n}`, actor.userId);
  const where = filter.sql();
  // Count and page on the ledger alone (its index is in page order); join names for the page only.
  const ledgerFrom = `FROM stock_ledger l${ownOnly ? ' JOIN stock_bills b ON b.shop_id = l.shop_id AND b.id = l.bill_id' : ''} WHERE ${where}`;
  // Without date or creator filters the balances already know how many rows there are.
  const countedByBalances = !ownOnly && !query.dateFrom && !query.dateTo;
  const [count] = countedByBalances
    ? await db.query<{ total: string }>(
        'SELECT COALESCE(sum(ledger_rows), 0) AS total FROM inventory_balances WHERE shop_id = $1 AND product_id = $2 AND ($3::bigint IS NULL OR stock_point_id = $3)',
        [actor.shopId, productId, query.stockPointId ?? null],
      )
    : await db.query<{ total: string }>(`SELECT count(*) AS total ${ledgerFrom}`, params);
  const rows = await db.query<Record<string, unknown>>(
    `SELECT l.*, b.bill_no, b.bill_type, b.kind, b.transfer_peer_id, sp.name AS stock_point_name
       FROM (SELECT l.* ${ledgerFrom}
              ORDER BY l.bill_date DESC, l.posting_seq DESC, l.line_no DESC LIMIT $${params.length + 1} OFFSET $${params.length + 2}) l
       JOIN stock_bills b ON b.shop_id = l.shop_id AND b.id = l.bill_id
       JOIN stock_points sp ON sp.shop_id = l.shop_id AND sp.id = l.stock_point_id
      ORDER BY l.bill_date DESC, l.posting_seq DESC, l.line_no DESC`,
    [...params, query.pageSize, (query.page - 1) * query.pageSize],
  );
  const s = (value: unknown) => value as string;
  return {
    items: rows.map((row) => ({
      id: s(row.id),
      billId: s(row.bill_id),
      billNo: s(row.bill_no),
      lineNo: row.line_no as number,
      billDate: s(row.bill_date),
      billType: s(row.bill_type),
      direction: row.direction as 'in' | 'out',
      kind: row.kind as LedgerEntry['kind'],
      transferPeerId: (row.transfer_peer_id ?? null) as string | null,
      stockPointId: s(row.stock_point_id),
      stockPointName: s(row.stock_point_name),
      quantity: formatQuantity(s(row.quantity)),
      unitPrice: formatUnitCost(s(row.unit_price)),
      amount: formatMoney(s(row.amount)),
      unitCost: formatUnitCost(s(row.unit_cost)),
      costAmount: formatMoney(s(row.cost_amount)),
      balanceQuantity: formatQuantity(s(row.balance_quantity)),
      balanceAvgCost: formatUnitCost(s(row.balance_avg_cost)),
      balanceAmount: formatMoney(s(row.balance_amount)),
      createdAt: (row.created_at as Date).toISOString(),
    })),
    total: Number(count!.total),
    page: query.page,
    pageSize: query.pageSize,
  };
}
