use super::*;

fn file(rel: &str) -> Vec<u8> {
    std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)).unwrap()
}

/// A good .xls written by a spreadsheet program: 512-byte sectors, one
/// FAT sector, the directory in one sector, a 4,096-byte Workbook stream.
fn good() -> Vec<u8> {
    file("tests/data/import/customers.xls")
}

fn put_u32(bytes: &mut [u8], at: usize, value: u32) {
    bytes[at..at + 4].copy_from_slice(&value.to_le_bytes());
}

/// Sets the FAT entry of `sector` (the file's first FAT sector).
fn set_next(bytes: &mut [u8], sector: u32, next: u32) {
    let fat_sector = u32_at(bytes, 76) as usize;
    put_u32(bytes, (fat_sector + 1) * 512 + sector as usize * 4, next);
}

/// The byte offset of the directory entry called `name`.
fn entry_at(bytes: &[u8], name: &str) -> usize {
    let dir = (u32_at(bytes, 48) as usize + 1) * 512;
    (0..4)
        .map(|i| dir + i * DIR_ENTRY)
        .find(|at| entry_name(&bytes[*at..*at + DIR_ENTRY]) == name)
        .unwrap()
}

#[test]
fn good_workbooks_from_the_corpus_pass() {
    for rel in [
        "tests/data/import/customers.xls",
        "tests/corpus/statements/kis_ledger.xls",
        "tests/corpus/customers/u8_customer_archive.xls",
        "tests/corpus/customers/xls_notes_sheet_first.xls",
    ] {
        assert_eq!(check(&file(rel)), Ok(()), "{rel}");
    }
}

#[test]
fn a_directory_chain_in_a_circle_is_refused() {
    let mut bytes = good();
    let dir = u32_at(&bytes, 48);
    set_next(&mut bytes, dir, dir);
    let err = check(&bytes).unwrap_err();
    assert!(err.contains("directory chain runs in a circle"), "{err}");
}

#[test]
fn the_fuzzed_file_that_ran_calamine_out_of_memory_is_refused() {
    let bytes = file("tests/data/fuzz/workbook_reader/cfb_chain_in_a_circle.xls");
    let err = check(&bytes).unwrap_err();
    assert!(err.contains("circle"), "{err}");
}

#[test]
fn a_stream_chain_in_a_circle_is_refused_though_its_length_is_huge() {
    // calamine stops a stream's chain at the length the directory gives:
    // 4 GB of a two-sector circle before this check.
    let mut bytes = good();
    let at = entry_at(&bytes, "Workbook");
    put_u32(&mut bytes, at + 120, 0xFFFF_FFF0);
    let start = u32_at(&bytes, at + 116);
    let second = u32_at(
        &bytes,
        (u32_at(&bytes, 76) as usize + 1) * 512 + start as usize * 4,
    );
    set_next(&mut bytes, second, start);
    let err = check(&bytes).unwrap_err();
    assert!(
        err.contains("Workbook stream chain runs in a circle"),
        "{err}"
    );
}

#[test]
fn a_chain_longer_than_the_file_is_refused() {
    let mut bytes = good();
    let dir = u32_at(&bytes, 48);
    set_next(&mut bytes, dir, 10_000);
    let err = check(&bytes).unwrap_err();
    assert!(err.contains("directory chain points past the end"), "{err}");

    // A file cut short: its Workbook stream runs past the end.
    let whole = good();
    let err = check(&whole[..2048]).unwrap_err();
    assert!(err.contains("past the end"), "{err}");
}

#[test]
fn a_sector_size_other_than_512_or_4096_is_refused() {
    for shift in [0u8, 7, 10, 16] {
        let mut bytes = good();
        bytes[30] = shift;
        let err = check(&bytes).unwrap_err();
        assert!(err.contains("sector size"), "{shift}: {err}");
    }
}

#[test]
fn a_fat_sector_listed_twice_or_outside_the_file_is_refused() {
    let mut bytes = good();
    let fat = u32_at(&bytes, 76);
    put_u32(&mut bytes, 80, fat);
    assert!(check(&bytes).unwrap_err().contains("listed twice"));

    let mut bytes = good();
    put_u32(&mut bytes, 76, 0xFFFF_FFFA);
    assert!(check(&bytes).unwrap_err().contains("past the end"));
}

#[test]
fn a_file_that_is_not_a_compound_file_is_refused() {
    assert!(check(b"PK\x03\x04 not an ole file").is_err());
    let mut bytes = good();
    bytes[0] = b'X';
    assert!(check(&bytes).unwrap_err().contains("header"));
}
