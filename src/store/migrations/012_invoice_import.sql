-- Invoices from the tax platform (kehu import --kind invoices).
-- 金额 (before tax) and 税额 of an invoice, kept on its ledger entry in fen;
-- NULL on entries that did not come from a tax invoice.
ALTER TABLE ledger_entry ADD COLUMN net_amount INTEGER;
ALTER TABLE ledger_entry ADD COLUMN tax_amount INTEGER;
-- A tax invoice number (20-digit 数电票号码, or 发票代码 + 发票号码) names one
-- invoice nationwide: an import finds what it took before by the number alone.
CREATE INDEX ledger_entry_tax_invoice ON ledger_entry (doc_no) WHERE tax_amount IS NOT NULL;
-- What an import batch holds: 'customers' (the batches before this migration),
-- 'ledger' or 'invoices'. An invoice batch names the entries it wrote by their
-- id range (ids are given in order inside its one transaction) and the last
-- ledger audit row it wrote, so undo can tell what was done after it.
ALTER TABLE import_batch ADD COLUMN kind TEXT NOT NULL DEFAULT 'customers';
ALTER TABLE import_batch ADD COLUMN first_entry_id INTEGER;
ALTER TABLE import_batch ADD COLUMN last_entry_id INTEGER;
ALTER TABLE import_batch ADD COLUMN ledger_audit_last INTEGER;
