//! The repository on real SQLite files in temp folders.

use kehu::domain::Money;
use kehu::domain::customer::Status;
use kehu::domain::field::FieldValues;
use kehu::store::{ListFilter, SCHEMA_VERSION, Store, StoreError};

fn values(pairs: &[(&str, &str)]) -> FieldValues {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

fn temp_store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("kehu.db")).unwrap();
    store.set_operator("测试员");
    (dir, store)
}

fn problem_codes(err: StoreError) -> Vec<(String, &'static str)> {
    match err {
        StoreError::Invalid(p) => p.iter().map(|p| (p.field.clone(), p.code)).collect(),
        other => panic!("expected validation problems, got {other}"),
    }
}

const HUAQIANG: &str = "914403001922038216";

#[test]
fn add_assigns_code_and_mnemonic_and_persists() {
    let (dir, mut store) = temp_store();
    let saved = store
        .add_customer(
            &values(&[
                ("name", "深圳市华强电子有限公司"),
                ("tax_id", " 9144 0300 1922 0382 16 "),
                ("credit_limit", "5万"),
                ("payment_days", "30"),
                ("invoice_type", "专票"),
                ("tax_rate", "13%"),
                ("industry", "制造业"),
            ]),
            None,
        )
        .unwrap();
    let c = saved.customer;
    assert_eq!(c.data.code, "C000001");
    assert_eq!(c.data.mnemonic, "SZSHQDZYXGS");
    assert_eq!(c.data.tax_id, HUAQIANG);
    assert_eq!(c.data.credit_limit, Some(Money::from_fen(5_000_000)));
    drop(store);

    let store = Store::open(&dir.path().join("kehu.db")).unwrap();
    let again = store.customer("c000001").unwrap().unwrap();
    assert_eq!(again.data, c.data);
    assert_eq!(
        again
            .data
            .classification
            .get("industry")
            .map(String::as_str),
        Some("制造业")
    );
    let second_code = {
        let mut store = store;
        store
            .add_customer(&values(&[("name", "广州鑫达贸易有限公司")]), None)
            .unwrap()
            .customer
            .data
            .code
    };
    assert_eq!(second_code, "C000002");
}

#[test]
fn every_problem_is_reported_at_once() {
    let (_dir, mut store) = temp_store();
    let err = store
        .add_customer(
            &values(&[
                ("name", ""),
                ("tax_id", "914403001922038217"),
                ("credit_limit", "-5"),
                ("payment_days", "400"),
                ("email", "caiwu@"),
                ("mobile", "12345"),
                ("bank_account", "9.14403E+17"),
                ("tax_rate", "8%"),
                ("industry", "炼金术"),
            ]),
            None,
        )
        .unwrap_err();
    let codes = problem_codes(err);
    for expected in [
        ("name", "name.required"),
        ("tax_id", "tax_id.check_char"),
        ("credit_limit", "credit_limit.negative"),
        ("payment_days", "payment_days.range"),
        ("email", "email.format"),
        ("mobile", "mobile.format"),
        ("bank_account", "bank_account.format"),
        ("tax_rate", "choice.invalid"),
        ("industry", "classification.value"),
    ] {
        assert!(
            codes.contains(&(expected.0.to_string(), expected.1)),
            "missing {expected:?} in {codes:?}"
        );
    }
    assert_eq!(store.customer_count().unwrap(), 0);
}

#[test]
fn credit_limit_over_the_ceiling_is_refused() {
    let (_dir, mut store) = temp_store();
    let err = store
        .add_customer(
            &values(&[("name", "甲公司"), ("credit_limit", "100000000")]),
            None,
        )
        .unwrap_err();
    assert_eq!(
        problem_codes(err),
        vec![("credit_limit".to_string(), "credit_limit.ceiling")]
    );
    store
        .set_credit_ceiling(Money::from_fen(100_000_000))
        .unwrap();
    let err = store
        .add_customer(
            &values(&[("name", "甲公司"), ("credit_limit", "2000000")]),
            None,
        )
        .unwrap_err();
    assert_eq!(
        problem_codes(err),
        vec![("credit_limit".to_string(), "credit_limit.ceiling")]
    );
    assert!(
        store
            .add_customer(
                &values(&[("name", "甲公司"), ("credit_limit", "999999.99")]),
                None
            )
            .is_ok()
    );
}

