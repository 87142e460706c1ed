-- Fewer round trips for a prescription's issue and for every write's check of itself
-- (docs/adr/0025-write-cpu-and-round-trips.md).

-- A statement that checks its own effect: the parts of a write's WITH (src/storage/sql-params.ts
-- runParts) must each touch exactly the rows they must. Checked in the statement, not by the
-- caller after it, so the COMMIT can be sent with the statement: a part that touched another
-- number of rows raises, the transaction fails, and the COMMIT behind it rolls back.
CREATE FUNCTION ops_expect_rows(p_part text, p_rows bigint, p_expected integer)
RETURNS integer LANGUAGE plpgsql VOLATILE AS $$
BEGIN
  IF p_rows IS DISTINCT FROM p_expected THEN
    RAISE EXCEPTION '%: % rows, expected %', p_part, p_rows, p_expected;
  END IF;
  RETURN p_expected;
END;
$$;

-- Opening a prescription's issue in one round trip (src/storage/ops/clinical-sql.ts). The locks
-- in the order every writer takes them: the patient's row FOR UPDATE (concurrent issues for one
-- patient queue here, and each reads what the ones before it committed), then the audit shard
-- head of the write's subject FOR UPDATE, with the record's global id drawn. Under the patient's
-- lock it reads the patient's earlier supplies of the product (docs/adr/0012 §2: not cancelled,
-- nor expired and never dispensed) for the guard, which the caller runs. The number's serial is
-- drawn here only when none of those supplies overlaps the new one — the guard (supplyConflict)
-- refuses nothing else, so an issue it refuses draws none; otherwise the caller draws it after
-- the guard passed. A function, not one statement: its statements run in this order.
CREATE FUNCTION ops_open_prescription_issue(
  p_patient_id text,
  p_product_key text,
  p_issued_on date,
  p_supply_to date,
  p_shard_hash bigint
) RETURNS TABLE (
  previous jsonb,
  serial bigint,
  head_shard smallint,
  head_position bigint,
  head_hash text,
  head_anchor_every integer,
  audit_sequence bigint
) LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  overlapping boolean;
BEGIN
  PERFORM 1 FROM ops_patients WHERE id = p_patient_id FOR UPDATE;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'the patient to prescribe for is not stored';
  END IF;
  SELECT coalesce(jsonb_agg(jsonb_build_object('number', p.number,
           'issuedOn', p.issued_on::text, 'supplyTo', p.supply_to::text,
           'daysOfSupply', p.days_of_supply) ORDER BY p.issued_on, p.number), '[]'::jsonb),
         coalesce(bool_or(p.issued_on <= p_supply_to AND p_issued_on <= p.supply_to), false)
    INTO previous, overlapping
    FROM ops_prescriptions p
    WHERE p.patient_id = p_patient_id AND p.product_key = p_product_key
      AND p.status <> 'cancelled'
      AND NOT (p.status = 'active' AND p.dispensed = 0 AND p.valid_to < p_issued_on);
  IF NOT overlapping THEN
    serial := nextval('ops_prescription_serial_seq');
  END IF;
  SELECT h.shard, h.position, h.hash, l.anchor_every, nextval('ops_audit_sequence_seq')
    INTO head_shard, head_position, head_hash, head_anchor_every, audit_sequence
    FROM ops_audit_heads h JOIN ops_audit_layout l ON h.shard = p_shard_hash % l.shards
    FOR UPDATE OF h;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'the audit shard heads are missing: run the migrations';
  END IF;
  RETURN NEXT;
END;
$$;

