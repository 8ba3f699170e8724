import type { Transaction } from '../src/db/database.ts';

export interface HistoryPlan {
  shopId: string;
  userId: string;
  stockPointId: string;
  /** The product that gets `hotRows` ledger rows (the backdating target). */
  hotProductId: string;
  /** Ledger rows in all, the opening bill's one row per product included. */
  ledgerRows: number;
  hotRows: number;
  /** History runs from firstDay over `days` days, one bill after another. */
  firstDay: string;
  days: number;
}

export const OPENING_QUANTITY = 100_000;

/**
 * Writes a shop's past straight into the tables with set-based SQL, because a million ledger rows
 * through HTTP would take hours: an opening receipt of every product, then 5-line bills. Receipts
 * take 10 at the product's inbound price, issues 6, so the moving average stays at that price and
 * every running balance is a window sum; the rows are exactly what posting would have written
 * (bills, lines, ledger, balances, monthly stats), so GET /api/inventory/verify finds no drift.
 * Ids and posting_seq come from blocks reserved on their sequences.
 */
export async function seedHistory(tx: Transaction, plan: HistoryPlan): Promise<{ bills: number; ledgerRows: number }> {
  const [{ products } = { products: 0 }] = await tx.query<{ products: number }>(
    'SELECT count(*)::int AS products FROM products WHERE shop_id = $1',
    [plan.shopId],
  );
  const bills = Math.max(1, Math.floor((plan.ledgerRows - products) / 5));
  const hotBills = Math.min(bills, plan.hotRows - 1);
  const lines = products + bills * 5;
  const reserve = async (sequence: string, count: number) => {
    const [row] = await tx.query<{ base: string }>(`SELECT nextval($1::regclass) AS base`, [sequence]);
    await tx.query(`SELECT setval($1::regclass, $2::bigint + $3)`, [sequence, row!.base, count]);
    return row!.base;
  };
  const identity = async (table: string) =>
    (await tx.query<{ name: string }>(`SELECT pg_get_serial_sequence($1, 'id') AS name`, [table]))[0]!.name;
  const billBase = await reserve(await identity('stock_bills'), bills + 1);
  const lineBase = await reserve(await identity('stock_bill_lines_live'), lines);
  const ledgerBase = await reserve(await identity('stock_ledger_live'), lines);
  const seqBase = await reserve('posting_seq', bills + 1);

  // k = 0 is the opening bill; bill k > 0 carries the hot product when k·h/n crosses an integer,
  // which happens exactly h times, and its direction alternates with that count (receipt first).
  await tx.query(
    `CREATE TEMP TABLE seed_bills ON COMMIT DROP AS
     SELECT k, $1::bigint + k AS id, $2::bigint + k AS posting_seq, $3::date + (k * $4::bigint / ($5::bigint + 1))::int AS bill_date,
            k > 0 AND (k * $6::bigint / $5::bigint) > ((k - 1) * $6::bigint / $5::bigint) AS hot,
            CASE WHEN k = 0 OR (k * $6::bigint / $5::bigint) % 2 = 1 THEN 'in' ELSE 'out' END AS direction
       FROM generate_series(0, $5::bigint) AS k`,
    [billBase, seqBase, plan.firstDay, plan.days, bills, hotBills],
  );
  // The other products numbered 0…n−1 (the hot one −1), so a line's product is found by hash join.
  await tx.query(
    `CREATE TEMP TABLE seed_products ON COMMIT DROP AS
     SELECT id, row_number() OVER (ORDER BY id) - 1 AS n FROM products WHERE shop_id = $1 AND id <> $2
     UNION ALL SELECT $2, -1`,
    [plan.shopId, plan.hotProductId],
  );
  // Fresh temp tables have no statistics; without them the planner loops over a million rows.
  await tx.query('ANALYZE seed_bills');
  await tx.query('ANALYZE seed_products');
  await tx.query(
    `CREATE TEMP TABLE seed_lines ON COMMIT DROP AS
     WITH slots AS (
       SELECT b.k, b.id AS bill_id, b.posting_seq, b.bill_date, b.direction, j AS line_no,
              CASE WHEN b.hot AND j = 1 THEN -1 ELSE (b.k * 5 + j) % $3 END AS slot
         FROM seed_bills b CROSS JOIN generate_series(1, 5) AS j
        WHERE b.k > 0
     ),
     picked AS (
       SELECT b.k, b.id AS bill_id, b.posting_seq, b.bill_date, b.direction, (row_number() OVER (ORDER BY p.id))::int AS line_no,
              p.id AS product_id, $2::numeric AS quantity
         FROM seed_bills b JOIN products p ON p.shop_id = $1
        WHERE b.k = 0
       UNION ALL
       SELECT s.k, s.bill_id, s.posting_seq, s.bill_date, s.direction, s.line_no, o.id, CASE s.direction WHEN 'in' THEN 10 ELSE 6 END
         FROM slots s JOIN seed_products o ON o.n = s.slot
     ),
     priced AS (
       SELECT x.*, p.inbound_price AS unit_cost, CASE x.direction WHEN 'in' THEN p.inbound_price ELSE p.outbound_price END AS unit_price,
              CASE x.direction WHEN 'in' THEN x.quantity ELSE -x.quantity END AS signed
         FROM picked x JOIN products p ON p.shop_id = $1 AND p.id = x.product_id
     )
     SELECT *, row_number() OVER (ORDER BY k, line_no) - 1 AS n,
            round(quantity * unit_price, 2) AS amount, round(quantity * unit_cost, 2) AS cost_amount,
            sum(signed) OVER (PARTITION BY product_id ORDER BY k, line_no) AS balance
       FROM priced`,
    [plan.shopId, OPENING_QUANTITY, products - 1],
  );

  const common = [plan.shopId, plan.userId, plan.stockPointId];
  await tx.query(
    `INSERT INTO stock_bills (shop_id, id, direction, bill_no, bill_type, bill_date, stock_point_id, total_quantity, total_amount,
                              status, confirmed_by, confirmed_at, posting_seq, created_by)
     OVERRIDING SYSTEM VALUE
     SELECT $1, b.id, b.direction,
            CASE b.direction WHEN 'in' THEN 'IN' ELSE 'OUT' END || to_char(b.bill_date, 'YYYYMMDD')
              || lpad((row_number() OVER (PARTITION BY b.bill_date, b.direction ORDER BY b.k))::text, 4, '0'),
            CASE b.direction WHEN 'in' THEN '采购入库' ELSE '销售出库' END, b.bill_date, $3::bigint,
            t.quantity, t.amount, 'confirmed', $2, now(), b.posting_seq, $2
       FROM seed_bills b
       JOIN (SELECT k, sum(quantity) AS quantity, sum(amount) AS amount FROM seed_lines GROUP BY k) t ON t.k = b.k`,
    common,
  );
  await tx.query(
    `INSERT INTO stock_bill_lines_live (shop_id, id, bill_id, direction, line_no, product_id, product_name, product_code, unit, quantity,
                                   unit_price, amount, created_by)
     OVERRIDING SYSTEM VALUE
     SELECT $1, $3::bigint + l.n, l.bill_id, l.direction, l.line_no, l.product_id, p.name, p.code, p.unit, l.quantity,
            l.unit_price, l.amount, $2
       FROM seed_lines l JOIN products p ON p.shop_id = $1 AND p.id = l.product_id`,
    [plan.shopId, plan.userId, lineBase],
  );
  await tx.query(
    `INSERT INTO stock_ledger_live (shop_id, id, stock_point_id, product_id, bill_id, line_id, bill_kind, in_stats, bill_type, line_no, bill_date, posting_seq,
                               direction, movement, quantity, unit_price, amount, unit_cost, cost_amount, balance_quantity, balance_avg_cost,
                               balance_amount, created_by)
     OVERRIDING SYSTEM VALUE
     SELECT $1, $5::bigint + l.n, $3::bigint, l.product_id, l.bill_id, $4::bigint + l.n, 'normal', true,
            CASE l.direction WHEN 'in' THEN '采购入库' ELSE '销售出库' END, l.line_no, l.bill_date, l.posting_seq,
            l.direction,
            CASE l.direction WHEN 'in' THEN 'receive' ELSE 'issue' END, l.signed, l.unit_price, l.amount, l.unit_cost,
            CASE l.direction WHEN 'in' THEN l.cost_amount ELSE -l.cost_amount END, l.balance, l.unit_cost, round(l.balance * l.unit_cost, 2), $2
       FROM seed_lines l`,
    [plan.shopId, plan.userId, plan.stockPointId, lineBase, ledgerBase],
  );
  await tx.query(
    `INSERT INTO inventory_balances AS ib (shop_id, stock_point_id, product_id, quantity, avg_cost, total_cost, ledger_rows, updated_by)
     SELECT DISTINCT ON (product_id) $1::bigint, $3::bigint, product_id, balance, unit_cost, round(balance * unit_cost, 2),
            count(*) OVER (PARTITION BY product_id), $2::bigint
       FROM seed_lines ORDER BY product_id, k DESC, line_no DESC
     ON CONFLICT (shop_id, stock_point_id, product_id) DO UPDATE
       SET quantity = EXCLUDED.quantity, avg_cost = EXCLUDED.avg_cost, total_cost = EXCLUDED.total_cost,
           ledger_rows = ib.ledger_rows + EXCLUDED.ledger_rows`,
    common,
  );
  await tx.query(
    `INSERT INTO stats_monthly_bill_types (shop_id, year, month, direction, bill_type, amount, cost, bill_count)
     SELECT $1, extract(year FROM b.bill_date)::int, extract(month FROM b.bill_date)::int, b.direction,
            CASE b.direction WHEN 'in' THEN '采购入库' ELSE '销售出库' END, sum(t.amount), sum(t.cost), count(*)
       FROM seed_bills b JOIN (SELECT k, sum(amount) AS amount, sum(cost_amount) AS cost FROM seed_lines GROUP BY k) t ON t.k = b.k
      GROUP BY 2, 3, 4, 5`,
    [plan.shopId],
  );
  return { bills: bills + 1, ledgerRows: lines };
}

