-- The classification values an import added to the catalog (a value the
-- dimension did not know, like 五金批发 under 所属行业), so undoing the batch
-- takes them back. Named, not referenced by id: the user may delete or
-- rename the value meanwhile, and undo must then leave alone what it finds.
CREATE TABLE import_batch_value (
    batch_id     INTEGER NOT NULL REFERENCES import_batch (id),
    dimension_id INTEGER NOT NULL,
    name         TEXT NOT NULL,
    PRIMARY KEY (batch_id, dimension_id, name)
) WITHOUT ROWID;
