-- The classification's figures of the same year (cost of goods sold and the demand class) kept beside each
-- product's forecast: the default window of 商品分类 then reads them instead of every product's ledger rows.
-- Null on forecasts kept before: those products are read from the ledger until the next nightly pass.
ALTER TABLE product_forecasts ADD COLUMN sold_cost numeric(18, 2), ADD COLUMN demand jsonb;

-- The shop's weekly profile pooled from every product's last 16 weeks, as the nightly pass made it: a forecast
-- learnt in a request reads it instead of pooling every product of the shop again. Null: too few products sold.
CREATE TABLE shop_weekday_profiles (
  shop_id bigint PRIMARY KEY REFERENCES shops (id),
  made_for date NOT NULL,
  profile jsonb
);
