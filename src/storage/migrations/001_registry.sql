-- Registry versions: every load of the data files that changed anything is a new version;
-- file contents are stored once by hash, so the history of every file is kept cheaply.
CREATE TABLE registry_versions (
  id           integer PRIMARY KEY,
  content_hash text        NOT NULL UNIQUE,
  loaded_at    timestamptz NOT NULL DEFAULT now(),
  file_count   integer     NOT NULL,
  note         text
);

CREATE TABLE file_blobs (
  sha256 text PRIMARY KEY,
  body   text NOT NULL
);

CREATE TABLE registry_files (
  version_id integer NOT NULL REFERENCES registry_versions (id),
  path       text    NOT NULL,
  sha256     text    NOT NULL REFERENCES file_blobs (sha256),
  PRIMARY KEY (version_id, path)
);

-- A queryable projection of every list item of a version (for SQL analysis and audits).
CREATE TABLE list_items (
  version_id  integer NOT NULL REFERENCES registry_versions (id),
  region      text    NOT NULL,
  act         text    NOT NULL,
  annex       text    NOT NULL,
  edition     text    NOT NULL,
  section     text    NOT NULL,
  section_kind text   NOT NULL,
  item        text    NOT NULL,
  status      text    NOT NULL,
  diagnosis_kk text,
  icd10       text[]  NOT NULL,
  inns        text[]  NOT NULL,
  atcs        text[]  NOT NULL,
  PRIMARY KEY (version_id, region, act, annex, edition, section, item)
);
CREATE INDEX list_items_icd10 ON list_items USING gin (icd10);
CREATE INDEX list_items_inns ON list_items USING gin (inns);
