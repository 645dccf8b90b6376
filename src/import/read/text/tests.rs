use super::*;

#[test]
fn delimiter_is_the_one_lines_agree_on() {
    let semi = "客户档案 2026年11月\n\n名称;地址;税号\n华强;深圳市福田区华强北路1号, 3楼;914403001922038216\n鑫达;广州;\n";
    assert_eq!(sniff_delimiter(semi, false), b';');
    let tab = "名称\t税号\n华强\t9144\n";
    assert_eq!(sniff_delimiter(tab, false), b'\t');
    let quoted = "名称,备注\n\"华强\",\"a;b;c\"\n\"鑫达\",\"x;y\"\n";
    assert_eq!(sniff_delimiter(quoted, false), b',');
    let pipe = "a|b|c\n1|2|3\n";
    assert_eq!(sniff_delimiter(pipe, false), b'|');
    assert_eq!(sniff_delimiter("one column\nonly\n", true), b'\t');
}

#[test]
fn binary_is_not_text() {
    let png = include_bytes!("../../../../tests/data/import/photo.csv");
    assert!(looks_binary(&String::from_utf8_lossy(png)));
    assert!(!looks_binary("名称,税号\r\n华强,914403001922038216\r\n"));
    // One stray NUL or escape sequence in a short file is a cell's problem.
    assert!(!looks_binary(
        "名称,备注\n华强,a\0b\n鑫达,\u{1b}]0;title\u{7}\n"
    ));
    assert!(looks_binary(&"\0\u{1}\u{2}\u{3}x".repeat(100)));
}

mod recycle_tests {
    use crate::import::read::Source;

    #[test]
    fn recycled_cells_hold_exactly_the_next_rows_cells() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("ragged.csv");
        std::fs::write(
            &path,
            "名称,地址,税号\n华强,深圳市福田区,9144\n鑫达\n甲,乙,丙,丁\n",
        )
        .unwrap();
        let mut rows = Source::open(&path).unwrap().rows(None).unwrap();
        let mut seen = Vec::new();
        while let Some(row) = rows.next() {
            let row = row.unwrap();
            seen.push(row.cells.clone());
            rows.recycle(row.cells);
        }
        assert_eq!(
            seen,
            [
                vec!["名称", "地址", "税号"],
                vec!["华强", "深圳市福田区", "9144"],
                vec!["鑫达"],
                vec!["甲", "乙", "丙", "丁"],
            ]
        );
    }
}