#[test]
fn duplicate_tax_id_is_an_error_naming_the_owner_and_similar_names_warn() {
    let (_dir, mut store) = temp_store();
    store
        .add_customer(
            &values(&[("name", "深圳市华强电子有限公司"), ("tax_id", HUAQIANG)]),
            None,
        )
        .unwrap();
    let err = store
        .add_customer(&values(&[("name", "华强电子"), ("tax_id", HUAQIANG)]), None)
        .unwrap_err();
    let StoreError::Invalid(problems) = err else {
        panic!()
    };
    let dup = problems
        .iter()
        .find(|p| p.code == "tax_id.duplicate")
        .unwrap();
    assert!(dup.message.en.contains("C000001"), "{}", dup.message.en);
    assert!(dup.message.zh.contains("深圳市华强电子有限公司"));

    let saved = store
        .add_customer(&values(&[("name", "深圳市华强电子股份有限公司")]), None)
        .unwrap();
    let warning = saved
        .warnings
        .iter()
        .find(|p| p.code == "name.similar")
        .unwrap();
    assert!(warning.message.en.contains("C000001"));
    let checked = store
        .check_customer(&values(&[("name", "深圳市华强电子（集团）有限公司")]), None)
        .unwrap();
    assert_eq!(checked.similar.len(), 2, "{:?}", checked.similar);
}

#[test]
fn code_must_be_unique() {
    let (_dir, mut store) = temp_store();
    store
        .add_customer(&values(&[("name", "甲公司"), ("code", "VIP01")]), None)
        .unwrap();
    let err = store
        .add_customer(&values(&[("name", "乙公司"), ("code", "vip01")]), None)
        .unwrap_err();
    assert_eq!(
        problem_codes(err),
        vec![("code".to_string(), "code.duplicate")]
    );
}

#[test]
fn edit_writes_one_audit_row_per_changed_field() {
    let (_dir, mut store) = temp_store();
    store
        .add_customer(
            &values(&[
                ("name", "深圳市华强电子有限公司"),
                ("credit_limit", "50000"),
            ]),
            None,
        )
        .unwrap();
    let saved = store
        .edit_customer(
            "C000001",
            &values(&[("credit_limit", "80,000.00"), ("contact", "王芳")]),
        )
        .unwrap();
    assert_eq!(
        saved.customer.data.credit_limit,
        Some(Money::from_fen(8_000_000))
    );
    let history = store.audit_history(saved.customer.id).unwrap();
    let rows: Vec<(&str, &str, Option<&str>, Option<&str>)> = history
        .iter()
        .map(|a| {
            (
                a.action.as_str(),
                a.field.as_str(),
                a.old.as_deref(),
                a.new.as_deref(),
            )
        })
        .collect();
    assert_eq!(rows[0].0, "create");
    assert!(rows[0].3.unwrap().contains("\"credit_limit\":\"50000.00\""));
    assert_eq!(
        &rows[1..],
        &[
            ("update", "contact", Some(""), Some("王芳")),
            ("update", "credit_limit", Some("50000.00"), Some("80000.00")),
        ]
    );
    assert!(history.iter().all(|a| a.operator == "测试员"));

    // An edit that changes nothing writes nothing.
    store
        .edit_customer("C000001", &values(&[("contact", "王芳")]))
        .unwrap();
    assert_eq!(store.audit_history(saved.customer.id).unwrap().len(), 3);
}

#[test]
fn invalid_edit_changes_nothing() {
    let (_dir, mut store) = temp_store();
    store
        .add_customer(&values(&[("name", "甲公司"), ("payment_days", "30")]), None)
        .unwrap();
    let err = store
        .edit_customer(
            "C000001",
            &values(&[("payment_days", "366"), ("contact", "李四")]),
        )
        .unwrap_err();
    assert_eq!(
        problem_codes(err),
        vec![("payment_days".to_string(), "payment_days.range")]
    );
    let c = store.customer("C000001").unwrap().unwrap();
    assert_eq!((c.data.payment_days, c.data.contact.as_str()), (30, ""));
    assert_eq!(store.audit_history(c.id).unwrap().len(), 1);
}

