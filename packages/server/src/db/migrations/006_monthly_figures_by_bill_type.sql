-- The month's figures are kept per bill type: what each type contributes (销售额, 销售成本, 进货, 盘盈,
-- 盘亏, 报损, 领用) is decided in one place, figuresOf in packages/domain/src/figures.ts, when they are
-- read. stats_monthly, which it replaces, added every outbound bill to the sales and its cost to the
-- profit (a stocktake's loss counted, its gain did not) and every inbound bill to the purchases.
CREATE TABLE stats_monthly_bill_types (
  shop_id bigint NOT NULL REFERENCES shops (id),
  year integer NOT NULL,
  month integer NOT NULL CHECK (month BETWEEN 1 AND 12),
  direction text NOT NULL CHECK (direction IN ('in', 'out')),
  bill_type text NOT NULL,
  -- What the standing bills state (quantity × price), the stock value they moved (receipts: added; issues:
  -- the cost of goods taken) and how many there are. A reversal is booked against the month of its bill
  -- with the same figures negated, so the pair counts as nothing. Transfers are not here.
  -- numeric(28, 2): no allowed input can push a month past it (see the README's Limits).
  amount numeric(28, 2) NOT NULL DEFAULT 0,
  cost numeric(28, 2) NOT NULL DEFAULT 0,
  bill_count integer NOT NULL DEFAULT 0,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (shop_id, year, month, direction, bill_type)
);

-- Ledger rows carry their bill's type, as they carry its kind: when a backdated posting changes the cost
-- of tens of thousands of later rows, their months' figures are summed from the rows alone, without
-- looking up each row's bill.
ALTER TABLE stock_ledger ADD COLUMN bill_type text;
UPDATE stock_ledger l SET bill_type = b.bill_type FROM stock_bills b WHERE b.shop_id = l.shop_id AND b.id = l.bill_id;
ALTER TABLE stock_ledger ALTER COLUMN bill_type SET NOT NULL;

-- The months so far, from the bills that stand and what the ledger says they cost.
INSERT INTO stats_monthly_bill_types (shop_id, year, month, direction, bill_type, amount, cost, bill_count)
SELECT b.shop_id, extract(year FROM b.bill_date)::int, extract(month FROM b.bill_date)::int, b.direction, b.bill_type,
       sum(b.total_amount), sum(c.cost), count(*)
  FROM stock_bills b
  CROSS JOIN LATERAL (
    SELECT COALESCE(sum(l.cost_amount), 0) * CASE b.direction WHEN 'in' THEN 1 ELSE -1 END AS cost
      FROM stock_ledger l WHERE l.shop_id = b.shop_id AND l.bill_id = b.id) c
 WHERE b.status = 'confirmed' AND b.kind <> 'reversal' AND b.transfer_peer_id IS NULL AND b.posting_seq IS NOT NULL
 GROUP BY b.shop_id, 2, 3, b.direction, b.bill_type;

DROP TABLE stats_monthly;
