-- Entries across customers by type and period (账目查询): a range of one
-- type's dates, read in date order, so a page stops after its rows.
CREATE INDEX ledger_entry_kind_date ON ledger_entry (kind, entry_date, customer_id, amount);
-- Per customer and type (statistics, activity): a customer's invoices of a
-- period are one range, summed from the index alone, and the last invoice
-- date is the range's end — no grouping sort over the whole ledger.
CREATE INDEX ledger_entry_customer_kind ON ledger_entry (customer_id, kind, entry_date, amount);
