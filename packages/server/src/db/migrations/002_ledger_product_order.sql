-- A product's ledger across all its stock points, newest first (GET /api/products/:id/ledger): without
-- this index every page sorted all of the product's rows (100,000 rows: a sort per request).
CREATE INDEX stock_ledger_product_order ON stock_ledger (shop_id, product_id, bill_date, posting_seq, line_no);
