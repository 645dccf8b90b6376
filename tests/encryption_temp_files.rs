//! An encrypted import large enough to spill its index sorts leaves no
//! plaintext in any file: SQLite's temporary files stay in memory (the
//! sealed VFS), nothing is created in the temporary folder, and every file
//! beside the database holds none of the rows' tax IDs or names.

use std::path::{Path, PathBuf};
use std::process::Command;

use kehu::synth::customer_values;

const KEY: &str = "temp files passphrase";
/// Past the 20,000 rows that defer the index builds, and enough keys to
/// fill more than one of the sorter's 2 MB runs (250 pages of 8 KiB).
const ROWS: u64 = 120_000;

fn kehu(db: &Path, tmp: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_kehu"));
    cmd.arg("--db")
        .arg(db)
        .env("KEHU_OPERATOR", "测试员")
        .env("TMPDIR", tmp)
        .env("SQLITE_TMPDIR", tmp)
        .env_remove("KEHU_DB_KEY")
        .env_remove("KEHU_NEW_DB_KEY");
    cmd
}

fn run(mut cmd: Command) {
    let out = cmd.output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Every file under `dir`, in subfolders too.
fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            found.extend(files_under(&path));
        } else {
            found.push(path);
        }
    }
    found
}

/// Names of the files created in `dir` while `watch` was open (inotify:
/// SQLite unlinks its temporary files as soon as it opens them, so looking
/// at the folder afterwards would find nothing).
struct CreatedIn {
    fd: i32,
}

impl CreatedIn {
    fn watch(dir: &Path) -> CreatedIn {
        use std::os::unix::ffi::OsStrExt;
        let name = std::ffi::CString::new(dir.as_os_str().as_bytes()).unwrap();
        // SAFETY: plain system calls on a fresh descriptor and a C string.
        unsafe {
            let fd = libc::inotify_init1(libc::IN_NONBLOCK | libc::IN_CLOEXEC);
            assert!(fd >= 0);
            let wd = libc::inotify_add_watch(fd, name.as_ptr(), libc::IN_CREATE);
            assert!(wd >= 0);
            CreatedIn { fd }
        }
    }

    fn names(&self) -> Vec<String> {
        let mut names = Vec::new();
        let mut buf = vec![0u8; 64 * 1024];
        loop {
            // SAFETY: reads into a buffer of its own length.
            let n = unsafe { libc::read(self.fd, buf.as_mut_ptr().cast(), buf.len()) };
            if n <= 0 {
                return names;
            }
            let mut at = 0;
            let header = std::mem::size_of::<libc::inotify_event>();
            while at + header <= n as usize {
                // SAFETY: the kernel writes whole events, each a header
                // followed by `len` bytes of NUL-padded name.
                let event: libc::inotify_event =
                    unsafe { std::ptr::read_unaligned(buf[at..].as_ptr().cast()) };
                let name = &buf[at + header..at + header + event.len as usize];
                let end = name.iter().position(|&b| b == 0).unwrap_or(name.len());
                names.push(String::from_utf8_lossy(&name[..end]).into_owned());
                at += header + event.len as usize;
            }
        }
    }
}

impl Drop for CreatedIn {
    fn drop(&mut self) {
        // SAFETY: our own descriptor, closed once.
        unsafe { libc::close(self.fd) };
    }
}

#[test]
fn an_encrypted_import_that_spills_its_sorts_writes_no_plaintext_anywhere() {
    let work = tempfile::tempdir().unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let db = work.path().join("books").join("kehu.db");
    std::fs::create_dir_all(db.parent().unwrap()).unwrap();

    let rows: Vec<_> = (0..ROWS).map(customer_values).collect();
    let csv = work.path().join("customers.csv");
    let headers: Vec<String> = rows[0].keys().cloned().collect();
    let mut w = csv::Writer::from_path(&csv).unwrap();
    w.write_record(&headers).unwrap();
    for v in &rows {
        w.write_record(headers.iter().map(|h| v[h].as_str()))
            .unwrap();
    }
    w.flush().unwrap();

    let mut cmd = kehu(&db, tmp.path());
    cmd.args(["settings", "credit-ceiling"]);
    run(cmd);
    let mut cmd = kehu(&db, tmp.path());
    cmd.env("KEHU_NEW_DB_KEY", KEY).arg("encrypt");
    run(cmd);

    let created = CreatedIn::watch(tmp.path());
    let mut cmd = kehu(&db, tmp.path());
    cmd.env("KEHU_DB_KEY", KEY)
        .args(["import", csv.to_str().unwrap(), "--format", "json"]);
    let out = cmd.output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let created = created.names();
    assert!(
        created.is_empty(),
        "files created in the temporary folder: {created:?}"
    );
    // The rows are in (the import did its work) ...
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(report.contains(&ROWS.to_string()), "{report}");
    // ... and no file holds one in plaintext: tax IDs (sorted into the
    // deferred UNIQUE index) and names (into the name-key index).
    let needles: Vec<&str> = (0..ROWS as usize)
        .step_by(997)
        .flat_map(|i| [rows[i]["tax_id"].as_str(), rows[i]["name"].as_str()])
        .collect();
    let mut files = files_under(work.path());
    files.extend(files_under(tmp.path()));
    files.retain(|f| f != &csv);
    assert!(files.contains(&db), "{files:?}");
    for file in &files {
        let bytes = std::fs::read(file).unwrap();
        for needle in &needles {
            let found = memchr::memmem::find(&bytes, needle.as_bytes());
            assert!(found.is_none(), "{} holds {needle}", file.display());
        }
    }
}
