//! Shared by the reconciliation tests: the demo customer's ledger (fixed
//! dates, `kehu::demo::statement`) on a real database file, and its
//! statement written as real CSV and xlsx files.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use kehu::domain::field::FieldValues;
use kehu::import::statement::prepare::{self, Prepared, ReadRequest};
use kehu::reconcile::MatchOptions;
use kehu::store::{AddOptions, Store};

#[path = "statement_files.rs"]
pub mod files;

pub struct Books {
    pub dir: tempfile::TempDir,
    pub db: PathBuf,
    pub store: Store,
    pub code: String,
    pub id: i64,
}

/// One customer (the sample statement's) with its ledger.
pub fn books() -> Books {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("kehu.db");
    let mut store = Store::open(&db).unwrap();
    store.set_operator("会计小王");
    let values: FieldValues = [
        ("name", kehu::demo::statement::CUSTOMER_NAME),
        ("credit_limit", "700000"),
        ("payment_days", "30"),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect();
    let code = store
        .add_customer(&values, None)
        .unwrap()
        .customer
        .data
        .code;
    for input in kehu::demo::statement::entries() {
        store
            .add_entry(&code, &input, &AddOptions::default())
            .unwrap_or_else(|e| panic!("{}: {e}", input.doc_no));
    }
    let id = store.customer(&code).unwrap().unwrap().id;
    Books {
        dir,
        db,
        store,
        code,
        id,
    }
}

/// The statement written to `dir` as `name` (.csv or .xlsx), flipped or not.
pub fn statement(dir: &Path, name: &str, flipped: bool) -> PathBuf {
    let rows = files::huaqiang();
    let rows = if flipped { files::flipped(&rows) } else { rows };
    let path = dir.join(name);
    if name.ends_with(".csv") {
        files::write_csv(&path, &rows);
    } else {
        files::write_xlsx(&path, &rows);
    }
    path
}

/// The whole pipeline with defaults: read, period from the file, detected sign.
pub fn prepared(b: &Books, path: &Path) -> Prepared {
    let request = ReadRequest {
        path: path.to_path_buf(),
        ..ReadRequest::default()
    };
    let file = prepare::read_statement(&b.store, &request).unwrap();
    let period = prepare::period(&file, None, None).unwrap();
    prepare::reconcile(&b.store, b.id, file, period, None, &MatchOptions::default()).unwrap()
}

pub fn yuan(s: &str) -> kehu::domain::Money {
    kehu::domain::Money::parse(s).unwrap()
}

pub fn day(s: &str) -> chrono::NaiveDate {
    chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}
