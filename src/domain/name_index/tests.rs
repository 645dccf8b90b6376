use super::*;
use crate::domain::names::name_key;

const NAMES: &[&str] = &[
    "深圳市华强电子有限公司",
    "深圳市华强电子科技有限公司",
    "华强电子",
    "深圳华强电子有限公司",
    "广州市天河区宏达贸易商行",
    "广州天河宏达贸易商行",
    "杭州示例贸易有限公司",
    "杭州示例贸易",
    "北京东方物流有限公司",
    "北京东方物流集团有限公司",
    "东方物流",
    "上海浦东新区张江高科技园区发展有限公司",
    "上海浦东张江高科技园区发展有限公司",
    "Acme Trading Co., Ltd.",
    "ACME TRADING LIMITED",
    "Acme Tradin",
    "华强",
    "强华",
    "华强电子深圳分公司",
    "成都华强电子有限公司",
];

fn keys() -> Vec<(i64, String)> {
    NAMES
        .iter()
        .enumerate()
        .map(|(i, n)| (i as i64 + 1, name_key(n)))
        .collect()
}

#[test]
fn finds_exactly_what_a_scan_finds_for_every_name() {
    let keys = keys();
    let index = NameIndex::build(keys.iter().map(|(i, k)| (*i, k.as_str())));
    let probes = NAMES.iter().map(|n| name_key(n)).chain(
        [
            "华强电子科技",
            "深圳市华强电",
            "东方物",
            "tradin",
            "华",
            "示例贸易",
        ]
        .iter()
        .map(|s| s.to_string()),
    );
    for probe in probes {
        for own in [None, Some(1)] {
            let scan = scan_similar(keys.iter().map(|(i, k)| (*i, k.as_str())), &probe, own, 50);
            assert_eq!(index.similar(&probe, own, 50), scan, "probe {probe}");
        }
    }
}

#[test]
fn limit_keeps_the_first_in_id_order() {
    let keys = keys();
    let index = NameIndex::build(keys.iter().map(|(i, k)| (*i, k.as_str())));
    let all = index.similar("深圳市华强电子", None, 50);
    assert!(all.len() > 2, "{all:?}");
    assert_eq!(index.similar("深圳市华强电子", None, 2), all[..2]);
}

#[test]
fn inserts_and_removals_after_the_build_count() {
    let mut index = NameIndex::build([(1, "深圳市华强电子")]);
    assert_eq!(index.similar("深圳市华强电子", None, 5), [1]);
    index.insert(7, "深圳市华强电子");
    assert_eq!(index.similar("深圳市华强电子", None, 5), [1, 7]);
    // An edit renames customer 1: its old key no longer matches.
    index.insert(1, "北京东方物流");
    assert_eq!(index.similar("深圳市华强电子", None, 5), [7]);
    assert_eq!(index.similar("北京东方物流", None, 5), [1]);
    index.remove(7);
    assert!(index.similar("深圳市华强电子", None, 5).is_empty());
    assert_eq!(index.len(), 1);
}

#[test]
fn agrees_with_a_scan_on_generated_near_names() {
    // Every single-character edit, insertion and deletion of a few keys,
    // plus pieces of them: the cases the bigram bound must not miss.
    let base: Vec<String> = NAMES.iter().map(|n| name_key(n)).collect();
    let mut keys: Vec<String> = base.clone();
    for k in &base {
        let chars: Vec<char> = k.chars().collect();
        for i in 0..chars.len() {
            let mut del = chars.clone();
            del.remove(i);
            keys.push(del.iter().collect());
            let mut sub = chars.clone();
            sub[i] = '某';
            keys.push(sub.iter().collect());
            let mut ins = chars.clone();
            ins.insert(i, '新');
            keys.push(ins.iter().collect());
            keys.push(chars[i..].iter().collect());
        }
    }
    let pairs: Vec<(i64, &str)> = keys
        .iter()
        .enumerate()
        .map(|(i, k)| (i as i64, k.as_str()))
        .collect();
    let index = NameIndex::build(pairs.iter().copied());
    for probe in &keys {
        let scan = scan_similar(pairs.iter().copied(), probe, None, 1000);
        assert_eq!(index.similar(probe, None, 1000), scan, "probe {probe}");
    }
}

#[test]
fn agrees_with_a_scan_on_random_keys_over_a_small_alphabet() {
    // Few letters, lengths 1–14: every kind of near miss occurs often.
    let alphabet: Vec<char> = "华强电子深圳市东方abc".chars().collect();
    let mut seed = 0x2545_F491_4F6C_DD1Du64;
    let mut next = |n: usize| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % n as u64) as usize
    };
    let keys: Vec<String> = (0..600)
        .map(|_| {
            let len = 1 + next(14);
            (0..len).map(|_| alphabet[next(alphabet.len())]).collect()
        })
        .collect();
    let pairs: Vec<(i64, &str)> = keys
        .iter()
        .enumerate()
        .map(|(i, k)| (i as i64, k.as_str()))
        .collect();
    let index = NameIndex::build(pairs.iter().copied());
    for probe in keys.iter().take(300) {
        for limit in [3, 10_000] {
            let scan = scan_similar(pairs.iter().copied(), probe, None, limit);
            assert_eq!(index.similar(probe, None, limit), scan, "probe {probe}");
        }
    }
}