/**
 * Gives the seeded shop what its reports group by: its products spread over `categories` categories, its
 * sales over `customers` customers (by bill id, so every customer buys on most days).
 */
export async function spreadOverCategoriesAndCustomers(tx: Transaction, shopId: string, counts: { categories: number; customers: number }): Promise<void> {
  await tx.query(`INSERT INTO categories (shop_id, name) SELECT $1, '压测分类' || n FROM generate_series(1, $2::int) n`, [shopId, counts.categories]);
  await tx.query(
    `UPDATE products p SET category_id = c.id
       FROM (SELECT id, row_number() OVER (ORDER BY id) - 1 AS n FROM categories WHERE shop_id = $1) c
      WHERE p.shop_id = $1 AND c.n = p.id % $2`,
    [shopId, counts.categories],
  );
  await tx.query(`INSERT INTO customers (shop_id, name) SELECT $1, '压测客户' || n FROM generate_series(1, $2::int) n`, [shopId, counts.customers]);
  await tx.query(
    `UPDATE stock_bills b SET customer_id = c.id, customer_name = c.name
       FROM (SELECT id, name, row_number() OVER (ORDER BY id) - 1 AS n FROM customers WHERE shop_id = $1) c
      WHERE b.shop_id = $1 AND b.direction = 'out' AND c.n = b.id % $2`,
    [shopId, counts.customers],
  );
}
