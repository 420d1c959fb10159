-- Failed sign-ins, per account (lower-case username) and per address, so that the back-off holds
-- on every instance. A row is forgotten a day after its last failure; a sign-in clears its account's.
CREATE TABLE login_failures (
  key text PRIMARY KEY,
  failures integer NOT NULL CHECK (failures > 0),
  last_failure_at timestamptz NOT NULL,
  locked_until timestamptz
);
CREATE INDEX login_failures_last_idx ON login_failures (last_failure_at);

-- The audit log is append-only: no statement may change or remove an entry, except a deletion made
-- by the retention job, which marks its own transaction with SET LOCAL openday.audit_retention = 'on'.
-- (Restoring a backup replaces every table with TRUNCATE, which row triggers do not see.)
CREATE FUNCTION openday_audit_log_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' AND current_setting('openday.audit_retention', true) = 'on' THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER audit_log_append_only
  BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION openday_audit_log_append_only();
