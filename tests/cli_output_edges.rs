//! What the real binary prints at the edges: a closed pipe (`| head -1`)
//! ends every command quietly with exit 0, and control characters stored in
//! the database never reach the terminal raw.

#[path = "support/recon.rs"]
mod recon;

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Output, Stdio};

fn kehu_cmd(db: &Path, args: &[&str]) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_kehu"));
    cmd.arg("--db")
        .arg(db)
        .args(args)
        .env_remove("KEHU_DB")
        .env("KEHU_OPERATOR", "测试员")
        .env("LANG", "en_US.UTF-8");
    cmd
}

fn kehu(db: &Path, args: &[&str]) -> Output {
    kehu_cmd(db, args).output().unwrap()
}

/// Runs with stdout a pipe whose reading end is already closed, so the
/// first write fails with EPIPE however little the command prints.
fn into_closed_pipe(db: &Path, args: &[&str]) -> Output {
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    kehu_cmd(db, args)
        .stdout(Stdio::from(writer))
        .stderr(Stdio::piped())
        .output()
        .unwrap()
}

fn customers(db: &Path) -> Vec<serde_json::Value> {
    let out = kehu(db, &["customer", "list", "--all", "--format", "json"]);
    serde_json::from_slice::<serde_json::Value>(&out.stdout)
        .unwrap()
        .as_array()
        .unwrap()
        .clone()
}

