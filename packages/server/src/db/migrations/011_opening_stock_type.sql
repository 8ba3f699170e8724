-- Products entered with the stock they already have (期初库存) get it by a 期初入库 bill; shops made
-- before this type existed get it at the end of their inbound types.
INSERT INTO shop_options (shop_id, kind, name, position)
SELECT s.id, 'inboundType', '期初入库',
       COALESCE((SELECT max(position) + 1 FROM shop_options o WHERE o.shop_id = s.id AND o.kind = 'inboundType'), 0)
  FROM shops s
ON CONFLICT DO NOTHING;
