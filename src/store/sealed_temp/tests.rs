use super::*;

use rusqlite::Connection;

/// A file opened through the registered VFS as SQLite opens a sorter's.
struct Opened {
    mem: Box<[u64]>,
}

impl Opened {
    fn temp() -> Opened {
        assert!(register());
        // SAFETY: the VFS was just found by its name; `mem` is szOsFile
        // bytes, aligned for the pointers a sqlite3_file holds.
        unsafe {
            let vfs = ffi::sqlite3_vfs_find(NAME_C.as_ptr());
            assert!(!vfs.is_null());
            let words = ((*vfs).szOsFile as usize).div_ceil(8);
            let mut mem = vec![0u64; words].into_boxed_slice();
            let mut out = 0;
            let flags = ffi::SQLITE_OPEN_TEMP_JOURNAL
                | ffi::SQLITE_OPEN_READWRITE
                | ffi::SQLITE_OPEN_CREATE
                | ffi::SQLITE_OPEN_DELETEONCLOSE;
            let open = (*vfs).xOpen.unwrap();
            let rc = open(
                vfs,
                std::ptr::null(),
                mem.as_mut_ptr().cast(),
                flags,
                &mut out,
            );
            assert_eq!(rc, ffi::SQLITE_OK);
            assert_eq!(out, flags);
            Opened { mem }
        }
    }

    fn file(&mut self) -> *mut ffi::sqlite3_file {
        self.mem.as_mut_ptr().cast()
    }

    fn methods(&mut self) -> &'static ffi::sqlite3_io_methods {
        // SAFETY: an open file's methods are the static METHODS.
        unsafe { &*(*self.file()).pMethods }
    }

    fn write(&mut self, data: &[u8], offset: i64) {
        let write = self.methods().xWrite.unwrap();
        // SAFETY: an open file and a buffer of the length given.
        let rc = unsafe {
            write(
                self.file(),
                data.as_ptr().cast(),
                data.len() as c_int,
                offset,
            )
        };
        assert_eq!(rc, ffi::SQLITE_OK);
    }

    fn read(&mut self, len: usize, offset: i64) -> (c_int, Vec<u8>) {
        let read = self.methods().xRead.unwrap();
        let mut buf = vec![0xAA; len];
        // SAFETY: an open file and a buffer of the length given.
        let rc = unsafe { read(self.file(), buf.as_mut_ptr().cast(), len as c_int, offset) };
        (rc, buf)
    }

    fn size(&mut self) -> i64 {
        let file_size = self.methods().xFileSize.unwrap();
        let mut size = -1;
        // SAFETY: an open file and an out pointer.
        assert_eq!(unsafe { file_size(self.file(), &mut size) }, ffi::SQLITE_OK);
        size
    }

    fn truncate(&mut self, size: i64) {
        let truncate = self.methods().xTruncate.unwrap();
        // SAFETY: an open file.
        assert_eq!(unsafe { truncate(self.file(), size) }, ffi::SQLITE_OK);
    }
}

impl Drop for Opened {
    fn drop(&mut self) {
        let close = self.methods().xClose.unwrap();
        // SAFETY: an open file, closed once.
        assert_eq!(unsafe { close(self.file()) }, ffi::SQLITE_OK);
    }
}

#[test]
fn a_memory_file_reads_back_what_was_written_at_any_offset() {
    let mut f = Opened::temp();
    assert_eq!(f.size(), 0);
    // Across a chunk boundary.
    let data: Vec<u8> = (0..3000u32).map(|i| (i % 251) as u8).collect();
    let at = CHUNK as i64 - 1000;
    f.write(&data, at);
    assert_eq!(f.size(), at + 3000);
    assert_eq!(f.read(3000, at), (ffi::SQLITE_OK, data.clone()));
    // Overwriting a middle part keeps both ends.
    f.write(b"kehu", at + 10);
    let (rc, back) = f.read(20, at);
    assert_eq!(rc, ffi::SQLITE_OK);
    assert_eq!(&back[..10], &data[..10]);
    assert_eq!(&back[10..14], b"kehu");
    assert_eq!(&back[14..], &data[14..20]);
    // Reading past the end: a short read, the missing part zeroed.
    let (rc, back) = f.read(100, at + 2950);
    assert_eq!(rc, ffi::SQLITE_IOERR_SHORT_READ);
    assert_eq!(&back[..50], &data[2950..]);
    assert!(back[50..].iter().all(|&b| b == 0));
    let (rc, back) = f.read(10, at + 10_000);
    assert_eq!(rc, ffi::SQLITE_IOERR_SHORT_READ);
    assert_eq!(back, vec![0; 10]);
}

