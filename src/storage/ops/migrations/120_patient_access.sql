-- A patient's own access to "my medicines" (docs/adr/0020-patient-access.md): one-time sign-in
-- codes and patient sessions, apart from staff sessions so a patient's token can never be
-- looked up as a staff session. Only hashes are stored: the challenge's and the session
-- token's SHA-256, and the code's HMAC under the server's secret.
CREATE TABLE ops_patient_codes (
  challenge_hash text PRIMARY KEY,
  patient_id text NOT NULL REFERENCES ops_patients (id),
  code_hmac text NOT NULL,
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  attempts integer NOT NULL DEFAULT 0,
  -- Set when the code is used, or when a newer code for the patient replaces it.
  closed_at timestamptz
);
CREATE INDEX ops_patient_codes_patient ON ops_patient_codes (patient_id) WHERE closed_at IS NULL;

CREATE TABLE ops_patient_sessions (
  token_hash text PRIMARY KEY,
  patient_id text NOT NULL REFERENCES ops_patients (id),
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  revoked_at timestamptz
);
