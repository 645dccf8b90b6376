//! How a customer record becomes columns: the insert, the parameters the
//! insert and the update share, and the JSON snapshot of create/delete
//! audit rows.

use rusqlite::{Connection, Statement, params};

use crate::domain::customer::CustomerData;
use crate::domain::field::Field;
use crate::store::Result;

/// The stored columns of a record in insert order (?1–?22), then the time
/// (?23) and any extra parameters.
macro_rules! customer_params {
    ($data:expr, $key:expr, $now:expr $(, $extra:expr)*) => {
        params![
            $data.code,
            $data.name,
            $key,
            $data.short_name,
            $data.mnemonic,
            $data.kind.key(),
            $data.tax_id,
            $data.contact,
            $data.phone,
            $data.mobile,
            $data.email,
            $data.registered_address,
            $data.business_address,
            $data.bank_name,
            $data.bank_account,
            $data.invoice_type.map(|v| v.key()),
            $data.tax_rate.map(|v| v.percent()),
            $data.settlement.map(|v| v.key()),
            $data.payment_days,
            $data.credit_limit.map(|m| m.fen()),
            $data.status.key(),
            $data.notes,
            $now,
            $($extra),*
        ]
    };
}
pub(super) use customer_params;

/// The insert of one customer: the record's columns (?1–?22), the time (?23).
pub(crate) const INSERT_SQL: &str = "INSERT INTO customer (code, name, name_key, short_name, mnemonic, kind,
     tax_id, contact, phone, mobile, email, registered_address, business_address, bank_name,
     bank_account, invoice_type, tax_rate, settlement, payment_days, credit_limit, status, notes,
     created_at, updated_at)
     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20,
     ?21, ?22, ?23, ?23)";

/// A statement of `INSERT_SQL` on `conn`: rusqlite's, or the bulk path's
/// `HeldInsert`, which binds the row's text without copying it.
pub(in crate::store) trait CustomerInsert {
    /// Inserts `data` and gives the new id.
    fn insert_row(
        &mut self,
        conn: &Connection,
        data: &CustomerData,
        key: &str,
        now: &str,
    ) -> Result<i64>;
}

impl CustomerInsert for Statement<'_> {
    fn insert_row(
        &mut self,
        conn: &Connection,
        data: &CustomerData,
        key: &str,
        now: &str,
    ) -> Result<i64> {
        self.execute(customer_params!(data, key, now))?;
        Ok(conn.last_insert_rowid())
    }
}

/// A bulk write holds one statement for all its rows: taking it from the
/// statement cache per row (hashing the SQL, clearing the bindings on
/// return) cost more than a microsecond a row.
impl CustomerInsert for super::held_insert::HeldInsert<'_> {
    fn insert_row(
        &mut self,
        _conn: &Connection,
        data: &CustomerData,
        key: &str,
        now: &str,
    ) -> Result<i64> {
        self.execute(customer_params!(data, key, now))
    }
}

/// The record's non-empty fields as a JSON object (field keys as in the
/// JSON output), for create/delete audit rows. Written by hand rather than
/// through a map: it runs once per imported row and keeps the row short.
pub(super) fn snapshot_json(data: &CustomerData) -> String {
    // Escaped straight into one buffer: no String per key or value.
    let mut out: Vec<u8> = Vec::with_capacity(512);
    out.push(b'{');
    let mut put = |key: &str, value: &str| {
        if value.is_empty() {
            return;
        }
        if out.len() > 1 {
            out.push(b',');
        }
        // Writing a &str into a Vec cannot fail.
        let _ = serde_json::to_writer(&mut out, key);
        out.push(b':');
        let _ = serde_json::to_writer(&mut out, value);
    };
    for field in Field::ALL {
        put(field.key(), &field.text_of(data));
    }
    for (dim, value) in &data.classification {
        put(dim, value);
    }
    out.push(b'}');
    String::from_utf8(out).unwrap_or_default()
}
