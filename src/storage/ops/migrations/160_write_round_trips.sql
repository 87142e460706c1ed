-- Fewer round trips for a prescription's issue and for every write's check of itself
-- (docs/adr/0024-write-cpu-and-round-trips.md).

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
