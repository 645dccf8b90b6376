//! Shared by the control tests (merge, review): field values, the code of
//! a refusal, and a file with a supervisor and a bookkeeper.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use kehu::domain::customer::Status;
use kehu::domain::field::FieldValues;
use kehu::domain::permission::Role;
use kehu::store::{Store, StoreError};

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

pub const BOSS: (&str, &str) = ("老李", "boss-pass");
pub const CLERK: (&str, &str) = ("小王", "clerk-pass");

/// An empty file with a supervisor and a bookkeeper.
pub fn books() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("kehu.db");
    let mut store = Store::open(&db).unwrap();
    store
        .add_operator(BOSS.0, Role::Supervisor, BOSS.1)
        .unwrap();
    store.sign_in(BOSS.0, BOSS.1).unwrap();
    store
        .add_operator(CLERK.0, Role::Bookkeeper, CLERK.1)
        .unwrap();
    (dir, db)
}

pub fn signed_in(db: &Path, (name, password): (&str, &str)) -> Store {
    let mut store = Store::open(db).unwrap();
    store.sign_in(name, password).unwrap();
    store
}

pub fn status(store: &Store, code: &str) -> Status {
    store.customer(code).unwrap().unwrap().data.status
}
