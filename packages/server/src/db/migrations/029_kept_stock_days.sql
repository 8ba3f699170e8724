-- 库存趋势 of a category read a year of its products' ledger rows per request (about one per product and day).
-- The pass that keeps the report totals (jobs/keep-report-totals.ts) also keeps, per category, stock point and
-- day, how much the stock of the category's products there changed (each product's close of the day less its
-- close before it), so a trend reads one row per day (stock-trend.ts).
-- trend_through: the day they were kept through, under the same posting stamp as the report totals.
-- trend_generation: moved when a product changes category, which makes a pass under way leave trend_through alone.
ALTER TABLE kept_report_state ADD COLUMN trend_through date, ADD COLUMN trend_generation bigint NOT NULL DEFAULT 0;

CREATE TABLE kept_stock_days (
  shop_id bigint NOT NULL REFERENCES shops (id),
  category_id bigint NOT NULL,
  day date NOT NULL,
  stock_point_id bigint NOT NULL,
  quantity numeric NOT NULL,
  amount numeric NOT NULL,
  PRIMARY KEY (shop_id, category_id, day, stock_point_id)
);

-- The rows are grouped by each product's category when kept: a product that moves makes every row of its old and
-- new category wrong, so the shop's are kept again from its first day, and trends read the ledger until then.
CREATE FUNCTION kept_stock_days_regroup() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE kept_report_state SET trend_through = NULL, trend_generation = trend_generation + 1 WHERE shop_id = NEW.shop_id;
  RETURN NULL;
END;
$$;

CREATE TRIGGER products_category_moved AFTER UPDATE OF category_id ON products
  FOR EACH ROW WHEN (OLD.category_id IS DISTINCT FROM NEW.category_id) EXECUTE FUNCTION kept_stock_days_regroup();
