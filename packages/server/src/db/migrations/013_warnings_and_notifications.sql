-- Stock warnings and the notifications they (and approvals) cause.

-- A shop's own rules (scope 'shop', scope_id 0) and its categories' and products' overrides. A null rule
-- follows the level above; a shop without a row has the defaults of domain/warnings.ts.
CREATE TABLE warning_rules (
  shop_id bigint NOT NULL REFERENCES shops (id),
  scope text NOT NULL CHECK (scope IN ('shop', 'category', 'product')),
  scope_id bigint NOT NULL,
  low_stock_threshold numeric(18, 3) CHECK (low_stock_threshold >= 0),
  cover_days integer CHECK (cover_days BETWEEN 0 AND 365),
  rate_window_days integer CHECK (rate_window_days BETWEEN 7 AND 180),
  spike_factor numeric(4, 1) CHECK (spike_factor = 0 OR spike_factor >= 1.1),
  stale_days integer CHECK (stale_days BETWEEN 0 AND 3650),
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by bigint,
  PRIMARY KEY (shop_id, scope, scope_id),
  CHECK ((scope = 'shop') = (scope_id = 0)),
  CHECK (scope <> 'product' OR low_stock_threshold IS NULL)
);

-- A warning is open from when its rule starts to hold until it stops: at most one open per product and kind,
-- which makes raising it edge-triggered (a second insert while open does nothing).
CREATE TABLE warning_events (
  shop_id bigint NOT NULL REFERENCES shops (id),
  id bigint GENERATED ALWAYS AS IDENTITY,
  product_id bigint NOT NULL,
  kind text NOT NULL CHECK (kind IN ('lowStock', 'lowCover', 'spike', 'stale')),
  raised_at timestamptz NOT NULL DEFAULT now(),
  resolved_at timestamptz,
  raised_values jsonb NOT NULL,
  resolved_values jsonb,
  PRIMARY KEY (shop_id, id),
  FOREIGN KEY (shop_id, product_id) REFERENCES products (shop_id, id)
);
CREATE UNIQUE INDEX warning_events_open ON warning_events (shop_id, product_id, kind) WHERE resolved_at IS NULL;
CREATE INDEX warning_events_shop_raised ON warning_events (shop_id, raised_at);

-- Who hears of what and where: an owner always may receive warnings, a staff member when the owner says so.
ALTER TABLE users
  ADD COLUMN email text NOT NULL DEFAULT '',
  ADD COLUMN phone text NOT NULL DEFAULT '',
  ADD COLUMN receives_warnings boolean NOT NULL DEFAULT false,
  -- {kind: {channel: on}}; what is not set is on, except SMS (it costs the shop money).
  ADD COLUMN notification_channels jsonb NOT NULL DEFAULT '{}';

-- A WeChat account signed into one user (the global index: a sign-in with WeChat happens before the shop is known).
CREATE TABLE wechat_logins (
  open_id text PRIMARY KEY,
  shop_id bigint NOT NULL REFERENCES shops (id),
  user_id bigint NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (shop_id, user_id)
);

-- Subscribe messages WeChat will still accept for a user and template: each accepted request adds one,
-- each send (and a 43101 refusal, which empties it) takes from it.
CREATE TABLE wechat_subscriptions (
  shop_id bigint NOT NULL,
  user_id bigint NOT NULL,
  template_id text NOT NULL,
  quota integer NOT NULL DEFAULT 0 CHECK (quota >= 0),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (shop_id, user_id, template_id),
  FOREIGN KEY (shop_id, user_id) REFERENCES users (shop_id, id)
);

-- The in-app notification centre; written in the same transaction as its cause. `source` names the cause,
-- so one cause notifies a user once.
CREATE TABLE notifications (
  shop_id bigint NOT NULL,
  id bigint GENERATED ALWAYS AS IDENTITY,
  user_id bigint NOT NULL,
  kind text NOT NULL CHECK (kind IN ('warning', 'approvalRequest', 'approvalResult')),
  source text NOT NULL,
  title text NOT NULL,
  body text NOT NULL,
  page text,
  -- Short fields for message templates: {subject, detail}.
  fields jsonb NOT NULL DEFAULT '{}',
  -- Shown in the centre; false when the user turned the in-app channel off for this kind (the row still feeds the outbox).
  in_app boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  read_at timestamptz,
  PRIMARY KEY (shop_id, id),
  UNIQUE (shop_id, user_id, source),
  FOREIGN KEY (shop_id, user_id) REFERENCES users (shop_id, id)
);
CREATE INDEX notifications_user ON notifications (shop_id, user_id, id) WHERE in_app;
CREATE INDEX notifications_unread ON notifications (shop_id, user_id) WHERE in_app AND read_at IS NULL;

-- The outbox: one delivery per notification and outside channel, sent by the worker after the commit.
-- A worker leases a row (lease_until) before sending, so several processes never send it at once and a
-- killed worker's row is taken up again when its lease runs out.
CREATE TABLE notification_deliveries (
  shop_id bigint NOT NULL,
  id bigint GENERATED ALWAYS AS IDENTITY,
  notification_id bigint NOT NULL,
  channel text NOT NULL CHECK (channel IN ('wechat', 'email', 'sms')),
  address text NOT NULL,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
  attempts integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  lease_until timestamptz,
  last_error text,
  created_at timestamptz NOT NULL DEFAULT now(),
  sent_at timestamptz,
  PRIMARY KEY (shop_id, id),
  UNIQUE (shop_id, notification_id, channel),
  FOREIGN KEY (shop_id, notification_id) REFERENCES notifications (shop_id, id)
);
CREATE INDEX notification_deliveries_due ON notification_deliveries (next_attempt_at) WHERE status = 'pending';
CREATE INDEX notification_deliveries_shop_status ON notification_deliveries (shop_id, status, id);

-- Once-a-day work per shop (the rate and age warnings): the row claimed first does the day's run.
CREATE TABLE daily_runs (
  shop_id bigint NOT NULL REFERENCES shops (id),
  job text NOT NULL,
  day date NOT NULL,
  started_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz,
  PRIMARY KEY (shop_id, job, day)
);
