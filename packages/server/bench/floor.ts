import type { Database } from '../src/db/database.ts';
import type { BillSpec } from './workload.ts';

/**
 * The floor: the write set of one posted bill as hand-written SQL in one transaction, no framework,
 * no validation, no costing library. Bill, lines, locked balance rows (in product order), ledger rows
 * with running balances and the month's stats: what the database itself needs for a posting.
 * Eight round trips: BEGIN, five statements, the stats upsert, COMMIT.
 */
export async function postFloorBill(
  db: Database,
  shop: { shopId: string; userId: string; stockPointId: string },
  bill: BillSpec,
  billNo: string,
): Promise<void> {
  const { shopId, userId, stockPointId } = shop;
  const sign = bill.direction === 'in' ? 1 : -1;
  const lines = [...bill.lines].sort((a, b) => Number(a.productId) - Number(b.productId));
  const productIds = lines.map((line) => line.productId);
  const quantities = lines.map((line) => String(line.quantity * sign));
  const prices = lines.map((line) => line.unitPrice);
  const billType = bill.direction === 'in' ? '采购入库' : '销售出库';
  await db.transaction(async (tx) => {
    const [row] = await tx.query<{ id: string; posting_seq: string }>(
      `INSERT INTO stock_bills (shop_id, direction, bill_no, bill_type, bill_date, stock_point_id, status, confirmed_by, confirmed_at,
                                posting_seq, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, 'confirmed', $7, now(), nextval('posting_seq'), $7) RETURNING id, posting_seq`,
      [shopId, bill.direction, billNo, billType, bill.billDate, stockPointId, userId],
    );
    await tx.query(
      'SELECT 1 FROM inventory_balances WHERE shop_id = $1 AND stock_point_id = $2 AND product_id = ANY($3::bigint[]) ORDER BY product_id FOR UPDATE',
      [shopId, stockPointId, productIds],
    );
    // Receipts add their amount to the total; issues take quantity × average out of it.
    const balances = await tx.query<{ product_id: string; quantity: string; avg_cost: string; total_cost: string; cost: string }>(
      `UPDATE inventory_balances b
          SET quantity = b.quantity + u.quantity,
              total_cost = b.total_cost + CASE WHEN u.quantity > 0 THEN round(u.quantity * u.price, 2) ELSE round(u.quantity * b.avg_cost, 2) END,
              avg_cost = CASE WHEN b.quantity + u.quantity > 0
                              THEN round((b.total_cost + CASE WHEN u.quantity > 0 THEN round(u.quantity * u.price, 2) ELSE round(u.quantity * b.avg_cost, 2) END)
                                         / (b.quantity + u.quantity), 4)
                              ELSE b.avg_cost END,
              updated_at = now()
         FROM unnest($3::bigint[], $4::numeric[], $5::numeric[]) AS u(product_id, quantity, price)
        WHERE b.shop_id = $1 AND b.stock_point_id = $2 AND b.product_id = u.product_id
        RETURNING b.product_id, b.quantity, b.avg_cost, b.total_cost,
                  CASE WHEN u.quantity > 0 THEN round(u.quantity * u.price, 2) ELSE round(-u.quantity * b.avg_cost, 2) END AS cost`,
      [shopId, stockPointId, productIds, quantities, prices],
    );
    const after = new Map(balances.map((balance) => [balance.product_id, balance]));
    const column = <T>(pick: (line: (typeof lines)[number], index: number) => T) => lines.map(pick);
    const lineIds = await tx.query<{ id: string }>(
      `INSERT INTO stock_bill_lines_live (shop_id, bill_id, direction, created_by, line_no, product_id, product_name, unit, quantity, unit_price, amount)
       SELECT $1, $2, $3, $4, u.line_no, u.product_id, '', '', abs(u.quantity), u.price, round(abs(u.quantity) * u.price, 2)
         FROM unnest($5::int[], $6::bigint[], $7::numeric[], $8::numeric[]) AS u(line_no, product_id, quantity, price)
       RETURNING id`,
      [shopId, row!.id, bill.direction, userId, column((_, i) => i + 1), productIds, quantities, prices],
    );
    await tx.query(
      `INSERT INTO stock_ledger_live (shop_id, stock_point_id, product_id, bill_id, line_id, bill_kind, in_stats, bill_type, line_no, bill_date, posting_seq, direction,
                                 movement, quantity, unit_price, amount, unit_cost, cost_amount, balance_quantity, balance_avg_cost, balance_amount, created_by)
       SELECT $1, $2, u.product_id, $3, u.line_id, $4, true, $19, u.line_no, $5, $6, $7, $8, u.quantity, u.price, round(abs(u.quantity) * u.price, 2),
              u.cost / abs(u.quantity), sign(u.quantity) * u.cost, u.balance_quantity, u.balance_avg_cost, u.balance_amount, $9
         FROM unnest($10::bigint[], $11::bigint[], $12::int[], $13::numeric[], $14::numeric[], $15::numeric[], $16::numeric[], $17::numeric[], $18::numeric[])
              AS u(product_id, line_id, line_no, quantity, price, cost, balance_quantity, balance_avg_cost, balance_amount)`,
      [
        shopId,
        stockPointId,
        row!.id,
        'normal',
        bill.billDate,
        row!.posting_seq,
        bill.direction,
        bill.direction === 'in' ? 'receive' : 'issue',
        userId,
        productIds,
        lineIds.map((line) => line.id),
        column((_, i) => i + 1),
        quantities,
        prices,
        column((line) => after.get(line.productId)!.cost),
        column((line) => after.get(line.productId)!.quantity),
        column((line) => after.get(line.productId)!.avg_cost),
        column((line) => after.get(line.productId)!.total_cost),
        billType,
      ],
    );
    const [year, month] = bill.billDate.split('-').map(Number);
    await tx.query(
      `INSERT INTO stats_monthly_bill_types AS s (shop_id, year, month, direction, bill_type, amount, cost, bill_count)
       SELECT $1, $2, $3, $4, $5, sum(a), sum(c), 1 FROM unnest($6::numeric[], $7::numeric[]) AS u(a, c)
       ON CONFLICT (shop_id, year, month, direction, bill_type) DO UPDATE SET
         amount = s.amount + EXCLUDED.amount, cost = s.cost + EXCLUDED.cost, bill_count = s.bill_count + EXCLUDED.bill_count, updated_at = now()`,
      [
        shopId,
        year,
        month,
        bill.direction,
        billType,
        column((line) => (line.quantity * Number(line.unitPrice)).toFixed(2)),
        column((line) => after.get(line.productId)!.cost),
      ],
    );
  });
}