-- Opening a pharmacy's ledger write (a dispense, a deferral) in one round trip with what the
-- write reads (src/storage/ops/ledger-write-sql.ts): ops_open_ledger_write (migration 150), which
-- it replaces, took the audit subject's hash from the caller, which therefore read the
-- prescription first, in a round trip of its own. This one finds the subject itself: the
-- prescription's patient, hashed as src/ops/audit.ts shardHashOf does (the first 32 bits of the
-- SHA-256 of `patient:<id>`; the caller's seal checks the hash against the record's subject).
-- The locks in the order every writer takes them: the idempotency key, then, if claimed, the
-- prescription row FOR UPDATE with its open deferral read under the lock, then the audit shard
-- head FOR UPDATE with the record's global id drawn. No prescription: nothing locked but the key
-- (the caller refuses and rolls back).
DROP FUNCTION ops_open_ledger_write(text, text, text, text, text, bigint);

CREATE FUNCTION ops_open_pharmacy_write(
  p_actor_id text,
  p_operation text,
  p_key text,
  p_request_hash text,
  p_prescription_id text
) RETURNS TABLE (
  claimed boolean,
  first_request_hash text,
  first_response jsonb,
  rx_found boolean,
  rx_status text,
  rx_quantity integer,
  rx_dispensed integer,
  rx_valid_from text,
  rx_valid_to text,
  rx_days_of_supply integer,
  rx_open_deferral jsonb,
  subject_hash bigint,
  head_shard smallint,
  head_position bigint,
  head_hash text,
  head_anchor_every integer,
  audit_sequence bigint
) LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  v_patient_id text;
BEGIN
  INSERT INTO ops_idempotency (actor_id, operation, key, request_hash, response)
    VALUES (p_actor_id, p_operation, p_key, p_request_hash, 'null'::jsonb)
    ON CONFLICT DO NOTHING;
  claimed := FOUND;
  IF claimed THEN
    SELECT p.patient_id, p.status, p.quantity, p.dispensed, p.valid_from::text,
        p.valid_to::text, p.days_of_supply
      INTO v_patient_id, rx_status, rx_quantity, rx_dispensed, rx_valid_from, rx_valid_to,
        rx_days_of_supply
      FROM ops_prescriptions p WHERE p.id = p_prescription_id FOR UPDATE;
    rx_found := FOUND;
    IF rx_found THEN
      SELECT to_jsonb(f) - 'seq' INTO rx_open_deferral
        FROM ops_deferrals f WHERE f.prescription_id = p_prescription_id AND f.status = 'open';
    END IF;
  ELSE
    SELECT i.request_hash, i.response INTO first_request_hash, first_response
      FROM ops_idempotency i
      WHERE i.actor_id = p_actor_id AND i.operation = p_operation AND i.key = p_key;
    IF NOT FOUND THEN
      RAISE EXCEPTION 'the idempotency key vanished after its claim conflicted';
    END IF;
    SELECT p.patient_id INTO v_patient_id FROM ops_prescriptions p WHERE p.id = p_prescription_id;
    rx_found := FOUND;
  END IF;
  IF NOT rx_found THEN
    RETURN NEXT;
    RETURN;
  END IF;
  subject_hash := ('x' || left(encode(sha256(convert_to('patient:' || v_patient_id, 'UTF8')),
    'hex'), 8))::bit(32)::bigint;
  SELECT h.shard, h.position, h.hash, l.anchor_every, nextval('ops_audit_sequence_seq')
    INTO head_shard, head_position, head_hash, head_anchor_every, audit_sequence
    FROM ops_audit_heads h JOIN ops_audit_layout l ON h.shard = subject_hash % l.shards
    FOR UPDATE OF h;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'the audit shard heads are missing: run the migrations';
  END IF;
  RETURN NEXT;
END;
$$;

-- A dispense rewrites its prescription's row (dispensed, status): room left in each page lets
-- the new version stay in it (a HOT update: no new entry in the table's four indexes). In the
-- operations benchmark (1,200 prescriptions issued, then each dispensed) 77 % of those updates
-- were HOT with full pages, 85 % with 10 % of each page left, 94 % with 20 %, for 10 % more pages
-- (121 against 110). Pages written from now on keep a fifth free.
ALTER TABLE ops_prescriptions SET (fillfactor = 80);
