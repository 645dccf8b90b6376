//! The real `kehu` binary in a pseudo-terminal: open a reconciliation on the
//! sample statement file, match one pair by hand (marking a line on each
//! side, a note for their 50.00 difference), confirm, quit, and check the
//! saved session and the ledger's lock in the database file.

#[path = "support/pty.rs"]
mod pty;
#[path = "support/recon.rs"]
mod recon;

use kehu::reconcile::Rule;
use kehu::store::{SessionStatus, Store};
use pty::{ENTER, Session, TAB};
use recon::{books, day, statement};

#[test]
fn open_match_by_hand_confirm_and_check_the_file() {
    let b = books();
    let path = statement(b.dir.path(), "statement.xlsx", false);
    let db = b.db.clone();
    let mut s = Session::start(&db, b.dir.path());

    s.wait_for("深圳华强电子股份有限公司");
    s.send(b"r");
    s.wait_for("Reconcile with the customer's statement");
    s.send(path.to_str().unwrap().as_bytes());
    s.wait_for("statement.xlsx");
    s.send(ENTER);
    s.wait_for("Their debit and credit");
    s.wait_for("detected");
    s.send(ENTER);
    s.wait_for("Reconciliation · C000001");
    s.wait_for("Matched 8 · Unmatched 4");

    // The cursor opens on 44031102, whose amounts differ: mark our line,
    // then theirs, and match them.
    s.send(b" ");
    s.wait_for("selected 1");
    s.send(TAB);
    s.send(b" ");
    s.wait_for("selected 2 (ours 12,850.00 / theirs 12,800.00)");
    s.send(b"m");
    s.wait_for("The selected amounts differ");
    s.send("运费 50 元对方不认".as_bytes());
    s.wait_for("运费 50 元对方不认");
    s.send(ENTER);
    s.wait_for("Matched 9 · Unmatched 2");

    // Only what differs: their payment still in the post, our invoice too;
    // a note on each explains them, so the reconciliation closes.
    s.send(b"f");
    s.send(b"n");
    s.send("对方 12-30 付款，1 月到账".as_bytes());
    s.send(ENTER);
    s.wait_for("Unexplained -9,600.00");
    s.send(b"\x1b[A"); // up: our invoice's row, and our side
    s.send(TAB);
    s.send(b"n");
    s.wait_for("Note on this difference");
    s.send("发票在途".as_bytes());
    s.send(ENTER);
    s.wait_for("Closes yes");

    s.send(b"c");
    s.wait_for("Confirm this reconciliation?");
    s.send(b"y");
    s.wait_for("Reconciliation confirmed #1");
    s.wait_for("confirmed #1");
    s.send(b"q");
    s.wait_for("Credit limit");
    s.send(b"q");
    let status = s.wait_for_exit();
    assert!(status.success(), "{status:?}");

    let store = Store::open(&db).unwrap();
    let history = store.reconciliations(b.id).unwrap();
    assert_eq!(history.len(), 1);
    let session = store.reconciliation(history[0].id).unwrap();
    let info = &session.info;
    assert_eq!(info.status, SessionStatus::Confirmed);
    assert_eq!(info.confirmed_by.as_deref(), Some("e2e"));
    assert_eq!(info.file_name, "statement.xlsx");
    assert_eq!((info.from, info.to), (day("2025-10-01"), day("2025-12-31")));
    let manual: Vec<_> = session
        .reconciliation
        .matched()
        .iter()
        .filter(|m| m.rule == Rule::Manual)
        .collect();
    assert_eq!(manual.len(), 1);
    assert_eq!(manual[0].ours[0].doc, "44031102");
    assert_eq!(manual[0].theirs[0].doc, "44031102");
    assert_eq!(manual[0].note.as_deref(), Some("运费 50 元对方不认"));
    assert_eq!(session.reconciliation.matched().len(), 9);
    assert!(session.reconciliation.amount_mismatch().is_empty());
    assert_eq!(
        session.reconciliation.only_theirs()[0].id,
        17,
        "their row 17 is still open"
    );
    // The ledger is locked up to the period's end.
    assert_eq!(
        store.confirmed_until(b.id).unwrap(),
        Some(day("2025-12-31"))
    );
    // The rows in the file say the same as the value read back.
    let manual_rows: i64 = store
        .connection()
        .query_row(
            "SELECT COUNT(*) FROM reconcile_line l JOIN reconcile_match m ON m.id = l.match_id
             WHERE l.session_id = ?1 AND m.rule = 'manual' AND m.note = '运费 50 元对方不认'",
            [info.id],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(manual_rows, 2);
}
