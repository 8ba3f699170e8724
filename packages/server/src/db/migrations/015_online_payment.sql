-- Online payment of storefront orders through WeChat Pay (service-provider mode: each shop a sub-merchant).

-- The shop's sub-merchant number (商户号 under the platform's service provider), and the payment account its
-- WeChat Pay money is received into (when unset: its first active account of kind 'wechat').
ALTER TABLE shops
  ADD COLUMN wechat_pay_sub_mchid text,
  ADD COLUMN wechat_pay_account_id bigint;

-- How an order was paid ('offline': the merchant confirmed it; 'wechatPay'), its WeChat transaction, and a
-- payment that arrived but could not be applied (another amount, stock gone after expiry), in words.
ALTER TABLE orders
  ADD COLUMN payment_method text CHECK (payment_method IN ('offline', 'wechatPay')),
  ADD COLUMN transaction_id text,
  ADD COLUMN payment_problem text;

-- An order's payment at WeChat Pay: one per order, its out_trade_no the order number. The prepay_id is reused
-- while valid; `settled_at` is set once a payment (notification or query) is applied or the order is closed.
CREATE TABLE wechat_payments (
  shop_id bigint NOT NULL,
  order_id bigint NOT NULL,
  out_trade_no text NOT NULL,
  sub_mchid text NOT NULL,
  total_fen bigint NOT NULL CHECK (total_fen > 0),
  prepay_id text NOT NULL,
  prepaid_at timestamptz NOT NULL,
  queried_at timestamptz,
  closed_at timestamptz,
  settled_at timestamptz,
  PRIMARY KEY (shop_id, order_id),
  UNIQUE (shop_id, out_trade_no),
  FOREIGN KEY (shop_id, order_id) REFERENCES orders (shop_id, id)
);
CREATE INDEX wechat_payments_unsettled ON wechat_payments (prepaid_at) WHERE settled_at IS NULL;

-- Every notification WeChat Pay sent the shop, decrypted, kept once per event id: what it said and what was done.
CREATE TABLE wechat_pay_notifications (
  shop_id bigint NOT NULL REFERENCES shops (id),
  event_id text NOT NULL,
  event_type text NOT NULL,
  resource jsonb NOT NULL,
  order_id bigint,
  -- applied | alreadyPaid | unknownOrder | amountMismatch | refundedStockGone | refundDone | refundFailed | unknownRefund | ignored
  outcome text NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (shop_id, event_id)
);

-- Refunds asked of WeChat Pay: approved refunds of paid orders, and payments refused because the stock was gone.
CREATE TABLE wechat_refunds (
  shop_id bigint NOT NULL,
  out_refund_no text NOT NULL,
  order_id bigint NOT NULL,
  refund_fen bigint NOT NULL CHECK (refund_fen > 0),
  status text NOT NULL CHECK (status IN ('pending', 'succeeded', 'failed')),
  refund_id text,
  created_at timestamptz NOT NULL DEFAULT now(),
  resolved_at timestamptz,
  PRIMARY KEY (shop_id, out_refund_no),
  FOREIGN KEY (shop_id, order_id) REFERENCES orders (shop_id, id)
);

ALTER TABLE notifications DROP CONSTRAINT notifications_kind_check;
ALTER TABLE notifications ADD CONSTRAINT notifications_kind_check
  CHECK (kind IN ('warning', 'approvalRequest', 'approvalResult', 'newOrder', 'refundRequest', 'paymentProblem'));
