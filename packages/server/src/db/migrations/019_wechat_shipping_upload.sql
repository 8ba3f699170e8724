-- The WeChat shipping-info upload (发货信息管理) of each shipment of an order paid with WeChat Pay: pending until
-- sent, then uploaded, or failed with WeChat's (or our) reason. Shipments of orders paid offline have none (NULL).
ALTER TABLE order_shipments
  ADD COLUMN wechat_upload text CHECK (wechat_upload IN ('pending', 'uploaded', 'failed')),
  ADD COLUMN wechat_all_delivered boolean,
  ADD COLUMN wechat_first_shipment boolean,
  ADD COLUMN wechat_attempts integer NOT NULL DEFAULT 0,
  ADD COLUMN wechat_next_at timestamptz,
  ADD COLUMN wechat_error text,
  ADD COLUMN wechat_uploaded_at timestamptz;
CREATE INDEX order_shipments_wechat_due ON order_shipments (wechat_next_at) WHERE wechat_upload = 'pending';