#[test]
fn mnemonic_follows_the_name_until_edited() {
    let (_dir, mut store) = temp_store();
    store
        .add_customer(&values(&[("name", "中国银行")]), None)
        .unwrap();
    let c = store
        .edit_customer("C000001", &values(&[("name", "重庆银行")]))
        .unwrap()
        .customer;
    assert_eq!(c.data.mnemonic, "CQYH");
    store
        .edit_customer("C000001", &values(&[("mnemonic", "cqbank")]))
        .unwrap();
    let c = store
        .edit_customer("C000001", &values(&[("name", "厦门银行")]))
        .unwrap()
        .customer;
    assert_eq!(c.data.mnemonic, "CQBANK");
}

#[test]
fn archive_frees_the_tax_id_and_unarchive_checks_it() {
    let (_dir, mut store) = temp_store();
    store
        .add_customer(&values(&[("name", "甲公司"), ("tax_id", HUAQIANG)]), None)
        .unwrap();
    let archived = store.set_status("C000001", Status::Archived).unwrap();
    assert_eq!(archived.data.status, Status::Archived);
    assert_eq!(
        store.list_customers(&ListFilter::default()).unwrap().len(),
        0
    );
    assert_eq!(
        store
            .list_customers(&ListFilter {
                include_archived: true,
                ..Default::default()
            })
            .unwrap()
            .len(),
        1
    );
    store
        .add_customer(
            &values(&[("name", "甲公司（新）"), ("tax_id", HUAQIANG)]),
            None,
        )
        .unwrap();
    let err = store.set_status("C000001", Status::Active).unwrap_err();
    assert!(err.to_string().contains("C000002"), "{err}");
    let history = store.audit_history(archived.id).unwrap();
    let last = history.last().unwrap();
    assert_eq!(
        (
            last.action.as_str(),
            last.field.as_str(),
            last.old.as_deref(),
            last.new.as_deref()
        ),
        ("status", "status", Some("active"), Some("archived"))
    );
}

#[test]
fn delete_keeps_a_snapshot_in_the_audit_trail() {
    let (_dir, mut store) = temp_store();
    let id = store
        .add_customer(&values(&[("name", "甲公司"), ("industry", "建筑业")]), None)
        .unwrap()
        .customer
        .id;
    store.delete_customer("C000001").unwrap();
    assert!(store.customer("C000001").unwrap().is_none());
    let history = store.audit_history(id).unwrap();
    let last = history.last().unwrap();
    assert_eq!(last.action, "delete");
    assert!(last.old.as_deref().unwrap().contains("建筑业"));
    assert!(matches!(
        store.delete_customer("C000001"),
        Err(StoreError::NotFound(_))
    ));
}

#[test]
fn templates_fill_fields_and_given_values_win() {
    let (_dir, mut store) = temp_store();
    store
        .save_template(
            "VIP wholesale",
            &values(&[
                ("credit_limit", "200000"),
                ("payment_days", "60"),
                ("invoice_type", "special"),
                ("tax_rate", "13%"),
                ("credit_grade", "AAA"),
            ]),
        )
        .unwrap();
    let c = store
        .add_customer(
            &values(&[
                ("name", "甲公司"),
                ("tax_id", HUAQIANG),
                ("payment_days", "45"),
            ]),
            Some("VIP wholesale"),
        )
        .unwrap()
        .customer;
    assert_eq!(c.data.credit_limit, Some(Money::from_fen(20_000_000)));
    assert_eq!(c.data.payment_days, 45);
    assert_eq!(c.data.tax_rate.map(|r| r.percent()), Some(13));
    assert_eq!(
        c.data
            .classification
            .get("credit_grade")
            .map(String::as_str),
        Some("AAA")
    );
    assert!(matches!(
        store.add_customer(&values(&[("name", "乙")]), Some("none")),
        Err(StoreError::NoTemplate(_))
    ));
    let err = store
        .save_template("bad", &values(&[("payment_days", "999")]))
        .unwrap_err();
    assert_eq!(
        problem_codes(err),
        vec![("payment_days".to_string(), "payment_days.range")]
    );
}

