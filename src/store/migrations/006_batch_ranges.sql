-- An import batch names the customers it inserted by their id range: their
-- creation is audited once, on the batch, instead of with an audit row per
-- customer (a million-row import wrote 110 MB of them, 0.5 s). A customer's
-- history (Store::audit_history) shows the batch that created it; undo
-- removes the range. Batches from before this migration keep their per-row
-- create rows and NULL here; both are understood.
ALTER TABLE import_batch ADD COLUMN first_customer_id INTEGER;
ALTER TABLE import_batch ADD COLUMN last_customer_id INTEGER;
