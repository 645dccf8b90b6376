//! Reading PDFs back for the document tests: `pdftotext -layout` and
//! `pdftoppm` (poppler-utils) and a Chinese font must be installed. Without
//! them a test says so and passes, except under CI (CI=true), where it fails.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;

use kehu::domain::field::FieldValues;
use kehu::store::Store;
use kehu::synth::customer_values;

// The including test crate has `mod ledger` (support/ledger.rs) beside this.
use super::ledger::{add, temp_store};

/// True when the tools and a font are there; false (with a message) when not.
pub fn ready(test: &str) -> bool {
    let tool = |name: &str| Command::new(name).arg("-v").output().is_ok();
    let mut missing = Vec::new();
    if !tool("pdftotext") || !tool("pdftoppm") {
        missing.push("pdftotext/pdftoppm (apt-get install poppler-utils)");
    }
    if kehu::documents::font::find(None, kehu::documents::CANDIDATES).is_err() {
        missing.push("a Chinese font (apt-get install fonts-wqy-microhei)");
    }
    if missing.is_empty() {
        return true;
    }
    let what = missing.join(" and ");
    assert!(
        std::env::var("CI").as_deref() != Ok("true"),
        "{test}: CI must have {what} (.ci/run installs them)"
    );
    skipped(test, &what);
    false
}

/// Says a test was skipped where it shows: straight to stderr, which the
/// test harness does not capture (eprintln! of a passing test is hidden).
pub fn skipped(test: &str, needs: &str) {
    use std::io::Write;
    let _ = writeln!(std::io::stderr(), "SKIPPED {test}: needs {needs}");
}

/// The text of `pdf` laid out as on the page.
pub fn text(pdf: &Path) -> String {
    let out = Command::new("pdftotext")
        .args(["-layout", "-enc", "UTF-8"])
        .arg(pdf)
        .arg("-")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "pdftotext {}: {}",
        pdf.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// The text of each page (pdftotext ends a page with a form feed).
pub fn pages(pdf: &Path) -> Vec<String> {
    let mut pages: Vec<String> = text(pdf).split('\u{c}').map(str::to_string).collect();
    if pages.last().is_some_and(|p| p.trim().is_empty()) {
        pages.pop();
    }
    pages
}

/// Spaces removed, so a check does not depend on how pdftotext spaced a line.
pub fn squeezed(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Asserts every needle is in `text`, in this order.
pub fn in_order(text: &str, needles: &[&str]) {
    let text = squeezed(text);
    let mut from = 0;
    for needle in needles {
        let needle = squeezed(needle);
        match text[from..].find(&needle) {
            Some(at) => from += at + needle.len(),
            None => panic!("“{needle}” missing or out of order after byte {from} in:\n{text}"),
        }
    }
}

/// The first page rendered to PNG under target/, for anyone to look at.
pub fn look(pdf: &Path, name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("pdf-look");
    std::fs::create_dir_all(&dir).unwrap();
    let stem = dir.join(name);
    let status = Command::new("pdftoppm")
        .args(["-png", "-r", "72", "-f", "1", "-l", "1", "-singlefile"])
        .arg(pdf)
        .arg(&stem)
        .status()
        .unwrap();
    assert!(status.success());
    let png = stem.with_extension("png");
    let bytes = std::fs::read(&png).unwrap();
    assert!(bytes.starts_with(b"\x89PNG"), "{}", png.display());
    png
}

pub const COMPANY: &str = "杭州西湖贸易有限公司";
pub const BANK_ACCOUNT: &str = "1202021209900012345";

/// Our company with every field (no seal).
pub fn set_company(store: &mut Store) {
    let values: FieldValues = [
        ("name", COMPANY),
        ("tax_id", "91330106MA27XX8F0G"),
        ("address", "杭州市西湖区文三路100号"),
        ("phone", "0571-88886666"),
        ("bank_name", "中国工商银行杭州文三路支行"),
        ("bank_account", BANK_ACCOUNT),
        ("contact", "王会计"),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect();
    store.set_company(&values).unwrap();
}

/// `n` synthetic customers on a real database file; their codes.
pub fn customers(n: u64) -> (tempfile::TempDir, std::path::PathBuf, Store, Vec<String>) {
    let (dir, mut store) = temp_store();
    let mut bulk = store.bulk_insert().unwrap();
    let codes = (0..n)
        .map(|i| {
            bulk.insert(&customer_values(i))
                .unwrap()
                .unwrap()
                .0
                .data
                .code
        })
        .collect();
    bulk.commit().unwrap();
    let db = dir.path().join("kehu.db");
    (dir, db, store, codes)
}

/// Three customers: two with overdue invoices as of 2026-03-31, one paid up.
pub fn overdue_books() -> (tempfile::TempDir, std::path::PathBuf, Vec<String>) {
    let (dir, db, mut store, codes) = customers(3);
    set_company(&mut store);
    let s = &mut store;
    add(s, &codes[0], "invoice", "2025-10-01", "FP1001", "12345.67");
    add(s, &codes[0], "invoice", "2026-01-05", "FP1002", "400000.00");
    add(s, &codes[1], "invoice", "2025-12-01", "FP2001", "888.00");
    add(s, &codes[2], "invoice", "2025-12-01", "FP3001", "500.00");
    add(s, &codes[2], "receipt", "2025-12-20", "SK3001", "500.00");
    (dir, db, codes)
}
