-- A statement that checks its own effect (docs/adr/0024-prepared-hot-statements.md): the parts
-- of a write's WITH (src/storage/sql-params.ts runParts) must each touch exactly the rows they
-- must. Checked in the statement, not by the caller after it, so the COMMIT can be sent with
-- the statement: a part that touched another number of rows raises, the transaction fails, and
-- the COMMIT behind it rolls back.
CREATE FUNCTION ops_expect_rows(p_part text, p_rows bigint, p_expected integer)
RETURNS integer LANGUAGE plpgsql VOLATILE AS $$
BEGIN
  IF p_rows IS DISTINCT FROM p_expected THEN
    RAISE EXCEPTION '%: % rows, expected %', p_part, p_rows, p_expected;
  END IF;
  RETURN p_expected;
END;
$$;
