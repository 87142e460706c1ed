-- Opening a dispensing ledger write in one round trip (docs/adr/0023-ledger-write-round-trips.md).
-- The locks are taken in the order every writer takes them (src/storage/ops/dispensing-sql.ts):
-- the idempotency key (a concurrent claim of the same key waits here until the first commits or
-- rolls back), then, if claimed, the prescription row FOR UPDATE with its open deferral read
-- under the lock, then the audit shard head FOR UPDATE with the record's global id drawn. One
-- statement of SQL cannot promise that order (the parts of a WITH run in an order of the
-- planner's choosing), so this is a function: each of its statements runs in turn, each with a
-- fresh snapshot, so a key claimed by a transaction that committed meanwhile is read here.
-- Nothing is decided here: the caller decides on the state as locked and writes in one more
-- statement, before COMMIT.
CREATE FUNCTION ops_open_ledger_write(
  p_actor_id text,
  p_operation text,
  p_key text,
  p_request_hash text,
  p_prescription_id text,
  p_shard_hash bigint
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
  head_shard smallint,
  head_position bigint,
  head_hash text,
  head_anchor_every integer,
  audit_sequence bigint
) LANGUAGE plpgsql VOLATILE AS $$
BEGIN
  INSERT INTO ops_idempotency (actor_id, operation, key, request_hash, response)
    VALUES (p_actor_id, p_operation, p_key, p_request_hash, 'null'::jsonb)
    ON CONFLICT DO NOTHING;
  claimed := FOUND;
  rx_found := false;
  IF claimed THEN
    SELECT p.status, p.quantity, p.dispensed, p.valid_from::text, p.valid_to::text,
        p.days_of_supply
      INTO rx_status, rx_quantity, rx_dispensed, rx_valid_from, rx_valid_to, rx_days_of_supply
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