#[test]
fn classification_values_are_added_renamed_retired_never_deleted_in_use() {
    let (_dir, mut store) = temp_store();
    store.add_dimension_value("region", "港澳台").unwrap();
    store
        .add_customer(&values(&[("name", "甲公司"), ("地区", "港澳台")]), None)
        .unwrap();
    store
        .rename_dimension_value("region", "港澳台", "港澳")
        .unwrap();
    let c = store.customer("C000001").unwrap().unwrap();
    assert_eq!(
        c.data.classification.get("region").map(String::as_str),
        Some("港澳")
    );

    let err = store.delete_dimension_value("region", "港澳").unwrap_err();
    assert!(err.to_string().contains("retire"), "{err}");
    store.retire_dimension_value("region", "港澳").unwrap();
    let err = store
        .add_customer(&values(&[("name", "乙公司"), ("region", "港澳")]), None)
        .unwrap_err();
    assert_eq!(
        problem_codes(err),
        vec![("region".to_string(), "classification.value")]
    );
    // The customer that had it keeps it.
    let c = store.customer("C000001").unwrap().unwrap();
    assert_eq!(
        c.data.classification.get("region").map(String::as_str),
        Some("港澳")
    );

    store.add_dimension("province", "省份", "Province").unwrap();
    store.add_dimension_value("province", "广东").unwrap();
    let c = store
        .edit_customer("C000001", &values(&[("省份", "广东")]))
        .unwrap()
        .customer;
    assert_eq!(
        c.data.classification.get("province").map(String::as_str),
        Some("广东")
    );
    store.delete_dimension_value("region", "西北").unwrap();
    store
        .rename_dimension("province", "所在省份", "Province of registration")
        .unwrap();
    assert_eq!(
        store.catalog().unwrap().dimension("所在省份").unwrap().code,
        "province"
    );
    store.retire_dimension("province").unwrap();
    let err = store
        .add_customer(&values(&[("name", "庚公司"), ("province", "广东")]), None)
        .unwrap_err();
    assert_eq!(
        problem_codes(err),
        vec![("province".to_string(), "classification.value")]
    );
    // A customer keeps a value of a retired dimension through later edits.
    store
        .edit_customer("C000001", &values(&[("contact", "王芳")]))
        .unwrap();
    assert!(
        store
            .catalog()
            .unwrap()
            .dimension("region")
            .unwrap()
            .value("西北")
            .is_none()
    );
}

#[test]
fn a_new_file_is_migrated_and_a_newer_schema_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nested/folder/kehu.db");
    {
        let store = Store::open(&path).unwrap();
        let version: i64 = store
            .connection()
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .unwrap();
        assert_eq!(version, SCHEMA_VERSION);
        let mode: String = store
            .connection()
            .pragma_query_value(None, "journal_mode", |r| r.get(0))
            .unwrap();
        assert_eq!(mode, "wal");
        let fk: i64 = store
            .connection()
            .pragma_query_value(None, "foreign_keys", |r| r.get(0))
            .unwrap();
        assert_eq!(fk, 1);
        assert_eq!(store.catalog().unwrap().dimensions.len(), 5);
    }
    // Reopening an up-to-date file is a no-op.
    Store::open(&path).unwrap();
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.pragma_update(None, "user_version", SCHEMA_VERSION + 1)
            .unwrap();
    }
    match Store::open(&path) {
        Err(StoreError::SchemaTooNew {
            found, supported, ..
        }) => {
            assert_eq!((found, supported), (SCHEMA_VERSION + 1, SCHEMA_VERSION));
        }
        other => panic!("expected SchemaTooNew, got {:?}", other.map(|_| ())),
    }
}

