-- The monthly figures add up every bill dated in the month, and bills of any later day may be dated in it.
-- With the limits (README "Limits") a bill adds at most 10,000,000 of amount and, as cost of goods, at most
-- 1,000 lines × 20,000,000,000, and a shop numbers at most 9,999 bills a day in each direction: the cost of
-- goods could pass numeric(18, 2) within a day of such bills. numeric(28, 2) holds them for over a million
-- years. Widening a numeric keeps its values as they are: PostgreSQL rewrites nothing.
ALTER TABLE stats_monthly
  ALTER COLUMN inbound_amount TYPE numeric(28, 2),
  ALTER COLUMN outbound_amount TYPE numeric(28, 2),
  ALTER COLUMN outbound_cost TYPE numeric(28, 2),
  ALTER COLUMN profit TYPE numeric(28, 2);
