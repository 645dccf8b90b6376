//! `kehu import …` and `kehu export` through the real binary: JSON summary,
//! exit codes, dry runs, rejects, mappings, undo, history, templates, and a
//! process killed in the middle of its commit.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

fn data(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/import")
        .join(name)
}

fn kehu(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_kehu"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env("LANG", "C")
        .env("KEHU_OPERATOR", "测试员")
        .env_remove("KEHU_TEST_PAUSE_IN_COMMIT")
        .output()
        .unwrap()
}

fn json(out: &Output) -> Value {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "not JSON ({e}): {}\n{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    })
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn customer_count(db: &Path) -> usize {
    let out = kehu(db, &["customer", "list", "--all", "--format", "json"]);
    json(&out).as_array().unwrap().len()
}

#[test]
fn json_summary_and_exit_codes() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("kehu.db");
    let gbk = data("gbk_title.csv");
    let out = kehu(&db, &["import", gbk.to_str().unwrap(), "--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let v = json(&out);
    for key in [
        "rows", "inserted", "updated", "skipped", "rejected", "problems",
    ] {
        assert!(v.get(key).is_some(), "missing {key}: {v}");
    }
    assert_eq!(
        (v["rows"].as_u64(), v["inserted"].as_u64()),
        (Some(5), Some(5))
    );
    assert_eq!(v["batch"], 1);

    let errors = data("field_errors.csv");
    let out = kehu(
        &db,
        &["import", errors.to_str().unwrap(), "--format", "json"],
    );
    assert_eq!(out.status.code(), Some(1), "rows were rejected");
    let v = json(&out);
    // 养猪 under 行业 is a new value: added, with one warning, not a rejected row.
    assert_eq!(v["rejected"], 22);
    assert_eq!(v["new_values"][0]["value"], "养猪");
    assert_eq!(v["new_values"][0]["action"], "added");
    let p = &v["problems"][0];
    assert_eq!(p["row"], 3);
    assert_eq!(p["column"], "客户名称");
    assert_eq!(p["field"], "name");
    assert_eq!(p["severity"], "error");
    assert!(p["message"].as_str().unwrap().contains("required"));

    for bad in ["empty.csv", "photo.csv", "archive.xlsx"] {
        let path = data(bad);
        let out = kehu(&db, &["import", path.to_str().unwrap(), "--format", "json"]);
        assert_eq!(out.status.code(), Some(2), "{bad}: {}", stderr(&out));
        let err = stderr(&out);
        assert!(
            err.starts_with("kehu: ") && !err.contains("panicked"),
            "{bad}: {err}"
        );
    }
    let out = kehu(&db, &["import"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("give the FILE to import"));
}

#[test]
fn dry_run_writes_nothing_not_even_the_rejects() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("kehu.db");
    let rejects = dir.path().join("退回.xlsx");
    let errors = data("field_errors.csv");
    let out = kehu(
        &db,
        &[
            "--lang",
            "zh",
            "import",
            errors.to_str().unwrap(),
            "--dry-run",
            "--rejects",
            rejects.to_str().unwrap(),
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stdout);
    // The summary follows --lang too (it stayed English before).
    assert!(text.contains("试运行：未写入任何内容"), "{text}");
    assert!(
        text.contains("客户名称必填"),
        "messages in --lang zh: {text}"
    );
    assert_eq!(customer_count(&db), 0);
    assert!(!rejects.exists(), "a dry run writes no file");
    assert!(stderr(&out).contains("试运行"), "{}", stderr(&out));
    assert!(
        !dir.path().join("backups").exists(),
        "a dry run takes no backup"
    );
}

#[test]
fn header_row_sheet_map_and_saved_mappings() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("kehu.db");
    let file = dir.path().join("odd.csv");
    std::fs::write(
        &file,
        "导出\n甲,乙,丙\n深圳市华强电子有限公司,914403001922038216,张三\n",
    )
    .unwrap();
    let f = file.to_str().unwrap();
    let out = kehu(&db, &["import", f, "--header-row", "2", "--dry-run"]);
    assert_eq!(out.status.code(), Some(2), "no column holds the name");
    assert!(stderr(&out).contains("--map"), "{}", stderr(&out));
    let out = kehu(
        &db,
        &[
            "import",
            f,
            "--header-row",
            "2",
            "--map",
            "甲=name,乙=tax_id,丙=联系人",
            "--save-mapping",
            "odd",
            "--dry-run",
            "--format",
            "json",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(json(&out)["header_row"], 2);
    let out = kehu(
        &db,
        &[
            "import",
            f,
            "--header-row",
            "2",
            "--mapping",
            "odd",
            "--format",
            "json",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(json(&out)["inserted"], 1);
    let show = kehu(&db, &["customer", "show", "C000001", "--format", "json"]);
    assert_eq!(json(&show)["contact"], "张三");

    let out = kehu(&db, &["import", f, "--header-row", "9"]);
    assert_eq!(out.status.code(), Some(2));
    let out = kehu(
        &db,
        &[
            "import",
            data("customers.xls").to_str().unwrap(),
            "--sheet",
            "无此表",
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("客户档案"), "{}", stderr(&out));
}

#[test]
fn duplicates_stop_undo_history_template_and_export() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("kehu.db");
    let gbk = data("gbk_title.csv");
    let g = gbk.to_str().unwrap();
    assert_eq!(kehu(&db, &["import", g]).status.code(), Some(0));
    let out = kehu(
        &db,
        &["import", g, "--on-duplicate", "stop", "--format", "json"],
    );
    assert_eq!(out.status.code(), Some(1));
    let v = json(&out);
    assert_eq!(
        (v["stopped_at"].as_u64(), v["committed"].as_bool()),
        (Some(4), Some(false))
    );
    assert_eq!(v["duplicates"][0]["matched_by"], "tax_id");

    let history = json(&kehu(&db, &["import", "history", "--format", "json"]));
    assert_eq!(history.as_array().unwrap().len(), 1);
    assert_eq!(history[0]["file_name"], "gbk_title.csv");
    assert_eq!(history[0]["operator"], "测试员");
    let out = kehu(&db, &["import", "undo", "1"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(String::from_utf8_lossy(&out.stdout).contains("5 customer(s) deleted"));
    assert_eq!(customer_count(&db), 0);
    let out = kehu(&db, &["import", "undo", "1"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("already undone"));

    let template = dir.path().join("模板.xlsx");
    let out = kehu(&db, &["import", "--template", template.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let out = kehu(
        &db,
        &["import", template.to_str().unwrap(), "--format", "json"],
    );
    let v = json(&out);
    assert_eq!(
        (v["inserted"].as_u64(), v["example_row"].as_u64()),
        (Some(0), Some(2)),
        "the example row is recognised, not imported"
    );
    let out = kehu(&db, &["import", template.to_str().unwrap()]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("row 2 is the template's example row: not imported"),
        "{text}"
    );
    let filled = dir.path().join("filled.csv");
    std::fs::write(
        &filled,
        "客户名称,税号,联系人\n深圳市华强电子有限公司,914403001922038216,张三\n",
    )
    .unwrap();
    let out = kehu(
        &db,
        &["import", filled.to_str().unwrap(), "--format", "json"],
    );
    assert_eq!(
        json(&out)["inserted"],
        1,
        "the same company, not the example"
    );
    let export = dir.path().join("客户.csv");
    let out = kehu(&db, &["export", export.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = std::fs::read_to_string(&export).unwrap();
    assert!(text.starts_with('\u{feff}') && text.contains("深圳市华强电子有限公司"));
}

/// Writes `rows` synthetic customers as a CSV with field keys as headers.
fn synthetic_csv(path: &Path, rows: u64) {
    let mut w = csv::Writer::from_path(path).unwrap();
    let headers: Vec<String> = kehu::synth::customer_values(0).into_keys().collect();
    w.write_record(&headers).unwrap();
    for i in 0..rows {
        let v = kehu::synth::customer_values(i);
        w.write_record(headers.iter().map(|h| v[h].as_str()))
            .unwrap();
    }
    w.flush().unwrap();
}

#[test]
fn a_process_killed_mid_commit_leaves_the_database_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("kehu.db");
    assert_eq!(
        kehu(&db, &["import", data("utf16.txt").to_str().unwrap()])
            .status
            .code(),
        Some(0)
    );
    let big = dir.path().join("big.csv");
    synthetic_csv(&big, 400);
    let marker = dir.path().join("paused");
    let mut child = Command::new(env!("CARGO_BIN_EXE_kehu"))
        .arg("--db")
        .arg(&db)
        .args(["import", big.to_str().unwrap()])
        .env("KEHU_TEST_PAUSE_IN_COMMIT", &marker)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(60);
    while !marker.exists() {
        assert!(
            Instant::now() < deadline,
            "the import never reached its commit"
        );
        assert!(
            child.try_wait().unwrap().is_none(),
            "the import ended early"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    // 300 rows are written inside the open transaction, and with the tiny
    // cache the hook sets, pages already went to the file under a rollback
    // journal: kill -9 now, leaving that journal hot.
    let journal = dir.path().join("kehu.db-journal");
    assert!(
        std::fs::metadata(&journal).is_ok_and(|m| m.len() > 0),
        "the import writes under a rollback journal"
    );
    child.kill().unwrap();
    child.wait().unwrap();

    assert!(
        journal.exists(),
        "the crash left a hot journal to roll back"
    );
    assert_eq!(customer_count(&db), 3, "only the first import's customers");
    let store = kehu::store::Store::open(&db).unwrap();
    let check: String = store
        .connection()
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(check, "ok");
    assert_eq!(store.batches().unwrap().len(), 1);
    drop(store);
    // And the same file imports fine afterwards.
    let out = kehu(&db, &["import", big.to_str().unwrap(), "--format", "json"]);
    let v = json(&out);
    assert_eq!(v["inserted"], 400, "{}", v["problems"]);
}

#[test]
fn an_empty_credit_limit_cell_imports_as_not_controlled() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("kehu.db");
    let file = dir.path().join("limits.csv");
    std::fs::write(
        &file,
        "客户名称,信用额度\n成都远航贸易有限公司,\n北京恒通物流有限公司,0\n广州鑫达贸易有限公司,5万\n",
    )
    .unwrap();
    let out = kehu(&db, &["import", file.to_str().unwrap(), "--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let out = kehu(&db, &["customer", "list", "--format", "json"]);
    let limits: Vec<(String, Value)> = json(&out)
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["name"].as_str().unwrap().to_string(),
                c["credit_limit"].clone(),
            )
        })
        .collect();
    let limit = |name: &str| &limits.iter().find(|(n, _)| n == name).unwrap().1;
    assert!(limit("成都远航贸易有限公司").is_null(), "{limits:?}");
    assert_eq!(limit("北京恒通物流有限公司"), "0.00");
    assert_eq!(limit("广州鑫达贸易有限公司"), "50000.00");
}
