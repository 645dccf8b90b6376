//! Messages by code through the real binary: `--lang zh` gives Chinese for
//! errors and status lines alike, a full disk says so and names the file, a
//! huge search is a search.

use std::path::Path;
use std::process::{Command, Output};

fn kehu(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_kehu"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env_remove("KEHU_DB")
        .env("LANG", "C")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("KEHU_OPERATOR", "测试员")
        .output()
        .unwrap()
}

fn has_chinese(text: &str) -> bool {
    text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

fn books(dir: &Path) -> std::path::PathBuf {
    let db = dir.join("k.db");
    let ok = |args: &[&str]| {
        let out = kehu(&db, args);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    ok(&[
        "customer",
        "add",
        "--name",
        "深圳市华强电子有限公司",
        "-f",
        "credit_limit=50000",
    ]);
    ok(&[
        "ledger",
        "add",
        "C000001",
        "--type",
        "invoice",
        "--date",
        "2025-01-10",
        "--doc",
        "A1",
        "--amount",
        "100",
    ]);
    db
}

#[test]
fn lang_zh_gives_chinese_errors_where_they_stayed_english() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let db = books(d);
    let missing = d.join("nowhere.csv");
    let missing = missing.to_str().unwrap();
    let pdf = d.join("x.docx");
    let pdf = pdf.to_str().unwrap();
    let csv = d.join("in.csv");
    std::fs::write(&csv, "客户名称\n甲公司\n").unwrap();
    let csv = csv.to_str().unwrap().to_string();
    // (arguments, the English text that used to show under --lang zh)
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (vec!["customer", "show", "C999999"], "no customer with code"),
        (vec!["customer", "delete", "C000001"], "has ledger entries"),
        (
            vec!["customer", "list", "--status", "gone"],
            "unknown status",
        ),
        (
            vec!["customer", "edit", "C000001", "-f", "nokey"],
            "should be key=value",
        ),
        (
            vec!["customer", "add", "--name", "乙", "--template", "无"],
            "no template named",
        ),
        (vec!["import", missing], "cannot read"),
        (vec!["import"], "give the FILE"),
        (
            vec!["ledger", "list", "C000001", "--as-of", "someday"],
            "error: as_of",
        ),
        (
            vec![
                "statement",
                "C000001",
                "--from",
                "2025-01-01",
                "--to",
                "2025-12-31",
                "--out",
                pdf,
            ],
            "the file name must end in",
        ),
        (vec!["reconcile", "C000001"], "give the customer"),
        (
            vec!["settings", "credit-ceiling", "0"],
            "must be more than 0",
        ),
        (vec!["import", "undo", "99"], "there is no import batch"),
        (
            vec!["class", "add-value", "nodim", "x"],
            "no classification dimension",
        ),
        (vec!["import", &csv, "--mapping", "无"], "no saved mapping"),
    ];
    for (args, english) in &cases {
        let mut zh = vec!["--lang", "zh"];
        zh.extend(args);
        let out = kehu(&db, &zh);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_ne!(out.status.code(), Some(0), "{args:?}");
        assert!(
            has_chinese(&err) && !err.contains(english),
            "{args:?}: {err}"
        );
        // The same command in English still says it the English way.
        let out = kehu(&db, args);
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(english), "{args:?} in English: {err}");
    }
}

#[test]
fn lang_zh_gives_chinese_status_lines() {
    let dir = tempfile::tempdir().unwrap();
    let db = books(dir.path());
    for (args, zh) in [
        (
            vec!["template", "save", "批发", "-f", "payment_days=30"],
            "已保存模板 批发",
        ),
        (vec!["customer", "hold", "C000001"], "停用"),
        (
            vec!["ledger", "confirm", "C000001", "--until", "2025-01-31"],
            "已确认至 2025-01-31",
        ),
        (vec!["ledger", "allocate", "C000001"], "没有可核销的款项"),
    ] {
        let mut args_zh = vec!["--lang", "zh"];
        args_zh.extend(&args);
        let out = kehu(&db, &args_zh);
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(text.contains(zh), "{args:?}: {text}");
    }
}