#[test]
fn a_closed_pipe_ends_every_printing_command_with_exit_0() {
    let recon::Books {
        dir,
        db,
        store,
        code,
        ..
    } = recon::books();
    drop(store);
    let d = dir.path();
    let statement = recon::statement(d, "s.csv", false);
    let import = d.join("new.csv");
    std::fs::write(
        &import,
        "客户名称,信用额度\n管道甲有限公司,1000\n管道乙有限公司,2000\n",
    )
    .unwrap();
    let path = |name: &str| d.join(name).to_str().unwrap().to_string();
    let (statement, import) = (
        statement.to_str().unwrap().to_string(),
        import.to_str().unwrap().to_string(),
    );
    let (tpl, exp, st, aging) = (
        path("t.csv"),
        path("e.csv"),
        path("st.xlsx"),
        path("aging.xlsx"),
    );
    let c = code.as_str();
    let commands: Vec<Vec<&str>> = vec![
        vec!["customer", "list"],
        vec!["customer", "list", "--format", "csv"],
        vec!["customer", "list", "--format", "json"],
        vec!["customer", "show", c],
        vec!["customer", "add", "--name", "管道测试有限公司"],
        vec!["customer", "edit", "C000002", "-f", "payment_days=10"],
        vec!["customer", "hold", "C000002"],
        vec!["customer", "unarchive", "C000002"],
        vec!["customer", "archive", "C000002"],
        vec!["customer", "delete", "C000002"],
        vec!["check-id", "914403001922038216"],
        vec!["template", "save", "T", "-f", "payment_days=30"],
        vec!["template", "list"],
        vec!["template", "delete", "T"],
        vec!["class", "list"],
        vec!["settings", "credit-ceiling"],
        vec!["settings", "credit-ceiling", "200000000"],
        vec!["ledger", "list", c],
        vec![
            "ledger",
            "add",
            c,
            "--type",
            "invoice",
            "--date",
            "2026-01-05",
            "--doc",
            "PIPE-1",
            "--amount",
            "100",
        ],
        vec!["ledger", "allocate", c],
        vec!["ledger", "edit", c, "PIPE-1", "--memo", "x"],
        vec!["ledger", "reverse", c, "PIPE-1", "--reason", "test"],
        vec!["ledger", "history", c],
        vec!["balance"],
        vec!["balance", c],
        vec!["aging"],
        vec!["aging", "--out", &aging],
        vec!["overdue"],
        vec!["statement", c, "--from", "2025-01-01", "--to", "2026-12-31"],
        vec![
            "statement",
            c,
            "--from",
            "2025-01-01",
            "--to",
            "2026-12-31",
            "--out",
            &st,
        ],
        vec!["import", &import],
        vec!["import", "history"],
        vec!["import", "--template", &tpl],
        vec!["export", &exp],
        vec!["reconcile", c, "--statement", &statement],
        vec!["reconcile", c, "--statement", &statement, "--save"],
        vec!["reconcile", "history", c],
        vec!["reconcile", "show", "1"],
        vec!["reconcile", "confirm", "1", "--reason", "checked by phone"],
        vec!["ledger", "confirm", c, "--until", "2026-06-30"],
        vec!["demo"],
        vec!["backup"],
        vec!["backup", "list"],
        vec!["audit"],
        vec!["operator", "roles"],
        vec!["operator", "list"],
        vec!["settings", "supervisor-credit-limit"],
        vec!["settings", "supervisor-override-excess"],
        vec!["completions", "bash"],
    ];
    for args in &commands {
        let out = into_closed_pipe(&db, args);
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            !err.contains("panicked") && !err.contains("Broken pipe"),
            "{args:?}: {err}"
        );
        assert_eq!(out.status.code(), Some(0), "{args:?}: {err}");
    }
    // The import committed before its report met the closed pipe.
    let names: Vec<String> = customers(&db)
        .iter()
        .map(|c| c["name"].as_str().unwrap().to_string())
        .collect();
    assert!(names.contains(&"管道甲有限公司".to_string()), "{names:?}");
    // Undo prints too.
    let out = into_closed_pipe(&db, &["import", "undo", "1"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(!customers(&db).iter().any(|c| c["name"] == "管道甲有限公司"));
}

#[test]
fn head_1_reads_a_line_and_closes_the_pipe() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.db");
    let file = dir.path().join("many.csv");
    // Well over a pipe's 64 KiB, so the list is still writing when `head` leaves.
    let mut text = String::from("客户名称,备注\n");
    for i in 0..3000 {
        text.push_str(&format!(
            "深圳市管道测试{i:05}贸易有限公司,{}\n",
            "备".repeat(20)
        ));
    }
    std::fs::write(&file, text).unwrap();
    let out = kehu(&db, &["import", file.to_str().unwrap()]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    for args in [
        vec!["customer", "list"],
        vec!["balance"],
        vec!["import", "history"],
    ] {
        let mut child = kehu_cmd(&db, &args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut first = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut first)
            .unwrap();
        assert!(
            first.starts_with("code") || first.starts_with("batch"),
            "{first}"
        );
        let out = child.wait_with_output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(!err.contains("panicked"), "{args:?}: {err}");
        assert_eq!(out.status.code(), Some(0), "{args:?}: {err}");
    }
}

const ESC_NAME: &str = "华强\u{1b}]0;pwned\u{7}\u{1b}[2J电子\u{9b}31m";

/// A customer whose name and memo hold terminal escapes, written with SQL
/// directly as an old database or another program might have stored them.
fn poisoned_books() -> (tempfile::TempDir, std::path::PathBuf, String) {
    let recon::Books {
        dir,
        db,
        store,
        code,
        ..
    } = recon::books();
    drop(store);
    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.execute(
        "UPDATE customer SET name = ?1, notes = ?1 WHERE code = ?2",
        (ESC_NAME, &code),
    )
    .unwrap();
    conn.execute(
        "UPDATE ledger_entry SET memo = ?1 WHERE id = (SELECT min(id) FROM ledger_entry)",
        [ESC_NAME],
    )
    .unwrap();
    (dir, db, code)
}

fn assert_no_raw_escapes(args: &[&str], bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    assert!(
        !text.contains('\u{1b}') && !text.contains('\u{7}') && !text.contains('\u{9b}'),
        "{args:?} printed raw control characters: {text:?}"
    );
}

#[test]
fn control_characters_from_the_database_are_shown_not_sent() {
    let (dir, db, code) = poisoned_books();
    let statement = recon::statement(dir.path(), "s.csv", false);
    let c = code.as_str();
    let commands: Vec<Vec<&str>> = vec![
        vec!["customer", "list"],
        vec!["customer", "show", c],
        vec!["customer", "hold", c],
        vec!["customer", "unarchive", c],
        vec!["ledger", "list", c],
        vec!["balance"],
        vec!["overdue", "--as-of", "2030-01-01"],
        vec!["aging"],
        vec!["statement", c, "--from", "2020-01-01", "--to", "2030-12-31"],
        vec!["reconcile", c, "--statement", statement.to_str().unwrap()],
        vec!["customer", "list", "--format", "json"],
    ];
    for args in &commands {
        let out = kehu(&db, args);
        assert_no_raw_escapes(args, &out.stdout);
        assert_no_raw_escapes(args, &out.stderr);
    }
    // The table shows them as symbols a reader can see.
    let out = kehu(&db, &["customer", "list"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("华强␛]0;pwned␇␛[2J电子\\u{9b}31m"), "{text}");
    // JSON keeps the exact text (escaped the JSON way).
    let out = kehu(&db, &["customer", "show", c, "--format", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["name"], ESC_NAME);
}

#[test]
fn an_error_quoting_a_stored_value_shows_its_control_characters() {
    let (_dir, db, _code) = poisoned_books();
    // A template name given on the command line comes back in the refusal.
    let out = kehu(
        &db,
        &[
            "customer",
            "add",
            "--name",
            "乙公司",
            "--template",
            "x\u{1b}[2Jy",
        ],
    );
    assert_ne!(out.status.code(), Some(0));
    assert_no_raw_escapes(&["customer", "add"], &out.stderr);
    assert!(String::from_utf8_lossy(&out.stderr).contains("x␛[2Jy"));
}
