-- The auditor's search of the audit trail (src/storage/ops/audit-search-sql.ts, issue 12) and
-- the region administrator's list of accounts. Each index leads with what a search names and
-- ends in the sequence it pages by, newest first.
CREATE INDEX ops_audit_patient ON ops_audit (patient_ref, sequence) WHERE patient_ref IS NOT NULL;
CREATE INDEX ops_audit_actor ON ops_audit (actor_id, sequence);
-- A region is the organisation id's prefix: `organisation LIKE 'KZ-27/%'` in any collation.
CREATE INDEX ops_audit_organisation ON ops_audit (organisation text_pattern_ops, sequence);
-- The accounts holding a role in a region.
CREATE INDEX ops_role_grants_region ON ops_role_grants (region, account_id);
