-- Data may return to an earlier state (A → B → A): that return is a new version of its own, so
-- the history shows it. The content hash therefore identifies content, not a version.
ALTER TABLE registry_versions DROP CONSTRAINT IF EXISTS registry_versions_content_hash_key;
CREATE INDEX registry_versions_content_hash ON registry_versions (content_hash);
