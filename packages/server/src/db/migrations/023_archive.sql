-- Archiving. A shop's posted bill lines and ledger rows dated before its archive date move to *_archive tables
-- (which an operator may put on another tablespace); the old names become views over both, so every report,
-- balance check, replay and bill reads exactly the rows it read before. Writes go to the *_live tables.
-- Bill headers stay where they are: one small row per bill, which payments, orders and shares point at.
-- The views list the columns as they are now: a later migration that adds a column to a *_live table must
-- add it to its *_archive table and create the view again.
ALTER TABLE stock_ledger RENAME TO stock_ledger_live;
CREATE TABLE stock_ledger_archive (
  LIKE stock_ledger_live INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING INDEXES,
  FOREIGN KEY (shop_id, bill_id) REFERENCES stock_bills (shop_id, id),
  FOREIGN KEY (shop_id, product_id) REFERENCES products (shop_id, id)
);
CREATE VIEW stock_ledger AS SELECT * FROM stock_ledger_live UNION ALL SELECT * FROM stock_ledger_archive;

ALTER TABLE stock_bill_lines RENAME TO stock_bill_lines_live;
CREATE TABLE stock_bill_lines_archive (
  LIKE stock_bill_lines_live INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING INDEXES,
  FOREIGN KEY (shop_id, bill_id) REFERENCES stock_bills (shop_id, id),
  FOREIGN KEY (shop_id, product_id) REFERENCES products (shop_id, id)
);
CREATE VIEW stock_bill_lines AS SELECT * FROM stock_bill_lines_live UNION ALL SELECT * FROM stock_bill_lines_archive;

-- archive_after_months: the owner's setting (none: never). archived_before: every archived row is dated before
-- it, so a posting dated earlier first brings the rows from that date back (the backdating rules stay the same).
ALTER TABLE shops
  ADD COLUMN archive_after_months integer CHECK (archive_after_months BETWEEN 3 AND 120),
  ADD COLUMN archived_before date;
