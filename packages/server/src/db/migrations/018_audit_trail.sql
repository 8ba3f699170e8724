-- The audit trail is append-only: no route, role or statement may change or remove what it recorded.
CREATE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only' USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change();

-- The viewer reads a shop's trail newest first, by person or by period.
CREATE INDEX audit_log_shop_time ON audit_log (shop_id, created_at DESC, id DESC);
CREATE INDEX audit_log_shop_user_time ON audit_log (shop_id, user_id, created_at DESC);
