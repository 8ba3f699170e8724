-- The classification's figures of the same year (cost of goods sold and the demand class) kept beside each
-- product's forecast: the default window of 商品分类 then reads them instead of every product's ledger rows.
-- Null on forecasts kept before: those products are read from the ledger until the next nightly pass.
ALTER TABLE product_forecasts ADD COLUMN sold_cost numeric(18, 2), ADD COLUMN demand jsonb;
