//! The real `kehu` binary in a pseudo-terminal: add a customer with
//! keystrokes, find it by mnemonic, edit its credit limit, issue it an
//! invoice through the quick "new invoice" popup, quit, and check the
//! database file. The screen is read with vt100; every step waits for
//! text to appear (with a timeout) instead of sleeping.

use std::io::{Read, Write};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use kehu::domain::Money;
use kehu::store::Store;
use portable_pty::{CommandBuilder, PtySize, native_pty_system};

const ROWS: u16 = 24;
const COLS: u16 = 80;
const TIMEOUT: Duration = Duration::from_secs(20);

struct Session {
    screen: Arc<Mutex<vt100::Parser>>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn portable_pty::Child + Send + Sync>,
}

impl Session {
    fn start(db: &std::path::Path, home: &std::path::Path) -> Session {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows: ROWS,
                cols: COLS,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_kehu"));
        cmd.args(["--db", db.to_str().unwrap(), "--lang", "en"]);
        cmd.env("TERM", "xterm-256color");
        // A private config folder: the user's own config must not leak in.
        cmd.env("HOME", home);
        cmd.env("XDG_CONFIG_HOME", home.join("config"));
        cmd.env("KEHU_OPERATOR", "e2e");
        cmd.env("NO_COLOR", "1");
        let child = pair.slave.spawn_command(cmd).unwrap();
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().unwrap();
        let writer = pair.master.take_writer().unwrap();
        let screen = Arc::new(Mutex::new(vt100::Parser::new(ROWS, COLS, 0)));
        let feed = Arc::clone(&screen);
        std::thread::spawn(move || {
            let _master = pair.master; // keep the pty open while reading
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                feed.lock().unwrap().process(&buf[..n]);
            }
        });
        Session {
            screen,
            writer,
            child,
        }
    }

    fn contents(&self) -> String {
        self.screen.lock().unwrap().screen().contents()
    }

    /// Waits until the screen shows `text`; fails with the screen if it never does.
    fn wait_for(&self, text: &str) {
        let start = Instant::now();
        loop {
            let screen = self.contents();
            if screen.contains(text) {
                return;
            }
            assert!(
                start.elapsed() < TIMEOUT,
                "waited {TIMEOUT:?} for {text:?}; the screen shows:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    fn send(&mut self, bytes: &[u8]) {
        self.writer.write_all(bytes).unwrap();
        self.writer.flush().unwrap();
    }

    fn wait_for_exit(&mut self) -> portable_pty::ExitStatus {
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status;
            }
            if start.elapsed() > TIMEOUT {
                let _ = self.child.kill();
                panic!("kehu did not exit; the screen shows:\n{}", self.contents());
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

const TAB: &[u8] = b"\t";
const ENTER: &[u8] = b"\r";
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
    assert_eq!(c.data.credit_limit, Money::from_fen(8_000_000));
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
