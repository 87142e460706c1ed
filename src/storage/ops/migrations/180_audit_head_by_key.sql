-- The audit shard head a write locks, found by its key (docs/adr/0025-write-cpu-and-round-trips.md,
-- stop 19). Migration 160's functions joined the heads to the layout on
-- `h.shard = hash % l.shards`, a condition no index answers: the planner scanned every head (a
-- hash join, on tables not yet analysed) and with it every dead version the heads' constant
-- updates leave behind — 16 rows, but 80 to 145 pages after 2,500 dispenses when a long query
-- holds back pruning. With the shard computed from the layout first (a one-row subquery, run
-- once), the head is a primary-key lookup: 26 → 11 µs a lock on 144 pages, 125 → 32 µs while
-- another transaction holds a snapshot. The same row is locked, at the same place in the lock
-- order; the functions are otherwise unchanged.

CREATE OR REPLACE FUNCTION ops_open_prescription_issue(
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
  SELECT h.shard, h.position, h.hash, (SELECT anchor_every FROM ops_audit_layout),
      nextval('ops_audit_sequence_seq')
    INTO head_shard, head_position, head_hash, head_anchor_every, audit_sequence
    FROM ops_audit_heads h
    WHERE h.shard = p_shard_hash % (SELECT shards FROM ops_audit_layout)
    FOR UPDATE OF h;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'the audit shard heads are missing: run the migrations';
  END IF;
  RETURN NEXT;
END;
$$;

CREATE OR REPLACE FUNCTION ops_open_pharmacy_write(
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
  SELECT h.shard, h.position, h.hash, (SELECT anchor_every FROM ops_audit_layout),
      nextval('ops_audit_sequence_seq')
    INTO head_shard, head_position, head_hash, head_anchor_every, audit_sequence
    FROM ops_audit_heads h
    WHERE h.shard = subject_hash % (SELECT shards FROM ops_audit_layout)
    FOR UPDATE OF h;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'the audit shard heads are missing: run the migrations';
  END IF;
  RETURN NEXT;
END;
$$;
