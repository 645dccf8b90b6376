//! The real binary: an amount over the per-entry ceiling is refused on its
//! field, from `ledger add` and from a ledger import, instead of being stored
//! (an opening of −92,233,720,368,547,758.07) or failing later with
//! "integer overflow" naming nothing.

#[path = "support/cli.rs"]
mod support;

use support::*;

#[test]
fn ledger_add_refuses_an_amount_over_the_ceiling_naming_the_field() {
    let (dir, db) = books();
    for (kind, amount) in [
        ("opening", "-92233720368547758.07"),
        ("invoice", "9000000000000000"),
    ] {
        let out = kehu(
            &db,
            &[
                "ledger",
                "add",
                "C000001",
                "--type",
                kind,
                "--date",
                "2024-03-01",
                "--doc",
                "BIG-1",
                "--amount",
                amount,
                "--override-reason",
                "测试",
            ],
        );
        assert_eq!(out.status.code(), Some(1), "{kind}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("error: amount:"), "{err}");
        assert!(err.contains("[amount.ceiling]"), "{err}");
        assert!(err.contains("1,000,000,000,000.00"), "{err}");
    }
    // The balance is what it was: nothing was stored.
    let v = json(&db, &["balance", "C000001", "--format", "json"]);
    assert_eq!(v["balance"], "38000.50", "{v}");

    let file = dir.path().join("big.csv");
    std::fs::write(
        &file,
        "客户编码,类型,日期,单据号,金额\nC000001,期初余额,2024-01-01,QC-1,-92233720368547758.07\n",
    )
    .unwrap();
    let out = kehu(
        &db,
        &[
            "import",
            "--kind",
            "ledger",
            file.to_str().unwrap(),
            "--format",
            "json",
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let p = &v["problems"][0];
    assert_eq!(
        (p["row"].as_u64(), p["code"].as_str()),
        (Some(2), Some("amount.ceiling")),
        "{v}"
    );
    assert_eq!(p["column"], "金额");
}
