-- Split shipments: what each shipment of an order sent, line by line. What is left to send is the order line's
-- quantity less what its shipments sent.
CREATE TABLE order_shipment_lines (
  shop_id bigint NOT NULL,
  shipment_id bigint NOT NULL,
  order_id bigint NOT NULL,
  line_no integer NOT NULL,
  quantity numeric(18, 3) NOT NULL CHECK (quantity > 0),
  PRIMARY KEY (shop_id, shipment_id, line_no),
  FOREIGN KEY (shop_id, shipment_id) REFERENCES order_shipments (shop_id, id),
  FOREIGN KEY (shop_id, order_id, line_no) REFERENCES order_lines (shop_id, order_id, line_no)
);
CREATE INDEX order_shipment_lines_order ON order_shipment_lines (shop_id, order_id, line_no);

-- Until now an order was shipped whole in one shipment: that shipment sent every line.
INSERT INTO order_shipment_lines (shop_id, shipment_id, order_id, line_no, quantity)
SELECT s.shop_id, s.id, s.order_id, l.line_no, l.quantity
  FROM (SELECT DISTINCT ON (shop_id, order_id) shop_id, id, order_id FROM order_shipments ORDER BY shop_id, order_id, id) s
  JOIN order_lines l ON l.shop_id = s.shop_id AND l.order_id = s.order_id;
