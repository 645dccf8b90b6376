//! The similar-name index on a real database file: with it installed the
//! store reports exactly the names a scan reports, and it keeps up with
//! writes from this store and from another connection.

use kehu::domain::field::FieldValues;
use kehu::store::Store;
use kehu::synth::customer_values;

fn values(name: &str) -> FieldValues {
    [("name".to_string(), name.to_string())]
        .into_iter()
        .collect()
}

fn similar(store: &Store, name: &str) -> Vec<String> {
    let checked = store.check_customer(&values(name), None).unwrap();
    checked.similar.into_iter().map(|c| c.name).collect()
}

const NAMES: &[&str] = &[
    "深圳市华强电子有限公司",
    "深圳华强电子有限公司",
    "深圳市华强电子科技有限公司",
    "广州天河宏达贸易商行",
    "北京东方物流有限公司",
];

const PROBES: &[&str] = &[
    "深圳市华强电子股份有限公司",
    "华强电子",
    "深圳市华强电",
    "广州市天河宏达贸易商行",
    "东方物流",
    "完全不同的名字",
];

#[test]
fn the_index_answers_as_the_scan_does_and_keeps_up_with_writes() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("kehu.db");
    let mut store = Store::open(&path).unwrap();
    for name in NAMES {
        store.add_customer(&values(name), None).unwrap();
    }
    let scanned: Vec<Vec<String>> = PROBES.iter().map(|p| similar(&store, p)).collect();
    assert!(
        scanned[0].len() >= 2,
        "the probes do find names: {scanned:?}"
    );

    let index = store.build_similar_index().unwrap();
    store.install_similar_index(index);
    assert!(store.has_similar_index());
    let indexed: Vec<Vec<String>> = PROBES.iter().map(|p| similar(&store, p)).collect();
    assert_eq!(indexed, scanned);

    // A customer added through this store, one through another connection,
    // a rename and a deletion there: all seen at the next check.
    store
        .add_customer(&values("华强电子（深圳）有限公司"), None)
        .unwrap();
    {
        let mut other = Store::open(&path).unwrap();
        other
            .add_customer(&values("东方物流集团有限公司"), None)
            .unwrap();
        let mut rename = FieldValues::new();
        rename.insert("name".into(), "杭州示例贸易有限公司".into());
        other.edit_customer("C000005", &rename).unwrap();
        other.delete_customer("C000004").unwrap();
    }
    let names = similar(&store, "华强电子");
    assert!(
        names.contains(&"华强电子（深圳）有限公司".to_string()),
        "{names:?}"
    );
    let names = similar(&store, "东方物流");
    assert_eq!(
        names,
        ["东方物流集团有限公司"],
        "renamed one gone, new one found"
    );
    assert!(
        similar(&store, "广州天河宏达贸易商行").is_empty(),
        "deleted one gone"
    );
    assert_eq!(similar(&store, "杭州示例贸易"), ["杭州示例贸易有限公司"]);
}

#[test]
fn a_large_import_after_the_build_is_taken_in_whole() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("kehu.db");
    let mut store = Store::open(&path).unwrap();
    store
        .add_customer(&values("深圳市华强电子有限公司"), None)
        .unwrap();
    let index = store.build_similar_index().unwrap();
    store.install_similar_index(index);
    {
        let mut other = Store::open(&path).unwrap();
        let mut bulk = other.bulk_insert().unwrap();
        for i in 0..2_500 {
            bulk.insert(&customer_values(i)).unwrap().unwrap();
        }
        bulk.commit().unwrap();
    }
    // Every synthetic name is found as itself, the old one still too.
    let probe = customer_values(2_499)["name"].clone();
    assert!(similar(&store, &probe).contains(&probe), "{probe}");
    assert_eq!(
        similar(&store, "深圳市华强电子"),
        ["深圳市华强电子有限公司"]
    );
}
