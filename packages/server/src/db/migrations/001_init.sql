-- Xiaocang schema. Every shop-owned table carries shop_id in its primary key, unique constraints and
-- foreign keys, so the schema can be distributed by shop. The global tables are listed in
-- GLOBAL_TABLES (src/db/global-tables.ts): shops, login_names, login_throttle, schema_migrations.

CREATE TABLE shops (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name text NOT NULL,
  staff_permissions jsonb NOT NULL,
  allow_negative_stock boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- Usernames are unique across all shops: login happens before the shop is known.
CREATE TABLE login_names (
  username text PRIMARY KEY,
  shop_id bigint NOT NULL REFERENCES shops (id),
  user_id bigint NOT NULL
);

CREATE TABLE login_throttle (
  username text PRIMARY KEY,
  failures integer NOT NULL,
  window_started_at timestamptz NOT NULL,
  locked_until timestamptz
);

CREATE TABLE users (
  shop_id bigint NOT NULL REFERENCES shops (id),
  id bigint GENERATED ALWAYS AS IDENTITY,
  username text NOT NULL,
  password_hash text NOT NULL,
  real_name text NOT NULL,
  role text NOT NULL CHECK (role IN ('owner', 'staff')),
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'inactive')),
  open_id text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  last_login_at timestamptz,
  PRIMARY KEY (shop_id, id),
  UNIQUE (shop_id, username)
);
CREATE INDEX users_shop_role ON users (shop_id, role);

-- Tokens carry their shop id, so a session is found by (shop_id, token_hash).
CREATE TABLE sessions (
  shop_id bigint NOT NULL,
  token_hash text NOT NULL,
  user_id bigint NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  revoked_at timestamptz,
  PRIMARY KEY (shop_id, token_hash),
  FOREIGN KEY (shop_id, user_id) REFERENCES users (shop_id, id)
);

CREATE TABLE categories (
  shop_id bigint NOT NULL REFERENCES shops (id),
  id bigint GENERATED ALWAYS AS IDENTITY,
  name text NOT NULL,
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'inactive')),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (shop_id, id),
  UNIQUE (shop_id, name)
);

CREATE TABLE suppliers (
  shop_id bigint NOT NULL REFERENCES shops (id),
  id bigint GENERATED ALWAYS AS IDENTITY,
  name text NOT NULL,
  code text,
  address text NOT NULL DEFAULT '',
  contact_person text NOT NULL DEFAULT '',
  phone text NOT NULL DEFAULT '',
  remarks text NOT NULL DEFAULT '',
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'inactive')),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  created_by bigint,
  PRIMARY KEY (shop_id, id),
  UNIQUE (shop_id, code)
);
CREATE INDEX suppliers_shop_name ON suppliers (shop_id, name);

CREATE TABLE customers (
  shop_id bigint NOT NULL REFERENCES shops (id),
  id bigint GENERATED ALWAYS AS IDENTITY,
  name text NOT NULL,
  code text,
  address text NOT NULL DEFAULT '',
  contact_person text NOT NULL DEFAULT '',
  phone text NOT NULL DEFAULT '',
  service_months integer NOT NULL DEFAULT 0,
  remarks text NOT NULL DEFAULT '',
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'inactive')),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  created_by bigint,
  PRIMARY KEY (shop_id, id),
  UNIQUE (shop_id, code)
);
CREATE INDEX customers_shop_name ON customers (shop_id, name);

CREATE TABLE products (
  shop_id bigint NOT NULL REFERENCES shops (id),
  id bigint GENERATED ALWAYS AS IDENTITY,
  name text NOT NULL,
  code text,
  category_id bigint,
  unit text NOT NULL,
  specification text NOT NULL DEFAULT '',
  supplier_id bigint,
  image_url text NOT NULL DEFAULT '',
  inbound_price numeric(18, 2) NOT NULL DEFAULT 0,
  outbound_price numeric(18, 2) NOT NULL DEFAULT 0,
  warning_stock numeric(18, 3) NOT NULL DEFAULT 0,
  is_enabled boolean NOT NULL DEFAULT true,
  remarks text NOT NULL DEFAULT '',
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  created_by bigint,
  PRIMARY KEY (shop_id, id),
  UNIQUE (shop_id, code),
  FOREIGN KEY (shop_id, category_id) REFERENCES categories (shop_id, id),
  FOREIGN KEY (shop_id, supplier_id) REFERENCES suppliers (shop_id, id)
);
CREATE INDEX products_shop_name ON products (shop_id, name);
CREATE INDEX products_shop_category ON products (shop_id, category_id);

