-- A stocktake follows its gain and loss bills: pending while the owner has not approved them,
-- rejected when they are rejected, confirmed once they are posted.
ALTER TABLE stocktakes DROP CONSTRAINT stocktakes_status_check;
ALTER TABLE stocktakes ADD CONSTRAINT stocktakes_status_check CHECK (status IN ('draft', 'pending', 'confirmed', 'rejected'));

-- Stocktakes recorded as confirmed while their bills still wait or were turned down.
UPDATE stocktakes s
   SET status = CASE WHEN EXISTS (SELECT 1 FROM stock_bills b WHERE b.shop_id = s.shop_id AND b.stocktake_id = s.id AND b.status = 'pending')
                     THEN 'pending' ELSE 'rejected' END,
       confirmed_at = NULL,
       updated_at = now()
 WHERE s.status = 'confirmed'
   AND EXISTS (SELECT 1 FROM stock_bills b WHERE b.shop_id = s.shop_id AND b.stocktake_id = s.id AND b.status IN ('pending', 'rejected'));

-- A stocktake's bills are found from either of them (bill-group.ts).
CREATE INDEX stock_bills_stocktake ON stock_bills (shop_id, stocktake_id) WHERE stocktake_id IS NOT NULL;
