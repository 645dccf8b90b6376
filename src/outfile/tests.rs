//! The checks on real files in a temp folder.

use super::*;
use crate::domain::Lang;

fn rules(db: &Path) -> Rules {
    Rules::new(Some(db))
}

#[test]
fn the_database_and_its_side_files_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.db");
    fs::write(&db, b"SQLite format 3\0rest").unwrap();
    for name in ["k.db", "k.db-wal", "k.db-journal", "k.db-shm"] {
        let err = check(&dir.path().join(name), Format::SHEETS, &rules(&db)).unwrap_err();
        assert_eq!(err.code(), "output.is_database", "{name}");
    }
    // Through another spelling of the same folder.
    let odd = dir.path().join(".").join("k.db");
    assert_eq!(
        check(&odd, Format::SHEETS, &rules(&db)).unwrap_err().code(),
        "output.is_database"
    );
}

#[test]
fn any_sqlite_file_is_refused_even_with_force() {
    let dir = tempfile::tempdir().unwrap();
    let other = dir.path().join("other.csv");
    fs::write(&other, b"SQLite format 3\0rest").unwrap();
    let err = check(&other, Format::SHEETS, &Rules::default().force(true)).unwrap_err();
    assert_eq!(err.code(), "output.is_database");
}

#[test]
fn extension_must_name_the_format() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["notes.docx", "out.pdf", "noext"] {
        let err = check(&dir.path().join(name), Format::SHEETS, &Rules::default()).unwrap_err();
        assert_eq!(err.code(), "output.extension");
        assert!(err.text(Lang::Zh).contains(".xlsx 或 .csv"));
        assert!(err.text(Lang::En).contains(".xlsx / .csv"));
    }
    assert_eq!(
        check(
            &dir.path().join("a.XLSX"),
            Format::SHEETS,
            &Rules::default()
        )
        .unwrap(),
        Format::Xlsx
    );
}

#[test]
fn a_failed_write_leaves_nothing_and_a_good_one_replaces_only_with_force() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("out.csv");
    let failed = write(&target, Format::SHEETS, &Rules::default(), |tmp, _| {
        fs::write(tmp, b"half")?;
        Err(std::io::Error::other("disk full"))
    });
    assert_eq!(failed.unwrap_err().code(), "output.write");
    assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 0);
    write(&target, Format::SHEETS, &Rules::default(), |tmp, _| {
        fs::write(tmp, b"one")
    })
    .unwrap();
    let again = write(&target, Format::SHEETS, &Rules::default(), |tmp, _| {
        fs::write(tmp, b"two")
    });
    assert_eq!(again.unwrap_err().code(), "output.exists");
    assert_eq!(fs::read(&target).unwrap(), b"one");
    write(
        &target,
        Format::SHEETS,
        &Rules::default().force(true),
        |tmp, _| fs::write(tmp, b"two"),
    )
    .unwrap();
    assert_eq!(fs::read(&target).unwrap(), b"two");
    assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
}

#[test]
fn a_missing_folder_and_the_input_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in.csv");
    fs::write(&input, "a\n").unwrap();
    let r = Rules::default().input(&input).force(true);
    assert_eq!(
        check(&input, Format::SHEETS, &r).unwrap_err().code(),
        "output.is_input"
    );
    let missing = dir.path().join("nope/out.csv");
    assert_eq!(
        check(&missing, Format::SHEETS, &r).unwrap_err().code(),
        "output.no_folder"
    );
}

#[cfg(unix)]
#[test]
fn a_symlink_or_hard_link_to_the_database_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.db");
    fs::write(&db, b"x").unwrap();
    std::os::unix::fs::symlink(&db, dir.path().join("link.csv")).unwrap();
    fs::hard_link(&db, dir.path().join("hard.csv")).unwrap();
    for name in ["link.csv", "hard.csv"] {
        let r = rules(&db).force(true);
        let err = check(&dir.path().join(name), Format::SHEETS, &r).unwrap_err();
        assert_eq!(err.code(), "output.is_database", "{name}");
    }
}
