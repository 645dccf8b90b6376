//! Undoing an import takes back the classification values it added, through
//! the real binary on a real database: a value new to the catalog goes, one a
//! customer took since stays, and what the catalog held before is untouched.

#[path = "support/cli.rs"]
mod cli;

use std::path::Path;

use cli::{json, kehu, ok};
use serde_json::Value;

fn tax(i: u64) -> String {
    kehu::synth::customer_values(i)["tax_id"].clone()
}

/// The values of dimension `code`: (name, retired).
fn values(db: &Path, code: &str) -> Vec<(String, bool)> {
    let dims = json(db, &["class", "list", "--format", "json"]);
    let dim = dims
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == code)
        .unwrap()
        .clone();
    dim["values"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| {
            (
                v["name"].as_str().unwrap().to_string(),
                v["retired"].as_bool().unwrap(),
            )
        })
        .collect()
}

fn has(db: &Path, code: &str, name: &str) -> Option<bool> {
    values(db, code)
        .into_iter()
        .find(|(n, _)| n == name)
        .map(|(_, retired)| retired)
}

fn import(db: &Path, file: &Path) -> Value {
    json(db, &["import", file.to_str().unwrap(), "--format", "json"])
}

#[test]
fn undo_takes_back_the_values_the_import_added() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("kehu.db");
    ok(&db, &["class", "retire", "industry", "建筑业"]);
    let file = dir.path().join("values.csv");
    std::fs::write(
        &file,
        format!(
            "客户名称,税号,所属行业,所属地区\n甲五金有限公司,{},五金批发,港澳台\n\
             乙贸易有限公司,{},批发零售,\n丙五金有限公司,{},五金批发,\n",
            tax(31),
            tax(32),
            tax(33)
        ),
    )
    .unwrap();
    let report = import(&db, &file);
    assert_eq!(report["inserted"], 3, "{report}");
    assert_eq!(has(&db, "industry", "五金批发"), Some(false));
    assert_eq!(has(&db, "region", "港澳台"), Some(false));

    let batch = report["batch"].to_string();
    let out = ok(&db, &["--lang", "en", "import", "undo", &batch]);
    assert!(
        out.contains("2 classification value(s) the import had added were taken back"),
        "{out}"
    );
    assert_eq!(has(&db, "industry", "五金批发"), None);
    assert_eq!(has(&db, "region", "港澳台"), None);
    // What the catalog held before the import is untouched, retired or not.
    assert_eq!(has(&db, "industry", "批发零售"), Some(false));
    assert_eq!(has(&db, "industry", "建筑业"), Some(true));
}

#[test]
fn a_retired_value_in_a_file_is_named_as_retired() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("kehu.db");
    ok(&db, &["class", "retire", "industry", "建筑业"]);
    let file = dir.path().join("retired.csv");
    std::fs::write(
        &file,
        format!(
            "客户名称,税号,所属行业\n乙建筑有限公司,{},建筑业\n",
            tax(34)
        ),
    )
    .unwrap();
    let out = kehu(&db, &["--lang", "en", "import", file.to_str().unwrap()]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("“建筑业” is a retired value of Industry"),
        "{text}"
    );
    assert_eq!(
        has(&db, "industry", "建筑业"),
        Some(true),
        "not brought back"
    );
}

#[test]
fn a_value_a_customer_took_since_the_import_stays_after_undo() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("kehu.db");
    let file = dir.path().join("values.csv");
    std::fs::write(
        &file,
        format!(
            "客户名称,税号,所属行业\n甲五金有限公司,{},五金批发\n乙鞋业有限公司,{},制鞋\n",
            tax(41),
            tax(42)
        ),
    )
    .unwrap();
    let report = import(&db, &file);
    assert_eq!(report["inserted"], 2, "{report}");
    ok(
        &db,
        &[
            "customer",
            "add",
            "--name",
            "丁五金商行",
            "--tax-id",
            &tax(43),
            "-f",
            "industry=五金批发",
        ],
    );
    let out = kehu(
        &db,
        &[
            "--lang",
            "zh",
            "import",
            "undo",
            &report["batch"].to_string(),
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("导入时新增的 1 个分类值已一并撤回"), "{text}");
    assert_eq!(
        has(&db, "industry", "五金批发"),
        Some(false),
        "in use: stays"
    );
    assert_eq!(has(&db, "industry", "制鞋"), None);
}
