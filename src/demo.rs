//! Sample customers so a new user can try everything at once
//! (`kehu demo`, or `m` on the empty customer list).

pub mod ledger;
pub mod statement;

use crate::domain::field::FieldValues;
use crate::store::{Result, Store, StoreError};

/// About 200 realistic customers with valid tax IDs, several classifications
/// and a few near-duplicate names. Header = field keys.
pub const DEMO_CSV: &str = include_str!("../assets/demo/customers.csv");

/// Adds the sample customers in one transaction; rows already present (same
/// tax ID or name) are skipped, so running it twice adds nothing.
/// Returns (added, skipped).
pub fn load(store: &mut Store) -> Result<(usize, usize)> {
    let rows = rows(DEMO_CSV)?;
    let mut bulk = store.bulk_insert()?;
    let mut skipped = 0;
    for values in &rows {
        let checked = bulk.check(values)?;
        let duplicate = checked
            .problems
            .iter()
            .any(|p| p.code == "tax_id.duplicate" || p.code == "name.similar");
        if duplicate {
            skipped += 1;
            continue;
        }
        if let Err(checked) = bulk.insert(values)? {
            return Err(StoreError::Invalid(checked.problems));
        }
    }
    let added = bulk.inserted();
    bulk.commit()?;
    Ok((added, skipped))
}

/// A CSV with field keys as headers, as field values per row.
fn rows(text: &str) -> Result<Vec<FieldValues>> {
    let bad = |e: csv::Error| StoreError::Refused(format!("demo data: {e}"));
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let headers = reader.headers().map_err(bad)?.clone();
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(bad)?;
        rows.push(
            headers
                .iter()
                .zip(record.iter())
                .filter(|(_, v)| !v.is_empty())
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
        );
    }
    Ok(rows)
}
