//! The 20-digit 数电票 numbers the invoice import books are printed whole in
//! every PDF that lists documents (statement, reminder letter, entry search,
//! reconciliation statement): a number broken over two lines cannot be found
//! in the customer's books. Read back with `pdftotext -layout`, where a
//! wrapped cell shows as two pieces on two lines.

#[path = "support/cli.rs"]
mod cli;
#[path = "support/ledger.rs"]
mod ledger;
#[path = "support/pdf.rs"]
mod pdf;

use cli::{kehu, ok};
use kehu::store::AddOptions;
use ledger::input;
use pdf::{customers, ready, set_company, text};

const FIRST: &str = "24442000000000000001";
const SECOND: &str = "24442000000000000012";

fn assert_whole(pdf: &std::path::Path, what: &str, numbers: &[&str]) {
    let page = text(pdf);
    for number in numbers {
        assert!(
            page.contains(number),
            "{what}: {number} is broken over lines:\n{page}"
        );
    }
}

#[test]
fn twenty_digit_invoice_numbers_are_never_wrapped_in_a_pdf() {
    if !ready("doc_numbers") {
        return;
    }
    let (dir, db, mut store, codes) = customers(1);
    set_company(&mut store);
    let code = &codes[0];
    // A large amount too: eight figures before the point still fit their column.
    let issued = AddOptions {
        override_reason: Some("年度大单".into()),
        ..AddOptions::default()
    };
    for (date, doc, amount) in [
        ("2025-10-01", FIRST, "11300.00"),
        ("2025-11-03", SECOND, "99999999.99"),
    ] {
        let entry = input("invoice", date, doc, amount);
        store.add_entry(code, &entry, &issued).unwrap();
    }
    drop(store);
    let out = |name: &str| dir.path().join(name);

    let statement = out("st.pdf");
    let to = statement.to_str().unwrap();
    let args = [
        "statement",
        code,
        "--from",
        "2025-01-01",
        "--to",
        "2025-12-31",
    ];
    ok(&db, &[&args[..], &["--out", to]].concat());
    assert_whole(&statement, "statement", &[FIRST, SECOND, "100,011,299.99"]);

    let letter = out("letter.pdf");
    let to = letter.to_str().unwrap();
    ok(&db, &["remind", code, "--as-of", "2026-03-31", "--out", to]);
    assert_whole(&letter, "reminder", &[FIRST, SECOND]);

    let search = out("search.pdf");
    ok(
        &db,
        &["ledger", "search", "--out", search.to_str().unwrap()],
    );
    assert_whole(&search, "entry search", &[FIRST, SECOND]);

    // Their statement has the first invoice only: the second is listed as ours alone.
    let theirs = out("theirs.csv");
    std::fs::write(
        &theirs,
        format!("日期,单据号,摘要,借方,贷方,余额\n2025-10-01,{FIRST},发票,,11300.00,11300.00\n"),
    )
    .unwrap();
    let recon = out("recon.pdf");
    let run = kehu(
        &db,
        &[
            "reconcile",
            code,
            "--statement",
            theirs.to_str().unwrap(),
            "--from",
            "2025-10-01",
            "--to",
            "2025-12-31",
            "--out",
            recon.to_str().unwrap(),
        ],
    );
    assert_eq!(run.status.code(), Some(3), "a difference remains");
    assert_whole(&recon, "reconciliation statement", &[SECOND]);
}