-- The products a customer may buy (seed 004 customers.availableProducts).
CREATE TABLE customer_products (
  shop_id bigint NOT NULL,
  customer_id bigint NOT NULL,
  product_id bigint NOT NULL,
  PRIMARY KEY (shop_id, customer_id, product_id),
  FOREIGN KEY (shop_id, customer_id) REFERENCES customers (shop_id, id) ON DELETE CASCADE,
  FOREIGN KEY (shop_id, product_id) REFERENCES products (shop_id, id)
);

CREATE TABLE stock_points (
  shop_id bigint NOT NULL REFERENCES shops (id),
  id bigint GENERATED ALWAYS AS IDENTITY,
  name text NOT NULL,
  code text,
  address text NOT NULL DEFAULT '',
  is_default boolean NOT NULL DEFAULT false,
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'inactive')),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (shop_id, id),
  UNIQUE (shop_id, name),
  UNIQUE (shop_id, code)
);
-- One default stock point per shop.
CREATE UNIQUE INDEX stock_points_one_default ON stock_points (shop_id) WHERE is_default;

-- The shop's bill types and units (seed 004 config), ordered as the shop arranged them.
CREATE TABLE shop_options (
  shop_id bigint NOT NULL REFERENCES shops (id),
  kind text NOT NULL CHECK (kind IN ('inboundType', 'outboundType', 'unit')),
  name text NOT NULL,
  position integer NOT NULL,
  PRIMARY KEY (shop_id, kind, name)
);

CREATE TABLE bill_number_counters (
  shop_id bigint NOT NULL REFERENCES shops (id),
  prefix text NOT NULL,
  day date NOT NULL,
  last_sequence integer NOT NULL,
  PRIMARY KEY (shop_id, prefix, day)
);

CREATE TABLE stock_bills (
  shop_id bigint NOT NULL REFERENCES shops (id),
  id bigint GENERATED ALWAYS AS IDENTITY,
  direction text NOT NULL CHECK (direction IN ('in', 'out')),
  kind text NOT NULL DEFAULT 'normal' CHECK (kind IN ('normal', 'transfer', 'stocktake', 'reversal')),
  -- Numbered just before commit (assign-bill-number.ts), so the shop's counter is locked only briefly.
  bill_no text NOT NULL DEFAULT ('~' || gen_random_uuid()),
  bill_type text NOT NULL,
  bill_date date NOT NULL,
  stock_point_id bigint NOT NULL,
  supplier_id bigint,
  customer_id bigint,
  total_quantity numeric(18, 3) NOT NULL DEFAULT 0,
  total_amount numeric(18, 2) NOT NULL DEFAULT 0,
  remarks text NOT NULL DEFAULT '',
  attachments jsonb NOT NULL DEFAULT '[]',
  status text NOT NULL CHECK (status IN ('draft', 'pending', 'confirmed', 'rejected', 'reversed', 'deleted')),
  approval_status text CHECK (approval_status IN ('pending', 'approved', 'rejected')),
  approved_by bigint,
  approved_at timestamptz,
  rejected_reason text,
  confirmed_by bigint,
  confirmed_at timestamptz,
  -- Position of the bill among postings of the same day: ledger order is (bill_date, posting_seq, line_no).
  posting_seq bigint,
  reversal_of_id bigint,
  reversed_by_id bigint,
  transfer_peer_id bigint,
  stocktake_id bigint,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  created_by bigint NOT NULL,
  PRIMARY KEY (shop_id, id),
  UNIQUE (shop_id, bill_no),
  FOREIGN KEY (shop_id, stock_point_id) REFERENCES stock_points (shop_id, id),
  FOREIGN KEY (shop_id, supplier_id) REFERENCES suppliers (shop_id, id),
  FOREIGN KEY (shop_id, customer_id) REFERENCES customers (shop_id, id),
  FOREIGN KEY (shop_id, created_by) REFERENCES users (shop_id, id)
);
CREATE INDEX stock_bills_shop_date ON stock_bills (shop_id, bill_date);
CREATE INDEX stock_bills_shop_direction_status ON stock_bills (shop_id, direction, status);
CREATE INDEX stock_bills_shop_direction_type ON stock_bills (shop_id, direction, bill_type);
CREATE INDEX stock_bills_shop_created_by ON stock_bills (shop_id, created_by);

