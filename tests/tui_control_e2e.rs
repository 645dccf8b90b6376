//! The real `kehu` binary in a pseudo-terminal on a file with operators:
//! sign in as the bookkeeper, be refused a delete, sign out, sign in as the
//! supervisor and delete; then the file is checked.

#[path = "support/pty.rs"]
mod pty;

use kehu::domain::permission::Role;
use kehu::store::Store;
use pty::{ENTER, Session, TAB};

const DELETE: &[u8] = b"\x1b[3~";

#[test]
fn a_bookkeeper_is_refused_a_delete_and_a_supervisor_signed_in_after_makes_it() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("control.db");
    {
        let mut store = Store::open(&db).unwrap();
        store
            .add_operator("boss", Role::Supervisor, "boss-pass")
            .unwrap();
        store.sign_in("boss", "boss-pass").unwrap();
        store
            .add_operator("clerk", Role::Bookkeeper, "clerk-pass")
            .unwrap();
        let fields = [("name".to_string(), "深圳市华强电子有限公司".to_string())];
        store
            .add_customer(&fields.into_iter().collect(), None)
            .unwrap();
    }
    let mut s = Session::start(&db, dir.path());
    s.wait_for("Operators are defined: sign in");
    s.send(b"clerk");
    s.send(TAB);
    s.send(b"clerk-pass");
    s.send(ENTER);
    s.wait_for("operator clerk (bookkeeper)");
    s.wait_for("C000001");
    s.send(DELETE);
    s.send(b"y");
    s.wait_for("clerk may not delete");

    s.send(b"S");
    s.wait_for("Operators are defined: sign in");
    s.send(b"boss");
    s.send(TAB);
    s.send(b"boss-pass");
    s.send(ENTER);
    s.wait_for("operator boss (supervisor)");
    s.send(DELETE);
    s.send(b"y");
    s.wait_for("Deleted: C000001");
    s.send(b"q");
    assert!(s.wait_for_exit().success());

    let store = Store::open(&db).unwrap();
    assert!(store.customer("C000001").unwrap().is_none());
}
