-- A staff member's own settings of the staff switches. Only the switches set for this member are kept
-- (a JSON object of booleans), so a change of the shop's set still reaches every member who has not set
-- that switch.
ALTER TABLE users ADD COLUMN permission_overrides jsonb NOT NULL DEFAULT '{}';

-- A bill keeps its counterparty's name as it was when the bill was made, as seed 004 keeps such copies
-- 以保证历史可读性: renaming a supplier or customer leaves the old bills as they were.
ALTER TABLE stock_bills ADD COLUMN supplier_name text, ADD COLUMN customer_name text;
UPDATE stock_bills b SET supplier_name = s.name FROM suppliers s WHERE s.shop_id = b.shop_id AND s.id = b.supplier_id;
UPDATE stock_bills b SET customer_name = c.name FROM customers c WHERE c.shop_id = b.shop_id AND c.id = b.customer_id;
-- A bill that names a counterparty carries its name, so no way of writing a bill can forget it.
ALTER TABLE stock_bills
  ADD CONSTRAINT stock_bills_supplier_named CHECK ((supplier_id IS NULL) = (supplier_name IS NULL)),
  ADD CONSTRAINT stock_bills_customer_named CHECK ((customer_id IS NULL) = (customer_name IS NULL));
