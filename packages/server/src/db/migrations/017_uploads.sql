-- Uploaded images: product photos, storefront goods pictures and bill attachments (票据图片). The files live in
-- the configured store (the data folder, or an S3-compatible bucket) under keys made of the shop id and the
-- token; this row says whose they are and what they are for. The token is the unguessable part of the file's
-- address (/uploads/<shop id>/<token>.jpg), so a file is found by (shop_id, token) like every shop-owned row.
-- purpose decides who may read the file: product and goods pictures are shown to anyone holding the address
-- (the storefront's customers), a bill's attachment only to a staff session of the shop.
CREATE TABLE uploads (
  shop_id bigint NOT NULL REFERENCES shops (id),
  id bigint GENERATED ALWAYS AS IDENTITY,
  token text NOT NULL CHECK (token ~ '^[A-Za-z0-9_-]{22,64}$'),
  purpose text NOT NULL CHECK (purpose IN ('product', 'goods', 'bill')),
  content_type text NOT NULL,
  width integer NOT NULL CHECK (width > 0),
  height integer NOT NULL CHECK (height > 0),
  bytes integer NOT NULL CHECK (bytes > 0),
  thumb_bytes integer NOT NULL CHECK (thumb_bytes > 0),
  created_by bigint NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (shop_id, id),
  UNIQUE (shop_id, token),
  FOREIGN KEY (shop_id, created_by) REFERENCES users (shop_id, id)
);
