-- The smoothing parameters per demand class that the nightly pass pooled from every product's backtest errors
-- (`ParamPool` in @xiaocang/analytics), kept beside the weekly profile of the same pass: a forecast learnt in a
-- request reads them instead of backtesting every product of the shop again. Null on rows kept before.
ALTER TABLE shop_weekday_profiles ADD COLUMN params jsonb;
