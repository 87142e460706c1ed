-- Clinical records of free provision (src/ops/clinical.ts): dispensary registrations,
-- commission decisions, prescriptions, and the dispensing ledger with deferrals. Nothing is
-- deleted: registrations are closed, decisions revoked by later ones, prescriptions cancelled.

CREATE TABLE ops_registrations (
  id text PRIMARY KEY,
  patient_id text NOT NULL REFERENCES ops_patients (id),
  icd10 text NOT NULL,
  organisation text NOT NULL REFERENCES ops_organisations (id),
  specialist text NOT NULL REFERENCES ops_accounts (id),
  from_date date NOT NULL,
  to_date date CHECK (to_date IS NULL OR to_date >= from_date),
  basis text NOT NULL,
  confirmed boolean NOT NULL,
  deregistration_reason text,
  deregistration_note text,
  deregistered_by text REFERENCES ops_accounts (id),
  CHECK ((to_date IS NULL) = (deregistration_reason IS NULL))
);
-- One open registration per patient and code.
CREATE UNIQUE INDEX ops_registrations_one_open ON ops_registrations (patient_id, icd10)
  WHERE to_date IS NULL;

CREATE TABLE ops_commission_decisions (
  id text PRIMARY KEY,
  patient_id text NOT NULL REFERENCES ops_patients (id),
  organisation text NOT NULL REFERENCES ops_organisations (id),
  protocol_number text NOT NULL,
  protocol_date date NOT NULL,
  icd10 text NOT NULL,
  inns jsonb NOT NULL,
  valid_from date NOT NULL,
  valid_to date CHECK (valid_to IS NULL OR valid_to >= valid_from),
  revokes text REFERENCES ops_commission_decisions (id),
  revoked_by text REFERENCES ops_commission_decisions (id),
  recorded_by text NOT NULL REFERENCES ops_accounts (id),
  UNIQUE (organisation, protocol_number, protocol_date, patient_id)
);
CREATE INDEX ops_commission_decisions_patient ON ops_commission_decisions (patient_id, icd10);

-- Prescription numbers: one counter per region and year, moved under a row lock.
CREATE TABLE ops_prescription_counters (
  region text NOT NULL,
  year integer NOT NULL,
  last integer NOT NULL,
  PRIMARY KEY (region, year)
);

CREATE TABLE ops_prescriptions (
  id text PRIMARY KEY,
  number text NOT NULL UNIQUE,
  region text NOT NULL,
  patient_id text NOT NULL REFERENCES ops_patients (id),
  organisation text NOT NULL REFERENCES ops_organisations (id),
  prescriber text NOT NULL REFERENCES ops_accounts (id),
  icd10 text NOT NULL,
  -- The guard key of "one active prescription per patient and product": the INN, else the name.
  product_key text NOT NULL,
  product jsonb NOT NULL,
  quantity integer NOT NULL CHECK (quantity > 0),
  unit text NOT NULL,
  dosing text NOT NULL,
  days_of_supply integer NOT NULL CHECK (days_of_supply > 0),
  continuous boolean NOT NULL,
  issued_on date NOT NULL,
  valid_from date NOT NULL,
  valid_to date NOT NULL CHECK (valid_to >= valid_from),
  -- Last day the supply covers: issued_on + days_of_supply - 1 (the overlap guard compares it).
  supply_to date NOT NULL,
  basis jsonb NOT NULL,
  signature jsonb NOT NULL,
  status text NOT NULL CHECK (status IN ('active', 'completed', 'cancelled')),
  dispensed integer NOT NULL DEFAULT 0 CHECK (dispensed >= 0 AND dispensed <= quantity),
  cancelled_at timestamptz,
  cancelled_by text REFERENCES ops_accounts (id),
  cancel_reason text,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ops_prescriptions_patient ON ops_prescriptions (patient_id, product_key, supply_to);

-- The ledger: one row per handing-over; append-only.
CREATE TABLE ops_dispenses (
  id text PRIMARY KEY,
  prescription_id text NOT NULL REFERENCES ops_prescriptions (id),
  pharmacy text NOT NULL REFERENCES ops_organisations (id),
  pharmacist text NOT NULL REFERENCES ops_accounts (id),
  quantity integer NOT NULL CHECK (quantity > 0),
  lot text NOT NULL,
  expiry date NOT NULL,
  dispensed_on date NOT NULL,
  at timestamptz NOT NULL,
  basis jsonb NOT NULL,
  remaining integer NOT NULL CHECK (remaining >= 0),
  -- The registry version whose answer the dispense rests on, and the excludedItemPolicy entry
  -- applied when the item was no longer free on the day (null when in force).
  registry_version text NOT NULL,
  policy jsonb,
  -- Order of writing (under the prescription's lock: the ledger's order).
  seq bigint GENERATED ALWAYS AS IDENTITY,
  CHECK (expiry >= dispensed_on)
);
CREATE INDEX ops_dispenses_prescription ON ops_dispenses (prescription_id);

CREATE TABLE ops_deferrals (
  id text PRIMARY KEY,
  prescription_id text NOT NULL REFERENCES ops_prescriptions (id),
  pharmacy text NOT NULL REFERENCES ops_organisations (id),
  pharmacist text NOT NULL REFERENCES ops_accounts (id),
  recorded_on date NOT NULL,
  urgent boolean NOT NULL,
  due_on date NOT NULL CHECK (due_on > recorded_on),
  -- The deferredDueWorkingDays (or urgent) entry the due date was counted from, with its status.
  due_rule jsonb NOT NULL,
  status text NOT NULL CHECK (status IN ('open', 'served', 'cancelled')),
  served_by text REFERENCES ops_dispenses (id),
  seq bigint GENERATED ALWAYS AS IDENTITY,
  CHECK ((status = 'served') = (served_by IS NOT NULL))
);
CREATE UNIQUE INDEX ops_deferrals_one_open ON ops_deferrals (prescription_id) WHERE status = 'open';

-- Idempotency keys of writes, scoped to the actor and the operation: the first answer is kept
-- and returned to every retry. A writer claims the key by inserting its row first (a concurrent
-- claim of the same key waits on the primary key until the first commits or rolls back).
CREATE TABLE ops_idempotency (
  actor_id text NOT NULL,
  operation text NOT NULL,
  key text NOT NULL,
  request_hash text NOT NULL,
  response jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (actor_id, operation, key)
);

CREATE FUNCTION ops_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only', TG_TABLE_NAME;
END;
$$;
CREATE TRIGGER ops_dispenses_append_only BEFORE UPDATE OR DELETE ON ops_dispenses
  FOR EACH ROW EXECUTE FUNCTION ops_append_only();
CREATE FUNCTION ops_refuse_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% keeps its history: rows are never deleted', TG_TABLE_NAME;
END;
$$;
CREATE TRIGGER ops_registrations_keep BEFORE DELETE ON ops_registrations
  FOR EACH ROW EXECUTE FUNCTION ops_refuse_delete();
CREATE TRIGGER ops_commission_decisions_keep BEFORE DELETE ON ops_commission_decisions
  FOR EACH ROW EXECUTE FUNCTION ops_refuse_delete();
CREATE TRIGGER ops_prescriptions_keep BEFORE DELETE ON ops_prescriptions
  FOR EACH ROW EXECUTE FUNCTION ops_refuse_delete();
CREATE TRIGGER ops_deferrals_keep BEFORE DELETE ON ops_deferrals
  FOR EACH ROW EXECUTE FUNCTION ops_refuse_delete();
