//! The real `kehu` binary in a pseudo-terminal imports the GBK CSV with a
//! title row through the wizard, driven by keystrokes (the path found with
//! Tab completion), then the database file is checked.

#[path = "support/pty.rs"]
mod pty;

use kehu::domain::Money;
use kehu::store::Store;
use pty::{ENTER, Session, TAB};

#[test]
fn the_wizard_imports_a_gbk_csv_by_keystrokes() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("e2e.db");
    let mut s = Session::start(&db, dir.path());

    s.wait_for("No customers yet");
    s.send(b"i");
    s.wait_for("File:");
    // Relative to the crate, where the session starts; Tab completes the name.
    s.send(b"tests/data/import/gbk_t");
    s.send(TAB);
    s.wait_for("gbk_title.csv");
    s.send(ENTER);
    s.wait_for("Header row 3 · 11 columns");
    s.send(ENTER);
    s.wait_for("11 columns · 10 mapped");
    s.send(ENTER);
    s.wait_for("5 rows · ✓ 5 ok");
    s.send(ENTER);
    s.wait_for("(•) Skip it");
    s.send(ENTER);
    s.wait_for("Imported as batch 1");
    s.wait_for("5 rows · 5 inserted · 0 updated · 0 skipped · 0 rejected");
    s.send(ENTER);
    s.wait_for("5 customers");
    s.wait_for("C000005 重庆启明建材有限公司");

    s.send(b"q");
    let status = s.wait_for_exit();
    assert!(status.success(), "{status:?}");

    let store = Store::open(&db).unwrap();
    assert_eq!(store.customer_count().unwrap(), 5);
    let c = store.customer("C000001").unwrap().unwrap();
    assert_eq!(c.data.name, "成都市远航医疗器械有限公司");
    assert_eq!(c.data.tax_id, "915101006791061186");
    assert_eq!(c.data.credit_limit, Some(Money::from_fen(5_000_000)));
    assert_eq!(
        c.data.classification.get("industry").map(String::as_str),
        Some("批发零售")
    );
    let batches = store.batches().unwrap();
    assert_eq!(batches.len(), 1);
    assert_eq!(
        (
            batches[0].file_name.as_str(),
            batches[0].inserted,
            batches[0].operator.as_str()
        ),
        ("gbk_title.csv", 5, "e2e")
    );
    // The file is remembered among the recent imports, in the private data folder.
    let recent = std::fs::read_to_string(dir.path().join("data/kehu/recent_imports.txt")).unwrap();
    assert!(
        recent
            .trim_end()
            .ends_with("tests/data/import/gbk_title.csv"),
        "{recent}"
    );
}