CREATE SEQUENCE posting_seq;

CREATE TABLE stock_bill_lines (
  shop_id bigint NOT NULL,
  id bigint GENERATED ALWAYS AS IDENTITY,
  bill_id bigint NOT NULL,
  direction text NOT NULL CHECK (direction IN ('in', 'out')),
  line_no integer NOT NULL,
  product_id bigint NOT NULL,
  product_name text NOT NULL,
  product_code text,
  unit text NOT NULL,
  specification text NOT NULL DEFAULT '',
  quantity numeric(18, 3) NOT NULL,
  unit_price numeric(18, 4) NOT NULL,
  amount numeric(18, 2) NOT NULL,
  -- A line whose cost is carried from another line: the transfer-out it receives, or the line it reverses.
  cost_source_line_id bigint,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  created_by bigint NOT NULL,
  PRIMARY KEY (shop_id, id),
  UNIQUE (shop_id, bill_id, line_no),
  FOREIGN KEY (shop_id, bill_id) REFERENCES stock_bills (shop_id, id),
  FOREIGN KEY (shop_id, product_id) REFERENCES products (shop_id, id)
);
CREATE INDEX stock_bill_lines_shop_product ON stock_bill_lines (shop_id, product_id);
CREATE INDEX stock_bill_lines_shop_direction_created ON stock_bill_lines (shop_id, direction, created_at);
CREATE INDEX stock_bill_lines_cost_source ON stock_bill_lines (shop_id, cost_source_line_id) WHERE cost_source_line_id IS NOT NULL;

CREATE TABLE inventory_balances (
  shop_id bigint NOT NULL,
  stock_point_id bigint NOT NULL,
  product_id bigint NOT NULL,
  quantity numeric(18, 3) NOT NULL DEFAULT 0,
  avg_cost numeric(18, 4) NOT NULL DEFAULT 0,
  total_cost numeric(18, 2) NOT NULL DEFAULT 0,
  -- How many ledger rows this balance has: a product's ledger pages show a total without counting them.
  ledger_rows bigint NOT NULL DEFAULT 0,
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by bigint,
  PRIMARY KEY (shop_id, stock_point_id, product_id),
  FOREIGN KEY (shop_id, stock_point_id) REFERENCES stock_points (shop_id, id),
  FOREIGN KEY (shop_id, product_id) REFERENCES products (shop_id, id)
);
CREATE INDEX inventory_balances_shop_product ON inventory_balances (shop_id, product_id);

