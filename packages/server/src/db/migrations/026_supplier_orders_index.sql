-- The measured lead times read a shop's purchase bills from suppliers of the past year; without this index they
-- read every inbound bill of the shop (270 ms on a shop with 100,000 of them).
CREATE INDEX stock_bills_supplier_orders ON stock_bills (shop_id, confirmed_at) WHERE direction = 'in' AND kind = 'normal' AND supplier_id IS NOT NULL;
