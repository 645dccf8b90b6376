//! The few columns a customer list shows and searches, streamed row by row
//! with borrowed text so a front can build a compact in-memory index of
//! 100,000 customers without one `String` per field.

use rusqlite::Row;

use super::{Result, Store};
use crate::domain::customer::Status;
use crate::domain::money::Money;

/// One customer as a list needs it. The text borrows from SQLite's row buffer:
/// copy what you keep.
#[derive(Clone, Copy, Debug)]
pub struct SummaryRef<'a> {
    pub id: i64,
    pub code: &'a str,
    pub name: &'a str,
    pub short_name: &'a str,
    pub mnemonic: &'a str,
    pub tax_id: &'a str,
    pub contact: &'a str,
    pub phone: &'a str,
    pub mobile: &'a str,
    /// `None`: not controlled.
    pub credit_limit: Option<Money>,
    pub status: Status,
    /// Classification values in dimension order, joined with `/` (制造业/华南).
    pub classification: &'a str,
}

/// Which customers to stream.
#[derive(Clone, Copy, Debug)]
pub enum SummaryScope {
    /// Every customer (archived included) in code order; at most `limit` if given.
    All { limit: Option<u64> },
    /// One customer by id (to refresh a list after an edit).
    One(i64),
}

const SELECT: &str = "SELECT c.id, c.code, c.name, c.short_name, c.mnemonic, c.tax_id, c.contact, c.phone, \
     c.mobile, c.credit_limit, c.status, \
     (SELECT group_concat(v.name, '/' ORDER BY d.position, d.id) FROM customer_class cc \
      JOIN dimension d ON d.id = cc.dimension_id JOIN dimension_value v ON v.id = cc.value_id \
      WHERE cc.customer_id = c.id) \
     FROM customer c";

impl Store {
    /// Calls `each` for every customer in `scope`, in code order.
    pub fn customer_summaries(
        &self,
        scope: SummaryScope,
        mut each: impl FnMut(SummaryRef<'_>),
    ) -> Result<()> {
        let (sql, arg) = match scope {
            SummaryScope::All { limit } => (
                format!("{SELECT} ORDER BY c.code LIMIT ?1"),
                limit.map_or(-1, |l| i64::try_from(l).unwrap_or(i64::MAX)),
            ),
            SummaryScope::One(id) => (format!("{SELECT} WHERE c.id = ?1"), id),
        };
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let mut rows = stmt.query([arg])?;
        while let Some(row) = rows.next()? {
            each(summary_from_row(row)?);
        }
        Ok(())
    }
}

fn summary_from_row<'r>(row: &'r Row<'_>) -> rusqlite::Result<SummaryRef<'r>> {
    let text = |i: usize| -> rusqlite::Result<&'r str> {
        let value = row.get_ref(i)?;
        value
            .as_str_or_null()
            .map(Option::unwrap_or_default)
            .map_err(|e| {
                rusqlite::Error::FromSqlConversionFailure(i, value.data_type(), Box::new(e))
            })
    };
    Ok(SummaryRef {
        id: row.get(0)?,
        code: text(1)?,
        name: text(2)?,
        short_name: text(3)?,
        mnemonic: text(4)?,
        tax_id: text(5)?,
        contact: text(6)?,
        phone: text(7)?,
        mobile: text(8)?,
        credit_limit: row.get::<_, Option<i64>>(9)?.map(Money::from_fen),
        status: Status::parse(text(10)?).unwrap_or(Status::Active),
        classification: text(11)?,
    })
}
