-- Each product's forecast as the nightly pass made it from the history up to `made_for` (the day before it ran):
-- purchase suggestions and the forecast screen read it instead of learning every product again per request.
-- A forecast is used only while no ledger row dated on or before `made_for` has been written after `made_at`
-- (a backdated bill changes the history it learnt from).
CREATE TABLE product_forecasts (
  shop_id bigint NOT NULL,
  product_id bigint NOT NULL,
  made_for date NOT NULL,
  made_at timestamptz NOT NULL DEFAULT now(),
  status text NOT NULL,
  method text NOT NULL,
  demand_class text NOT NULL,
  history_days integer NOT NULL,
  censored_days integer NOT NULL,
  -- The daily means from the day after made_for, the error over 1, 2, … days ahead, the recent non-zero demands
  -- and the backtest's accuracy: the forecast's own figures, floating point as it computes them.
  daily jsonb NOT NULL,
  error_sds jsonb NOT NULL,
  recent_sizes jsonb NOT NULL,
  backtest jsonb,
  PRIMARY KEY (shop_id, product_id),
  FOREIGN KEY (shop_id, product_id) REFERENCES products (shop_id, id)
);
