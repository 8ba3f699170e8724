-- Share links of posted bills (分享单据): a public, read-only view of one bill behind an unguessable token.
-- Only the token's SHA-256 is stored, so a copy of the database does not hold a working link. A link lives
-- until it is revoked; a bill has at most one live link (sharing again revokes the old one and makes a new one,
-- because the old token cannot be shown again). show_prices is what the sharer chose, already limited to what
-- the sharer may see; the public view checks the sharer's switches again when it is opened.
CREATE TABLE bill_shares (
  shop_id bigint NOT NULL REFERENCES shops (id),
  id bigint GENERATED ALWAYS AS IDENTITY,
  bill_id bigint NOT NULL,
  token_hash bytea NOT NULL,
  show_prices boolean NOT NULL DEFAULT true,
  created_by bigint NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  revoked_at timestamptz,
  revoked_by bigint,
  PRIMARY KEY (shop_id, id),
  UNIQUE (shop_id, token_hash),
  FOREIGN KEY (shop_id, bill_id) REFERENCES stock_bills (shop_id, id),
  FOREIGN KEY (shop_id, created_by) REFERENCES users (shop_id, id),
  FOREIGN KEY (shop_id, revoked_by) REFERENCES users (shop_id, id)
);
CREATE UNIQUE INDEX bill_shares_one_live ON bill_shares (shop_id, bill_id) WHERE revoked_at IS NULL;

-- The public view knows only the token, not the shop: this global index names the shop of each token hash
-- (as login_names does for usernames), so the share itself is read by (shop_id, token_hash) like every
-- shop-owned row, and a schema distributed by shop routes the look-up to one shop.
CREATE TABLE share_tokens (
  token_hash bytea PRIMARY KEY,
  shop_id bigint NOT NULL REFERENCES shops (id)
);
