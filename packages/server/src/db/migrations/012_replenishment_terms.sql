-- What ordering from a supplier takes (days from order to shelf), and how a product is sold by its supplier:
-- the smallest order and the pack it comes in (0: no minimum, single units). Purchase suggestions obey them.
ALTER TABLE suppliers ADD COLUMN lead_time_days integer CHECK (lead_time_days BETWEEN 1 AND 90);
ALTER TABLE products
  ADD COLUMN moq numeric(18, 3) NOT NULL DEFAULT 0 CHECK (moq >= 0),
  ADD COLUMN pack_size numeric(18, 3) NOT NULL DEFAULT 0 CHECK (pack_size >= 0);
