//! The real `kehu` binary in a pseudo-terminal: add a customer with
//! keystrokes, find it by mnemonic, edit its credit limit, issue it an
//! invoice through the quick "new invoice" popup, quit, and check the
//! database file. The screen is read with vt100; every step waits for
//! text to appear (with a timeout) instead of sleeping.

#[path = "support/pty.rs"]
mod pty;

use kehu::domain::Money;
use kehu::store::Store;
use pty::{ENTER, Session, TAB};

const CTRL_S: &[u8] = b"\x13";
const CTRL_U: &[u8] = b"\x15";

#[test]
fn add_search_edit_quit_and_check_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("e2e.db");
    let mut s = Session::start(&db, dir.path());

    s.wait_for("No customers yet");
    s.send(b"a");
    s.wait_for("New customer");
    s.send("深圳市华强电子有限公司".as_bytes());
    s.wait_for("SZSHQDZYXGS"); // the mnemonic fills itself in
    s.send(CTRL_S);
    s.wait_for("Saved: C000001");

    s.send(b"/hqdz");
    s.wait_for("/hqdz");
    s.wait_for("1 shown");
    s.send(ENTER); // keep the results
    s.send(ENTER); // edit the selected customer
    s.wait_for("Edit C000001");
    for _ in 0..17 {
        s.send(TAB);
    }
    s.wait_for("> Credit limit");
    s.send(CTRL_U);
    s.send(b"80000");
    s.wait_for("80000");
    s.send(CTRL_S);
    s.wait_for("Saved: C000001");
    s.wait_for("80,000.00");

    // A quick invoice: the customer found by mnemonic, the form saved.
    s.send(b"n");
    s.wait_for("New invoice: customer");
    s.send(b"hqdz");
    s.wait_for("1 shown");
    s.send(ENTER);
    s.wait_for("New entry · C000001");
    s.send(b"FP-E2E");
    s.send(TAB);
    s.send(b"1200");
    s.wait_for("1200");
    s.send(CTRL_S);
    s.wait_for("Recorded: Invoice FP-E2E 1,200.00");

    s.send(b"q");
    let status = s.wait_for_exit();
    assert!(status.success(), "{status:?}");

    let store = Store::open(&db).unwrap();
    let c = store.customer("C000001").unwrap().unwrap();
    assert_eq!(c.data.name, "深圳市华强电子有限公司");
    assert_eq!(c.data.mnemonic, "SZSHQDZYXGS");
    assert_eq!(c.data.credit_limit, Some(Money::from_fen(8_000_000)));
    let history = store.audit_history(c.id).unwrap();
    assert!(
        history.iter().any(|h| h.field == "credit_limit"
            && h.new.as_deref() == Some("80000.00")
            && h.operator == "e2e"),
        "{history:?}"
    );
    let ledger = store.ledger(c.id).unwrap();
    assert_eq!(ledger.len(), 1);
    assert_eq!(ledger[0].entry.data.doc_no, "FP-E2E");
    assert_eq!(ledger[0].entry.data.amount, Money::from_fen(120_000));
}