-- Append-only in meaning: a row's movement never changes; a backdated posting only recomputes the
-- balance columns and the cost of issues that come after it. The ledger is where a posted line's cost,
-- stock before and stock after live: bill lines keep what the bill says, the ledger what it did.
CREATE TABLE stock_ledger (
  shop_id bigint NOT NULL,
  id bigint GENERATED ALWAYS AS IDENTITY,
  stock_point_id bigint NOT NULL,
  product_id bigint NOT NULL,
  bill_id bigint NOT NULL,
  line_id bigint NOT NULL,
  line_no integer NOT NULL,
  -- Facts of the bill a replay needs without joining it: reversals carry the sign −1, transfers stay
  -- out of the monthly figures, and a cost carried from another line follows that line.
  bill_kind text NOT NULL,
  in_stats boolean NOT NULL,
  cost_source_line_id bigint,
  -- Some line carries this row's cost (a transfer's receipt, a reversal): recompute it when this cost changes.
  is_cost_source boolean NOT NULL DEFAULT false,
  bill_date date NOT NULL,
  posting_seq bigint NOT NULL,
  direction text NOT NULL CHECK (direction IN ('in', 'out')),
  movement text NOT NULL CHECK (movement IN ('receive', 'issue', 'unreceive')),
  quantity numeric(18, 3) NOT NULL,
  unit_price numeric(18, 4) NOT NULL,
  amount numeric(18, 2) NOT NULL,
  unit_cost numeric(18, 4) NOT NULL,
  cost_amount numeric(18, 2) NOT NULL,
  balance_quantity numeric(18, 3) NOT NULL,
  balance_avg_cost numeric(18, 4) NOT NULL,
  balance_amount numeric(18, 2) NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by bigint NOT NULL,
  PRIMARY KEY (shop_id, id),
  UNIQUE (shop_id, line_id, stock_point_id),
  FOREIGN KEY (shop_id, bill_id) REFERENCES stock_bills (shop_id, id),
  FOREIGN KEY (shop_id, product_id) REFERENCES products (shop_id, id)
) WITH (fillfactor = 80); -- room on each page lets a backdated posting rewrite balances as HOT updates
CREATE INDEX stock_ledger_bill ON stock_ledger (shop_id, bill_id);
CREATE INDEX stock_ledger_position ON stock_ledger (shop_id, stock_point_id, product_id, bill_date, posting_seq, line_no);
CREATE INDEX stock_ledger_shop_product_created ON stock_ledger (shop_id, product_id, created_at);
CREATE INDEX stock_ledger_shop_direction_created ON stock_ledger (shop_id, direction, created_at);

CREATE TABLE stats_monthly (
  shop_id bigint NOT NULL REFERENCES shops (id),
  year integer NOT NULL,
  month integer NOT NULL CHECK (month BETWEEN 1 AND 12),
  inbound_amount numeric(18, 2) NOT NULL DEFAULT 0,
  inbound_count integer NOT NULL DEFAULT 0,
  outbound_amount numeric(18, 2) NOT NULL DEFAULT 0,
  outbound_count integer NOT NULL DEFAULT 0,
  outbound_cost numeric(18, 2) NOT NULL DEFAULT 0,
  profit numeric(18, 2) NOT NULL DEFAULT 0,
  generated_at timestamptz NOT NULL DEFAULT now(),
  source text NOT NULL DEFAULT 'onConfirm',
  PRIMARY KEY (shop_id, year, month)
);

CREATE TABLE stocktakes (
  shop_id bigint NOT NULL REFERENCES shops (id),
  id bigint GENERATED ALWAYS AS IDENTITY,
  stock_point_id bigint NOT NULL,
  bill_date date NOT NULL,
  status text NOT NULL CHECK (status IN ('draft', 'confirmed')),
  remarks text NOT NULL DEFAULT '',
  lines jsonb NOT NULL,
  gain_bill_id bigint,
  loss_bill_id bigint,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  created_by bigint NOT NULL,
  confirmed_at timestamptz,
  PRIMARY KEY (shop_id, id),
  FOREIGN KEY (shop_id, stock_point_id) REFERENCES stock_points (shop_id, id)
);

CREATE TABLE idempotency_keys (
  shop_id bigint NOT NULL,
  user_id bigint NOT NULL,
  key text NOT NULL,
  request_hash text NOT NULL,
  status_code integer NOT NULL,
  response jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (shop_id, user_id, key),
  FOREIGN KEY (shop_id, user_id) REFERENCES users (shop_id, id)
);

CREATE TABLE audit_log (
  shop_id bigint NOT NULL REFERENCES shops (id),
  id bigint GENERATED ALWAYS AS IDENTITY,
  user_id bigint,
  action text NOT NULL,
  entity text NOT NULL,
  entity_id text,
  data jsonb NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (shop_id, id)
);
CREATE INDEX audit_log_shop_entity ON audit_log (shop_id, entity, entity_id);
