-- Entries across customers by type and period (账目查询, statistics): a range
-- of one type's dates in date order, covering the customer and the amount so
-- the period sums of `kehu stats` read this index alone.
CREATE INDEX ledger_entry_kind_date ON ledger_entry (kind, entry_date, customer_id, amount);
