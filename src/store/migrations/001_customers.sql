-- Customers, classification, templates, audit trail and settings.
-- Money is integer fen; times are ISO 8601 text in local time with offset.

CREATE TABLE customer (
    id                 INTEGER PRIMARY KEY,
    code               TEXT NOT NULL UNIQUE,
    name               TEXT NOT NULL CHECK (name <> ''),
    -- normalised name (no legal suffix, no brackets) for duplicate warnings
    name_key           TEXT NOT NULL,
    short_name         TEXT NOT NULL DEFAULT '',
    mnemonic           TEXT NOT NULL DEFAULT '',
    kind               TEXT NOT NULL DEFAULT 'company'
                       CHECK (kind IN ('company', 'individual', 'government', 'other')),
    tax_id             TEXT NOT NULL DEFAULT '',
    contact            TEXT NOT NULL DEFAULT '',
    phone              TEXT NOT NULL DEFAULT '',
    mobile             TEXT NOT NULL DEFAULT '',
    email              TEXT NOT NULL DEFAULT '',
    registered_address TEXT NOT NULL DEFAULT '',
    business_address   TEXT NOT NULL DEFAULT '',
    bank_name          TEXT NOT NULL DEFAULT '',
    bank_account       TEXT NOT NULL DEFAULT '',
    invoice_type       TEXT CHECK (invoice_type IN ('special', 'general', 'electronic')),
    tax_rate           INTEGER CHECK (tax_rate IN (13, 9, 6, 5, 3, 1, 0)),
    settlement         TEXT CHECK (settlement IN ('cash', 'bank_transfer', 'credit', 'bill_of_exchange', 'other')),
    payment_days       INTEGER NOT NULL DEFAULT 0 CHECK (payment_days BETWEEN 0 AND 365),
    credit_limit       INTEGER NOT NULL DEFAULT 0 CHECK (credit_limit >= 0),
    status             TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'on_hold', 'archived')),
    notes              TEXT NOT NULL DEFAULT '',
    created_at         TEXT NOT NULL,
    updated_at         TEXT NOT NULL
);

-- A tax ID belongs to one live customer; archived ones keep theirs for history.
CREATE UNIQUE INDEX customer_live_tax_id ON customer (tax_id)
    WHERE tax_id <> '' AND status <> 'archived';
CREATE INDEX customer_name_key ON customer (name_key);

CREATE TABLE dimension (
    id       INTEGER PRIMARY KEY,
    code     TEXT NOT NULL UNIQUE,
    name_zh  TEXT NOT NULL,
    name_en  TEXT NOT NULL,
    position INTEGER NOT NULL DEFAULT 0,
    retired  INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE dimension_value (
    id           INTEGER PRIMARY KEY,
    dimension_id INTEGER NOT NULL REFERENCES dimension (id),
    name         TEXT NOT NULL,
    position     INTEGER NOT NULL DEFAULT 0,
    retired      INTEGER NOT NULL DEFAULT 0,
    UNIQUE (dimension_id, name)
);

-- At most one value per dimension per customer.
CREATE TABLE customer_class (
    customer_id  INTEGER NOT NULL REFERENCES customer (id) ON DELETE CASCADE,
    dimension_id INTEGER NOT NULL REFERENCES dimension (id),
    value_id     INTEGER NOT NULL REFERENCES dimension_value (id),
    PRIMARY KEY (customer_id, dimension_id)
) WITHOUT ROWID;
CREATE INDEX customer_class_value ON customer_class (value_id);

CREATE TABLE template (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL UNIQUE,
    -- JSON object: field key -> text, as typed in the form
    fields     TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

-- One row per changed field; a create or delete keeps one row with a JSON
-- snapshot of the whole record. No foreign key: history outlives deletes.
CREATE TABLE audit (
    id            INTEGER PRIMARY KEY,
    customer_id   INTEGER NOT NULL,
    customer_code TEXT NOT NULL,
    action        TEXT NOT NULL CHECK (action IN ('create', 'update', 'status', 'delete')),
    field         TEXT NOT NULL,
    old           TEXT,
    new           TEXT,
    operator      TEXT NOT NULL,
    at            TEXT NOT NULL
);
CREATE INDEX audit_customer ON audit (customer_id, id);

CREATE TABLE setting (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

INSERT INTO dimension (code, name_zh, name_en, position) VALUES
    ('industry', '行业', 'Industry', 1),
    ('scale', '规模', 'Scale', 2),
    ('region', '地区', 'Region', 3),
    ('channel', '渠道', 'Channel', 4),
    ('credit_grade', '信用等级', 'Credit grade', 5);

INSERT INTO dimension_value (dimension_id, name, position)
SELECT d.id, v.name, v.position FROM dimension d JOIN (
              SELECT 'industry' AS dim, '制造业' AS name, 1 AS position
    UNION ALL SELECT 'industry', '批发零售', 2
    UNION ALL SELECT 'industry', '建筑业', 3
    UNION ALL SELECT 'industry', '信息技术', 4
    UNION ALL SELECT 'industry', '交通物流', 5
    UNION ALL SELECT 'industry', '餐饮住宿', 6
    UNION ALL SELECT 'industry', '农林牧渔', 7
    UNION ALL SELECT 'industry', '服务业', 8
    UNION ALL SELECT 'industry', '政府机构', 9
    UNION ALL SELECT 'scale', '大型', 1
    UNION ALL SELECT 'scale', '中型', 2
    UNION ALL SELECT 'scale', '小型', 3
    UNION ALL SELECT 'scale', '微型', 4
    UNION ALL SELECT 'region', '华北', 1
    UNION ALL SELECT 'region', '东北', 2
    UNION ALL SELECT 'region', '华东', 3
    UNION ALL SELECT 'region', '华中', 4
    UNION ALL SELECT 'region', '华南', 5
    UNION ALL SELECT 'region', '西南', 6
    UNION ALL SELECT 'region', '西北', 7
    UNION ALL SELECT 'channel', '直销', 1
    UNION ALL SELECT 'channel', '经销商', 2
    UNION ALL SELECT 'channel', '电商', 3
    UNION ALL SELECT 'channel', '转介绍', 4
    UNION ALL SELECT 'channel', '招投标', 5
    UNION ALL SELECT 'credit_grade', 'AAA', 1
    UNION ALL SELECT 'credit_grade', 'AA', 2
    UNION ALL SELECT 'credit_grade', 'A', 3
    UNION ALL SELECT 'credit_grade', 'B', 4
    UNION ALL SELECT 'credit_grade', 'C', 5
) v ON v.dim = d.code;
