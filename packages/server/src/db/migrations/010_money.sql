-- The money side of bills: price levels, payment accounts, what customers owe and suppliers are owed,
-- receipts and payments that settle bills. Balances change only through the money posting function
-- (use-cases/money/post-money.ts); money_entries is the append-only record they are recomputed from.

-- Price levels (零售价, 代理价, 批发价, …). The default level is the product's own outbound price, so it
-- holds no prices of its own; every other level may set a price per product.
CREATE TABLE price_levels (
  shop_id bigint NOT NULL REFERENCES shops (id),
  id bigint GENERATED ALWAYS AS IDENTITY,
  name text NOT NULL,
  is_default boolean NOT NULL DEFAULT false,
  position integer NOT NULL DEFAULT 0,
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'inactive')),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (shop_id, id),
  UNIQUE (shop_id, name)
);
CREATE UNIQUE INDEX price_levels_one_default ON price_levels (shop_id) WHERE is_default;

CREATE TABLE product_prices (
  shop_id bigint NOT NULL,
  product_id bigint NOT NULL,
  price_level_id bigint NOT NULL,
  price numeric(18, 2) NOT NULL CHECK (price >= 0),
  PRIMARY KEY (shop_id, product_id, price_level_id),
  FOREIGN KEY (shop_id, product_id) REFERENCES products (shop_id, id),
  FOREIGN KEY (shop_id, price_level_id) REFERENCES price_levels (shop_id, id)
);
CREATE INDEX product_prices_level ON product_prices (shop_id, price_level_id);

-- 资金账户. The balance is the sum of the account's money entries; it may go negative (money spent
-- from an account whose income was never recorded here).
CREATE TABLE payment_accounts (
  shop_id bigint NOT NULL REFERENCES shops (id),
  id bigint GENERATED ALWAYS AS IDENTITY,
  name text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('wechat', 'alipay', 'cash', 'bank', 'other')),
  balance numeric(18, 2) NOT NULL DEFAULT 0,
  position integer NOT NULL DEFAULT 0,
  remarks text NOT NULL DEFAULT '',
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'inactive')),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (shop_id, id),
  UNIQUE (shop_id, name)
);

-- A customer's level (NULL: the default level), 微信号, and what they owe (应收); what the shop owes a
-- supplier (应付). Overpayment is refused, so neither balance goes below zero.
ALTER TABLE customers
  ADD COLUMN price_level_id bigint,
  ADD COLUMN wechat_id text NOT NULL DEFAULT '',
  ADD COLUMN receivable numeric(18, 2) NOT NULL DEFAULT 0 CHECK (receivable >= 0),
  ADD FOREIGN KEY (shop_id, price_level_id) REFERENCES price_levels (shop_id, id);
ALTER TABLE suppliers ADD COLUMN payable numeric(18, 2) NOT NULL DEFAULT 0 CHECK (payable >= 0);

-- What a bill's author says was paid at once, and into or out of which account. Posting turns it into
-- money; a draft only keeps it.
ALTER TABLE stock_bills
  ADD COLUMN paid_amount numeric(18, 2) NOT NULL DEFAULT 0,
  ADD COLUMN payment_account_id bigint,
  ADD FOREIGN KEY (shop_id, payment_account_id) REFERENCES payment_accounts (shop_id, id);

-- 收款单 (from a customer) and 付款单 (to a supplier). Never edited: a reversal is a counter-document
-- with the amount and allocations negated.
CREATE TABLE money_documents (
  shop_id bigint NOT NULL REFERENCES shops (id),
  id bigint GENERATED ALWAYS AS IDENTITY,
  kind text NOT NULL CHECK (kind IN ('receipt', 'payment')),
  is_reversal boolean NOT NULL DEFAULT false,
  -- Numbered just before commit, as bills are (assign-bill-number.ts).
  doc_no text NOT NULL DEFAULT ('~' || gen_random_uuid()),
  doc_date date NOT NULL,
  customer_id bigint,
  supplier_id bigint,
  account_id bigint NOT NULL,
  amount numeric(18, 2) NOT NULL,
  remarks text NOT NULL DEFAULT '',
  status text NOT NULL DEFAULT 'posted' CHECK (status IN ('posted', 'reversed')),
  reversal_of_id bigint,
  reversed_by_id bigint,
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by bigint NOT NULL,
  PRIMARY KEY (shop_id, id),
  UNIQUE (shop_id, doc_no),
  CHECK ((kind = 'receipt' AND customer_id IS NOT NULL AND supplier_id IS NULL)
      OR (kind = 'payment' AND supplier_id IS NOT NULL AND customer_id IS NULL)),
  CHECK (is_reversal = (amount < 0)),
  FOREIGN KEY (shop_id, customer_id) REFERENCES customers (shop_id, id),
  FOREIGN KEY (shop_id, supplier_id) REFERENCES suppliers (shop_id, id),
  FOREIGN KEY (shop_id, account_id) REFERENCES payment_accounts (shop_id, id),
  FOREIGN KEY (shop_id, reversal_of_id) REFERENCES money_documents (shop_id, id),
  FOREIGN KEY (shop_id, created_by) REFERENCES users (shop_id, id)
);
CREATE INDEX money_documents_shop_date ON money_documents (shop_id, doc_date);
CREATE INDEX money_documents_customer ON money_documents (shop_id, customer_id) WHERE customer_id IS NOT NULL;
CREATE INDEX money_documents_supplier ON money_documents (shop_id, supplier_id) WHERE supplier_id IS NOT NULL;

