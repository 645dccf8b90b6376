-- Import batches (history and undo) and saved column mappings.

-- One row per committed import. The audit rows the batch wrote are those with
-- id in (audit_after, audit_last]: their 'create' rows name the customers it
-- inserted, their 'update' rows the fields it changed (with the old values),
-- so undo needs no per-row bookkeeping of its own.
CREATE TABLE import_batch (
    id          INTEGER PRIMARY KEY,
    file_name   TEXT NOT NULL,
    -- SHA-256 of the file's bytes, lower-case hex
    file_hash   TEXT NOT NULL,
    sheet       TEXT NOT NULL DEFAULT '',
    policy      TEXT NOT NULL CHECK (policy IN ('skip', 'update', 'stop')),
    operator    TEXT NOT NULL,
    at          TEXT NOT NULL,
    rows        INTEGER NOT NULL,
    inserted    INTEGER NOT NULL,
    updated     INTEGER NOT NULL,
    skipped     INTEGER NOT NULL,
    rejected    INTEGER NOT NULL,
    audit_after INTEGER NOT NULL,
    audit_last  INTEGER NOT NULL,
    undone_at   TEXT,
    undone_by   TEXT
);

-- A named column mapping: JSON object of file header -> field key,
-- dimension code, or '' for an ignored column.
CREATE TABLE import_mapping (
    name       TEXT PRIMARY KEY,
    columns    TEXT NOT NULL,
    updated_at TEXT NOT NULL
) WITHOUT ROWID;