#[test]
fn a_huge_search_finds_nothing_instead_of_failing() {
    let dir = tempfile::tempdir().unwrap();
    let db = books(dir.path());
    // ASCII: an argument may hold 128 KiB; the LIKE limit was 50,000 bytes.
    let query = "a".repeat(100_000);
    let out = kehu(&db, &["customer", "list", "--search", &query]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(!err.contains("too complex"));
    assert_eq!(String::from_utf8_lossy(&out.stdout).lines().count(), 1);
    // Short searches still find, ASCII case folded as before.
    let out = kehu(&db, &["customer", "list", "--search", "HQDZ"]);
    assert!(String::from_utf8_lossy(&out.stdout).contains("C000001"));
    let out = kehu(&db, &["customer", "list", "--search", "100%"]);
    assert_eq!(String::from_utf8_lossy(&out.stdout).lines().count(), 1);
}

/// A tmpfs of a few hundred KiB, unmounted when dropped.
struct SmallDisk(std::path::PathBuf);

impl SmallDisk {
    fn mount(dir: &Path) -> Option<SmallDisk> {
        let ok = Command::new("mount")
            .args(["-t", "tmpfs", "-o", "size=400k", "tmpfs"])
            .arg(dir)
            .output()
            .is_ok_and(|o| o.status.success());
        ok.then(|| SmallDisk(dir.to_path_buf()))
    }
}

impl Drop for SmallDisk {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.0).status();
    }
}

#[test]
fn a_full_disk_says_disk_full_and_names_the_database() {
    let dir = tempfile::tempdir().unwrap();
    let small = dir.path().join("small");
    std::fs::create_dir(&small).unwrap();
    let Some(_disk) = SmallDisk::mount(&small) else {
        eprintln!("skipped: mounting a tmpfs needs root");
        return;
    };
    let file = dir.path().join("big.csv");
    let mut text = String::from("客户名称,备注\n");
    for i in 0..4000 {
        text.push_str(&format!("满盘测试{i:05}有限公司,{}\n", "备注".repeat(40)));
    }
    std::fs::write(&file, text).unwrap();
    let db = small.join("k.db");
    for (lang, words) in [("en", "disk full"), ("zh", "磁盘已满")] {
        let out = kehu(&db, &["--lang", lang, "import", file.to_str().unwrap()]);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{err}");
        assert!(err.contains(words), "{err}");
        assert!(err.contains(db.to_str().unwrap()), "{err}");
        assert!(!err.contains("disk I/O error"), "{err}");
    }
}

#[test]
fn database_messages_follow_the_language_too() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("no/such/folder/k.db");
    let out = kehu(&missing, &["--lang", "zh", "customer", "list"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("所在的文件夹不存在") && err.contains("[db.no_folder]"),
        "{err}"
    );
    assert!(!missing.parent().unwrap().exists(), "no folder is made");

    let fresh = dir.path().join("new.db");
    let out = kehu(&fresh, &["--lang", "zh", "customer", "list"]);
    assert_eq!(out.status.code(), Some(0));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("已新建数据库"), "{err}");
    let out = kehu(&fresh, &["customer", "list"]);
    assert!(String::from_utf8_lossy(&out.stderr).is_empty(), "said once");
}

#[test]
fn operator_backup_and_audit_lines_follow_the_language() {
    let dir = tempfile::tempdir().unwrap();
    let db = books(dir.path());
    let zh = |args: &[&str]| {
        let mut all = vec!["--lang", "zh"];
        all.extend_from_slice(args);
        kehu(&db, &all)
    };
    let out = zh(&["operator", "add", "老王", "--role", "boss"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("应为 bookkeeper"));
    let out = zh(&["audit", "--action", "dance"]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("审计记录中没有这种操作"));
    let out = zh(&["backup"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stdout).contains("备份已写入并通过检查"));
}
