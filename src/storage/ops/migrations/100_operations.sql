-- Operations foundation (docs/adr/0011): organisations, staff accounts and role
-- grants, sessions, patients with attachment history, and the audit hash chain.
CREATE TABLE ops_organisations (
  id text PRIMARY KEY,
  region text NOT NULL,
  code text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('polyclinic', 'hospital_with_commission', 'pharmacy')),
  name_kk text NOT NULL,
  name_ru text NOT NULL,
  name_en text NOT NULL,
  UNIQUE (region, code)
);

CREATE TABLE ops_accounts (
  id text PRIMARY KEY,
  username text NOT NULL UNIQUE,
  display_name text NOT NULL,
  password_hash text NOT NULL,
  failures integer NOT NULL DEFAULT 0,
  locked_until timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE ops_role_grants (
  account_id text NOT NULL REFERENCES ops_accounts (id),
  role text NOT NULL CHECK (role IN ('region_admin', 'doctor', 'commission_member', 'pharmacist', 'auditor')),
  region text NOT NULL,
  organisation text REFERENCES ops_organisations (id),
  UNIQUE NULLS NOT DISTINCT (account_id, role, region, organisation)
);

-- Only the SHA-256 of a session token is stored; the token itself goes to the client once.
CREATE TABLE ops_sessions (
  token_hash text PRIMARY KEY,
  account_id text NOT NULL REFERENCES ops_accounts (id),
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  revoked_at timestamptz
);

CREATE TABLE ops_patients (
  id text PRIMARY KEY,
  iin text NOT NULL UNIQUE,
  family_name text NOT NULL,
  given_name text NOT NULL,
  patronymic text,
  birth_date date NOT NULL,
  sex text NOT NULL CHECK (sex IN ('male', 'female')),
  citizenship text NOT NULL
);

-- Attachment periods [from_date, to_date); a change closes one and opens the next, never deletes.
CREATE TABLE ops_attachments (
  patient_id text NOT NULL REFERENCES ops_patients (id),
  organisation text NOT NULL REFERENCES ops_organisations (id),
  from_date date NOT NULL,
  to_date date CHECK (to_date IS NULL OR to_date > from_date),
  PRIMARY KEY (patient_id, from_date)
);
CREATE UNIQUE INDEX ops_attachments_one_open ON ops_attachments (patient_id) WHERE to_date IS NULL;

-- The audit trail: append-only, ordered by sequence, each hash covering the previous one.
CREATE TABLE ops_audit (
  sequence bigint PRIMARY KEY,
  at text NOT NULL,
  actor_id text,
  role text,
  organisation text,
  action text NOT NULL,
  patient_ref text,
  purpose text,
  request_id text,
  outcome text NOT NULL CHECK (outcome IN ('allowed', 'refused', 'failed')),
  detail text,
  prev_hash text NOT NULL,
  hash text NOT NULL
);

-- The chain head: one row, locked FOR UPDATE by every append so writers queue instead of forking.
CREATE TABLE ops_audit_head (
  id smallint PRIMARY KEY CHECK (id = 1),
  sequence bigint NOT NULL,
  hash text NOT NULL
);
INSERT INTO ops_audit_head (id, sequence, hash) VALUES (1, 0, repeat('0', 64));

CREATE FUNCTION ops_audit_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'ops_audit is append-only';
END;
$$;
CREATE TRIGGER ops_audit_append_only BEFORE UPDATE OR DELETE ON ops_audit
  FOR EACH ROW EXECUTE FUNCTION ops_audit_refuse_change();
CREATE TRIGGER ops_audit_no_truncate BEFORE TRUNCATE ON ops_audit
  FOR EACH STATEMENT EXECUTE FUNCTION ops_audit_refuse_change();

-- Attachment periods are closed, never deleted or rewritten: the one change allowed is setting
-- the end of an open period.
CREATE FUNCTION ops_attachments_close_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND OLD.to_date IS NULL AND NEW.to_date IS NOT NULL
     AND NEW.patient_id = OLD.patient_id AND NEW.organisation = OLD.organisation
     AND NEW.from_date = OLD.from_date THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'attachment periods are closed, never deleted or rewritten';
END;
$$;
CREATE TRIGGER ops_attachments_history BEFORE UPDATE OR DELETE ON ops_attachments
  FOR EACH ROW EXECUTE FUNCTION ops_attachments_close_only();
