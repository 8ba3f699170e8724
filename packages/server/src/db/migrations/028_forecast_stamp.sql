-- A kept forecast holds the postings up to posting_seq, read once every transaction that may hold one had ended; a
-- later posting was made by a transaction begun at postings_from or after (the passes settle them as the report
-- totals pass does: db/settled-postings.ts). made_at could not tell: a backdated bill posted while the pass read the
-- history has ledger rows created at its transaction's start, before made_at, and commits after the read.
-- A row without a stamp (kept before, or restored from a backup that held forecasts) counts every posting as later:
-- it is stale, and the frequent pass learns it again. Backups leave the forecasts out from now on: their stamps
-- are the deployment's posting order.
ALTER TABLE product_forecasts
  ADD COLUMN posting_seq bigint NOT NULL DEFAULT 0,
  ADD COLUMN postings_from timestamptz NOT NULL DEFAULT '-infinity';