#[test]
fn bulk_insert_is_all_or_nothing_and_sees_its_own_rows() {
    let (_dir, mut store) = temp_store();
    {
        let mut bulk = store.bulk_insert().unwrap();
        assert!(
            bulk.insert(&values(&[("name", "甲公司"), ("tax_id", HUAQIANG)]))
                .unwrap()
                .is_ok()
        );
        let dup = bulk
            .insert(&values(&[("name", "乙公司"), ("tax_id", HUAQIANG)]))
            .unwrap()
            .unwrap_err();
        assert!(dup.problems.iter().any(|p| p.code == "tax_id.duplicate"));
        // dropped without commit
    }
    assert_eq!(store.customer_count().unwrap(), 0);
    let mut bulk = store.bulk_insert().unwrap();
    bulk.insert(&values(&[("name", "甲公司")]))
        .unwrap()
        .unwrap();
    bulk.insert(&values(&[("name", "乙公司")]))
        .unwrap()
        .unwrap();
    assert_eq!(bulk.commit().unwrap(), 2);
    let codes: Vec<String> = store
        .list_customers(&ListFilter::default())
        .unwrap()
        .into_iter()
        .map(|c| c.data.code)
        .collect();
    assert_eq!(codes, ["C000001", "C000002"]);
}

#[test]
fn search_matches_mnemonic_name_tax_id_and_contact() {
    let (_dir, mut store) = temp_store();
    store
        .add_customer(
            &values(&[
                ("name", "深圳市华强电子有限公司"),
                ("tax_id", HUAQIANG),
                ("contact", "王芳"),
            ]),
            None,
        )
        .unwrap();
    store
        .add_customer(&values(&[("name", "广州鑫达贸易有限公司")]), None)
        .unwrap();
    let find = |q: &str| -> Vec<String> {
        store
            .list_customers(&ListFilter {
                search: Some(q.into()),
                ..Default::default()
            })
            .unwrap()
            .into_iter()
            .map(|c| c.data.code)
            .collect()
    };
    assert_eq!(find("hqdz"), ["C000001"]);
    assert_eq!(find("华强"), ["C000001"]);
    assert_eq!(find("19220382"), ["C000001"]);
    assert_eq!(find("王芳"), ["C000001"]);
    assert_eq!(find("鑫达"), ["C000002"]);
    assert_eq!(find("100%"), Vec::<String>::new());
}

#[test]
fn demo_data_loads_once() {
    let (_dir, mut store) = temp_store();
    let (added, skipped) = kehu::demo::load(&mut store).unwrap();
    assert!(added >= 180, "only {added} demo customers");
    assert_eq!(skipped, 0);
    assert_eq!(kehu::demo::load(&mut store).unwrap().0, 0);
    let all = store.list_customers(&ListFilter::default()).unwrap();
    assert!(all.iter().any(|c| !c.data.classification.is_empty()));
}

#[test]
fn bulk_codes_skip_codes_typed_by_hand() {
    let (_dir, mut store) = temp_store();
    store
        .add_customer(&values(&[("name", "甲公司"), ("code", "C000007")]), None)
        .unwrap();
    let mut bulk = store.bulk_insert().unwrap();
    // Auto codes start past the highest stored one…
    let (first, _) = bulk
        .insert(&values(&[("name", "乙公司")]))
        .unwrap()
        .unwrap();
    assert_eq!(first.data.code, "C000008");
    // …and step over one a later row of the same batch typed by hand.
    bulk.insert(&values(&[("name", "丙公司"), ("code", "C000009")]))
        .unwrap()
        .unwrap();
    let (third, _) = bulk
        .insert(&values(&[("name", "丁公司")]))
        .unwrap()
        .unwrap();
    assert_eq!(third.data.code, "C000010");
    // A duplicate tax ID is found by the index and reported with its owner.
    bulk.insert(&values(&[("name", "戊公司"), ("tax_id", HUAQIANG)]))
        .unwrap()
        .unwrap();
    let rejected = bulk
        .insert(&values(&[("name", "己公司"), ("tax_id", HUAQIANG)]))
        .unwrap()
        .unwrap_err();
    let dup = rejected
        .problems
        .iter()
        .find(|p| p.code == "tax_id.duplicate")
        .unwrap();
    assert!(dup.message.en.contains("戊公司"), "{}", dup.message.en);
    bulk.commit().unwrap();
    assert_eq!(store.customer_count().unwrap(), 5);
}
