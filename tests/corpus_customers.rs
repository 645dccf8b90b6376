//! The customer-list corpus (tests/corpus/customers/): files in the shapes
//! real software exports and people type, each imported by the real binary
//! into a fresh database file and compared with the NAME.expect.json beside
//! it — counts, the sheet and header row found, new classification values,
//! duplicates and every problem by row (as Excel shows it) and column.
//!
//! KEHU_CORPUS_BLESS=1 writes what a run gives into the expect files (read
//! them before committing: they are the spec).

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::{Value, json};

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/customers")
}

/// The files of the corpus (everything but the expectations and the generator).
fn files() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(corpus())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            let name = p.file_name().unwrap().to_string_lossy().to_string();
            !name.ends_with(".json") && !name.ends_with(".py")
        })
        .collect();
    files.sort();
    files
}

fn expect_path(file: &Path) -> PathBuf {
    let name = file.file_name().unwrap().to_string_lossy();
    file.with_file_name(format!("{name}.expect.json"))
}

/// What a test compares: the report's counts and lists, without messages
/// (their wording may change) and with what the database holds after it.
fn outcome(file: &Path, args: &[String]) -> Value {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("kehu.db");
    let out = Command::new(env!("CARGO_BIN_EXE_kehu"))
        .arg("--db")
        .arg(&db)
        .args(["import", "--format", "json"])
        .args(args)
        .arg(file)
        .env("KEHU_OPERATOR", "测试员")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let Ok(report) = serde_json::from_str::<Value>(&stdout) else {
        // A file that cannot be imported at all: its exit code and message.
        let stderr = String::from_utf8_lossy(&out.stderr);
        return json!({"exit": out.status.code(), "error": stderr.trim()});
    };
    let problems: Vec<Value> = report["problems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| json!([p["row"], p["column"], p["code"], p["severity"]]))
        .collect();
    let duplicates: Vec<Value> = report["duplicates"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| json!([d["row"], d["earlier_row"], d["matched_by"], d["action"]]))
        .collect();
    let new_values: Vec<Value> = report["new_values"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| {
            json!([
                v["dimension"],
                v["value"],
                v["first_row"],
                v["rows"],
                v["action"]
            ])
        })
        .collect();
    let stored = Command::new(env!("CARGO_BIN_EXE_kehu"))
        .arg("--db")
        .arg(&db)
        .args(["customer", "list", "--format", "json"])
        .output()
        .unwrap();
    let stored: Value = serde_json::from_slice(&stored.stdout).unwrap_or(json!([]));
    let mut names: Vec<String> = stored
        .as_array()
        .map(|a| {
            a.iter()
                .map(|c| c["name"].as_str().unwrap_or("").to_string())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    json!({
        "exit": out.status.code(),
        "sheet": report["sheet"],
        "header_row": report["header_row"],
        "rows": report["rows"],
        "inserted": report["inserted"],
        "updated": report["updated"],
        "skipped": report["skipped"],
        "rejected": report["rejected"],
        "example_row": report["example_row"],
        "new_values": new_values,
        "duplicates": duplicates,
        "problems": problems,
        "stored": names,
    })
}

#[test]
fn every_file_of_the_customer_corpus_imports_as_expected() {
    let files = files();
    assert!(files.len() >= 12, "the corpus holds {} files", files.len());
    let bless = std::env::var_os("KEHU_CORPUS_BLESS").is_some();
    let mut failed = Vec::new();
    for file in &files {
        let expect_file = expect_path(file);
        let expected: Value = match std::fs::read_to_string(&expect_file) {
            Ok(text) => serde_json::from_str(&text).unwrap(),
            Err(_) if bless => json!({}),
            Err(e) => panic!("{}: {e}", expect_file.display()),
        };
        let args: Vec<String> = expected["args"]
            .as_array()
            .map(|a| a.iter().map(|v| v.as_str().unwrap().to_string()).collect())
            .unwrap_or_default();
        let mut got = outcome(file, &args);
        got["args"] = json!(args);
        if let Some(why) = expected.get("why") {
            got["why"] = why.clone();
        }
        if bless {
            let text = serde_json::to_string_pretty(&got).unwrap() + "\n";
            std::fs::write(&expect_file, text).unwrap();
        } else if got != expected {
            failed.push(format!(
                "{}:\n  expected {expected}\n  got      {got}",
                file.display()
            ));
        }
    }
    assert!(failed.is_empty(), "{}", failed.join("\n"));
}
