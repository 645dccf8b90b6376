//! The real `kehu` binary in a pseudo-terminal, read with vt100; every step
//! waits for text to appear (with a timeout) instead of sleeping. The same
//! helpers as tests/tui_e2e.rs, shared for the later end-to-end tests.
#![allow(dead_code)]

use std::io::{Read, Write};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

pub const ROWS: u16 = 24;
pub const COLS: u16 = 80;
const TIMEOUT: Duration = Duration::from_secs(20);

pub const TAB: &[u8] = b"\t";
pub const ENTER: &[u8] = b"\r";

pub struct Session {
    screen: Arc<Mutex<vt100::Parser>>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn portable_pty::Child + Send + Sync>,
}

impl Session {
    /// `kehu --db DB --lang en` with a private home, operator `e2e`, no colour.
    pub fn start(db: &std::path::Path, home: &std::path::Path) -> Session {
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

    pub fn contents(&self) -> String {
        self.screen.lock().unwrap().screen().contents()
    }

    /// Waits until the screen shows `text`; fails with the screen if it never does.
    pub fn wait_for(&self, text: &str) {
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

    pub fn send(&mut self, bytes: &[u8]) {
        self.writer.write_all(bytes).unwrap();
        self.writer.flush().unwrap();
    }

    pub fn wait_for_exit(&mut self) -> portable_pty::ExitStatus {
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
