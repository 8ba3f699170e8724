-- A refund being sent to WeChat Pay is claimed until this moment, so the call is made outside any transaction
-- (no row lock or PGlite connection held while WeChat answers) and a process killed mid-call leaves it to be sent
-- again once the claim runs out.
ALTER TABLE wechat_refunds ADD COLUMN claimed_until timestamptz;
