-- Password checks are counted before they are made, per bucket: a username tried without a trusted device,
-- a trusted device, or a session changing its password. A row is one fixed window of attempts.
-- GLOBAL_TABLES (src/db/global-tables.ts): login_attempts replaces login_throttle, which counted failures
-- only after checking them (so parallel guesses all went through).
DROP TABLE login_throttle;

CREATE TABLE login_attempts (
  bucket text PRIMARY KEY,
  attempts integer NOT NULL,
  window_started_at timestamptz NOT NULL
);

-- A device that has logged in as a user before (the token is kept by the app): its own attempts are counted
-- apart from everyone else's, so strangers failing on a username cannot lock its owner out.
CREATE TABLE trusted_devices (
  shop_id bigint NOT NULL,
  token_hash text NOT NULL,
  user_id bigint NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_used_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (shop_id, token_hash),
  FOREIGN KEY (shop_id, user_id) REFERENCES users (shop_id, id)
);
CREATE INDEX trusted_devices_user ON trusted_devices (shop_id, user_id);
