-- Analytics over the register (docs/adr/0018-analytics.md): a region's patients are read in
-- batches of internal ids, and each batch's records by `patient_id = ANY(...)`. Registrations
-- (closed ones too) and deferrals had no index on what these reads look them up by.
CREATE INDEX ops_registrations_patient ON ops_registrations (patient_id);
CREATE INDEX ops_deferrals_prescription ON ops_deferrals (prescription_id);
-- The patients of a region on a day: attachments by organisation, in patient order.
CREATE INDEX ops_attachments_organisation ON ops_attachments (organisation, patient_id)
  INCLUDE (from_date, to_date);