-- What a posted bill left owed (its total less what was paid at once) and how much of it receipts or
-- payments have settled since. A reversed bill owes nothing; it can be reversed only while nothing is settled.
CREATE TABLE bill_dues (
  shop_id bigint NOT NULL,
  bill_id bigint NOT NULL,
  customer_id bigint,
  supplier_id bigint,
  bill_date date NOT NULL,
  amount numeric(18, 2) NOT NULL CHECK (amount > 0),
  settled numeric(18, 2) NOT NULL DEFAULT 0,
  reversed boolean NOT NULL DEFAULT false,
  PRIMARY KEY (shop_id, bill_id),
  CHECK (num_nonnulls(customer_id, supplier_id) = 1),
  CHECK (settled >= 0 AND settled <= amount),
  CHECK (NOT reversed OR settled = 0),
  FOREIGN KEY (shop_id, bill_id) REFERENCES stock_bills (shop_id, id),
  FOREIGN KEY (shop_id, customer_id) REFERENCES customers (shop_id, id),
  FOREIGN KEY (shop_id, supplier_id) REFERENCES suppliers (shop_id, id)
);
CREATE INDEX bill_dues_open_customer ON bill_dues (shop_id, customer_id, bill_date, bill_id) WHERE customer_id IS NOT NULL AND settled < amount AND NOT reversed;
CREATE INDEX bill_dues_open_supplier ON bill_dues (shop_id, supplier_id, bill_date, bill_id) WHERE supplier_id IS NOT NULL AND settled < amount AND NOT reversed;

CREATE TABLE money_allocations (
  shop_id bigint NOT NULL,
  document_id bigint NOT NULL,
  bill_id bigint NOT NULL,
  amount numeric(18, 2) NOT NULL CHECK (amount <> 0),
  PRIMARY KEY (shop_id, document_id, bill_id),
  FOREIGN KEY (shop_id, document_id) REFERENCES money_documents (shop_id, id),
  FOREIGN KEY (shop_id, bill_id) REFERENCES bill_dues (shop_id, bill_id)
);
CREATE INDEX money_allocations_bill ON money_allocations (shop_id, bill_id);

-- One row per money posting: a bill's money side, a receipt or payment, or the reversal of either.
-- billed: what the party was charged; settled: money that changed hands with the party; account_amount:
-- the signed change of the account. The party's balance moves by billed − settled.
CREATE TABLE money_entries (
  shop_id bigint NOT NULL,
  id bigint GENERATED ALWAYS AS IDENTITY,
  entry_date date NOT NULL,
  bill_id bigint,
  document_id bigint,
  customer_id bigint,
  supplier_id bigint,
  account_id bigint,
  billed numeric(18, 2) NOT NULL,
  settled numeric(18, 2) NOT NULL,
  account_amount numeric(18, 2) NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by bigint NOT NULL,
  PRIMARY KEY (shop_id, id),
  CHECK (num_nonnulls(bill_id, document_id) = 1),
  CHECK (num_nonnulls(customer_id, supplier_id) <= 1),
  CHECK (account_id IS NOT NULL OR account_amount = 0),
  FOREIGN KEY (shop_id, bill_id) REFERENCES stock_bills (shop_id, id),
  FOREIGN KEY (shop_id, document_id) REFERENCES money_documents (shop_id, id),
  FOREIGN KEY (shop_id, customer_id) REFERENCES customers (shop_id, id),
  FOREIGN KEY (shop_id, supplier_id) REFERENCES suppliers (shop_id, id),
  FOREIGN KEY (shop_id, account_id) REFERENCES payment_accounts (shop_id, id),
  FOREIGN KEY (shop_id, created_by) REFERENCES users (shop_id, id)
);
CREATE INDEX money_entries_customer ON money_entries (shop_id, customer_id, entry_date, id) WHERE customer_id IS NOT NULL;
CREATE INDEX money_entries_supplier ON money_entries (shop_id, supplier_id, entry_date, id) WHERE supplier_id IS NOT NULL;
CREATE INDEX money_entries_account ON money_entries (shop_id, account_id, entry_date, id) WHERE account_id IS NOT NULL;
CREATE INDEX money_entries_bill ON money_entries (shop_id, bill_id) WHERE bill_id IS NOT NULL;

-- Every shop starts with the default level and the four usual accounts (register-shop.ts does the same
-- for new shops).
INSERT INTO price_levels (shop_id, name, is_default) SELECT id, '零售价', true FROM shops;
INSERT INTO payment_accounts (shop_id, name, kind, position)
SELECT s.id, a.name, a.kind, a.position
  FROM shops s CROSS JOIN (VALUES ('微信', 'wechat', 0), ('支付宝', 'alipay', 1), ('现金', 'cash', 2), ('银行卡', 'bank', 3)) AS a(name, kind, position);
