-- The analyses at national scale (docs/scale.md, "Slices and the statements' shapes").
--
-- The prescriptions of a region active on a day (impact: those resting on a changed item):
-- `region = $1 AND valid_to >= D AND valid_from <= D`. Without this index each read scanned the
-- whole table (1.3 GB at 3 M patients); with it the index alone narrows a region's 1.1 M rows
-- to the ~92,000 active on D before the heap is read. `valid_from` is a key column, not an
-- INCLUDE, so the bound on it is checked in the index. A dispense's update of its prescription
-- changes none of these columns, so it stays a HOT update (fillfactor 80, migration 160).
CREATE INDEX ops_prescriptions_active ON ops_prescriptions (region, valid_to, valid_from);

-- The ledger by item, act, product and unit (need: consumption): the planner had no estimate
-- of how few combinations the item and act inside `basis` make with the product and unit, so
-- it sorted ~900,000 dispense rows to group them into ~200. With these statistics it hashes.
CREATE STATISTICS ops_prescriptions_line (ndistinct)
  ON (basis->>'item'), (basis->'citation'->>'act'), product_key, unit FROM ops_prescriptions;
