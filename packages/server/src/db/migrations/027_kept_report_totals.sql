-- The year-long reports (出入库汇总, sales by product and by customer) read a year of bills, lines and ledger
-- rows per request. A pass per shop (jobs/keep-report-totals.ts) keeps their totals per day and per closed month
-- instead; a report reads the kept rows of the days they still hold and the bills for the rest (kept-totals.ts).
-- Posting does not maintain them: they are derived, left out of backups and rebuilt by the pass.

-- The day a shop's rows were kept through and the last posting they hold: a bill posted after it (a higher
-- posting_seq) adds to its own day and changes the days after it (and a reversal, the reversed bill's day).
-- Every such posting started on or after postings_from, so the ledger's (shop_id, direction, created_at) index
-- finds them: no index is added to the bills, whose rows posting writes.
-- building_since: a pass is rebuilding them (one process at a time).
CREATE TABLE kept_report_state (
  shop_id bigint PRIMARY KEY REFERENCES shops (id),
  kept_through date,
  posting_seq bigint NOT NULL DEFAULT 0,
  postings_from timestamptz NOT NULL DEFAULT now(),
  made_at timestamptz NOT NULL DEFAULT now(),
  building_since timestamptz
);

-- Each row sums one day (whole_month false) or one month (whole_month true, period_start its first day).
-- A bill may have no customer or supplier, and a key column cannot be null: rows are numbered instead.
-- The standing bills of the in/out summary per direction, bill type, creator and counterparty.
CREATE TABLE kept_in_out_totals (
  shop_id bigint NOT NULL REFERENCES shops (id),
  whole_month boolean NOT NULL,
  period_start date NOT NULL,
  id bigint GENERATED ALWAYS AS IDENTITY,
  direction text NOT NULL,
  bill_type text NOT NULL,
  created_by bigint NOT NULL,
  customer_id bigint,
  supplier_id bigint,
  bills integer NOT NULL,
  quantity numeric NOT NULL,
  amount numeric NOT NULL,
  cost numeric NOT NULL,
  PRIMARY KEY (shop_id, whole_month, period_start, id)
);

-- Sales (outbound bills less their reversals) per product: bills is normal bills less reversal bills holding it.
CREATE TABLE kept_sales_by_product (
  shop_id bigint NOT NULL REFERENCES shops (id),
  whole_month boolean NOT NULL,
  period_start date NOT NULL,
  product_id bigint NOT NULL,
  bills integer NOT NULL,
  quantity numeric NOT NULL,
  amount numeric NOT NULL,
  cost numeric NOT NULL,
  PRIMARY KEY (shop_id, whole_month, period_start, product_id)
);

-- The same sales per customer (none: sales without one).
CREATE TABLE kept_sales_by_customer (
  shop_id bigint NOT NULL REFERENCES shops (id),
  whole_month boolean NOT NULL,
  period_start date NOT NULL,
  id bigint GENERATED ALWAYS AS IDENTITY,
  customer_id bigint,
  bills integer NOT NULL,
  quantity numeric NOT NULL,
  amount numeric NOT NULL,
  cost numeric NOT NULL,
  PRIMARY KEY (shop_id, whole_month, period_start, id)
);