#[test]
fn a_sparse_memory_file_reads_zeros_where_nothing_was_written() {
    let mut f = Opened::temp();
    let far = 5 * CHUNK as i64 + 7;
    f.write(b"end", far);
    assert_eq!(f.size(), far + 3);
    let (rc, back) = f.read(far as usize + 3, 0);
    assert_eq!(rc, ffi::SQLITE_OK);
    assert!(back[..far as usize].iter().all(|&b| b == 0));
    assert_eq!(&back[far as usize..], b"end");
    // SAFETY: the file is open; only chunk 5 holds memory.
    let held = unsafe { contents(f.file()) }
        .chunks
        .iter()
        .filter(|c| c.is_some())
        .count();
    assert_eq!(held, 1);
}

#[test]
fn a_truncated_memory_file_shrinks_and_grows_again_with_zeros() {
    let mut f = Opened::temp();
    f.write(&vec![7u8; 3 * CHUNK], 0);
    f.truncate(CHUNK as i64 + 100);
    assert_eq!(f.size(), CHUNK as i64 + 100);
    // SAFETY: the file is open.
    assert_eq!(unsafe { contents(f.file()) }.chunks.len(), 2);
    f.write(b"x", 2 * CHUNK as i64);
    let (rc, back) = f.read(CHUNK + 1, CHUNK as i64);
    assert_eq!(rc, ffi::SQLITE_OK);
    assert!(back[..100].iter().all(|&b| b == 7));
    assert!(
        back[100..CHUNK].iter().all(|&b| b == 0),
        "cut bytes come back as zeros"
    );
    assert_eq!(back[CHUNK], b'x');
    f.truncate(0);
    assert_eq!(f.size(), 0);
    assert_eq!(f.read(1, 0).0, ffi::SQLITE_IOERR_SHORT_READ);
}

#[test]
fn memory_files_on_several_threads_keep_their_own_bytes() {
    let threads: Vec<_> = (0..4u8)
        .map(|t| {
            std::thread::spawn(move || {
                let mut f = Opened::temp();
                for i in 0..200i64 {
                    f.write(&[t; 1000], i * 1000);
                }
                let (rc, back) = f.read(200_000, 0);
                assert_eq!(rc, ffi::SQLITE_OK);
                back.iter().all(|&b| b == t)
            })
        })
        .collect();
    for t in threads {
        assert!(t.join().unwrap());
    }
}

#[test]
fn named_files_go_to_the_default_vfs_and_temporary_ones_stay_in_memory() {
    assert!(register());
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sealed.db");
    let conn =
        Connection::open_with_flags_and_vfs(&path, rusqlite::OpenFlags::default(), NAME).unwrap();
    conn.execute_batch(
        "PRAGMA journal_mode = WAL; PRAGMA temp_store = FILE; PRAGMA threads = 2;
         PRAGMA cache_size = -512;
         CREATE TABLE t (k TEXT);
         WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 199999)
         INSERT INTO t SELECT printf('%08d-%s', (i * 7919) % 200000, hex(randomblob(8))) FROM n;",
    )
    .unwrap();
    assert!(path.exists() && path.with_extension("db-wal").exists());
    let before = files_opened();
    // Runs of 2 MB at least: several megabytes of keys spill to a few
    // files, merged on the helper thread.
    conn.execute_batch("CREATE INDEX t_k ON t (k)").unwrap();
    assert!(
        files_opened() >= before + 2,
        "the sort spilled to memory files"
    );
    let check: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(check, "ok");
    let mut stmt = conn.prepare("SELECT k FROM t ORDER BY k").unwrap();
    let keys: Vec<String> = stmt
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(|k| k.unwrap())
        .collect();
    assert_eq!(keys.len(), 200_000);
    assert!(keys.windows(2).all(|w| w[0] <= w[1]));
    assert_eq!(&keys[0][..8], "00000000");
    // A temporary table goes to memory as well.
    let before = files_opened();
    conn.execute_batch("CREATE TEMP TABLE scratch AS SELECT k FROM t")
        .unwrap();
    assert!(files_opened() > before);
}
