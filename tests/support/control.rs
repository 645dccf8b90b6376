//! Shared by the control tests (merge, review): field values and the code
//! of a refusal.
#![allow(dead_code)]

use kehu::domain::field::FieldValues;
use kehu::store::StoreError;

pub fn values(pairs: &[(&str, &str)]) -> FieldValues {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

/// The stable code of a refusal: a coded message's, or the first problem's.
pub fn code_of(err: &StoreError) -> &'static str {
    match err {
        StoreError::Coded(m) => m.code,
        StoreError::Invalid(p) => p.iter().next().map_or("", |p| p.code),
        _ => "",
    }
}
