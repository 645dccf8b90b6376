//! A VFS for encrypted databases whose temporary files never reach the
//! disk: SQLite's own temporary files (sorter runs, temporary tables,
//! statement journals) are kept in memory, every named file (the database,
//! its WAL, its shared memory) goes to the default VFS unchanged.
//!
//! SQLCipher encrypts the pages of the database and its WAL but not
//! SQLite's temporary files, so a keyed connection could only keep them in
//! memory with `temp_store = MEMORY` — and then SQLite's sorter never
//! spills and never uses its helper threads (vdbesort.c: no worker threads
//! when `sqlite3TempInMemory`). Through this VFS a keyed connection can use
//! `temp_store = FILE`: the sorter spills its runs to these memory files and
//! sorts them on helper threads, and still no plaintext reaches a file.

use std::ffi::{c_int, c_void};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicPtr, AtomicUsize, Ordering};

use rusqlite::ffi;

#[cfg(test)]
mod tests;

/// The name connections are opened with.
pub(super) const NAME: &str = "kehu-sealed-temp";
const NAME_C: &std::ffi::CStr = c"kehu-sealed-temp";

/// Memory files grow in chunks this big: no reallocation copies a large
/// file, and an unwritten chunk of a sparse file takes no memory.
const CHUNK: usize = 64 * 1024;

/// The flags of files SQLite opens only for the life of a connection or a
/// statement (it also opens these with no name).
const TEMPORARY: c_int = ffi::SQLITE_OPEN_TEMP_DB
    | ffi::SQLITE_OPEN_TEMP_JOURNAL
    | ffi::SQLITE_OPEN_SUBJOURNAL
    | ffi::SQLITE_OPEN_TRANSIENT_DB;

/// The VFS this one wraps (the default one when it was registered).
static INNER: AtomicPtr<ffi::sqlite3_vfs> = AtomicPtr::new(std::ptr::null_mut());

/// Temporary files served from memory since the process started.
static OPENED: AtomicUsize = AtomicUsize::new(0);

/// Registers the VFS once; whether it is there to open connections with.
pub(super) fn register() -> bool {
    static REGISTERED: OnceLock<bool> = OnceLock::new();
    // SAFETY: sqlite3_vfs_find and sqlite3_vfs_register are thread-safe; the
    // registered struct is leaked, so it lives as long as the process. Its
    // methods are the default VFS's own, which take the VFS they are called
    // through only to read fields copied unchanged (pAppData, mxPathname).
    *REGISTERED.get_or_init(|| unsafe {
        let inner = ffi::sqlite3_vfs_find(std::ptr::null());
        if inner.is_null() {
            return false;
        }
        let mut vfs = std::ptr::read(inner);
        vfs.szOsFile = vfs.szOsFile.max(std::mem::size_of::<MemFile>() as c_int);
        vfs.zName = NAME_C.as_ptr();
        vfs.pNext = std::ptr::null_mut();
        vfs.xOpen = Some(open);
        INNER.store(inner, Ordering::Release);
        ffi::sqlite3_vfs_register(Box::leak(Box::new(vfs)), 0) == ffi::SQLITE_OK
    })
}

/// How many temporary files were served from memory so far.
#[cfg(test)]
pub(super) fn files_opened() -> usize {
    OPENED.load(Ordering::Relaxed)
}

/// A temporary file's bytes: `size` long, held in `CHUNK`-sized pieces, a
/// missing piece reading as zeros.
#[derive(Default)]
struct Contents {
    chunks: Vec<Option<Box<[u8]>>>,
    size: usize,
}

impl Contents {
    /// Copies into `buf` from `offset`; how many bytes the file had there
    /// (the rest of `buf` is zeroed, as SQLite asks of a short read).
    fn read(&self, buf: &mut [u8], offset: usize) -> usize {
        let available = self.size.saturating_sub(offset).min(buf.len());
        let mut done = 0;
        while done < available {
            let at = offset + done;
            let (chunk, within) = (at / CHUNK, at % CHUNK);
            let n = (CHUNK - within).min(available - done);
            match self.chunks.get(chunk).and_then(Option::as_ref) {
                Some(bytes) => buf[done..done + n].copy_from_slice(&bytes[within..within + n]),
                None => buf[done..done + n].fill(0),
            }
            done += n;
        }
        buf[available..].fill(0);
        available
    }

    fn write(&mut self, data: &[u8], offset: usize) {
        let mut done = 0;
        while done < data.len() {
            let at = offset + done;
            let (chunk, within) = (at / CHUNK, at % CHUNK);
            let n = (CHUNK - within).min(data.len() - done);
            if self.chunks.len() <= chunk {
                self.chunks.resize_with(chunk + 1, || None);
            }
            let bytes = self.chunks[chunk].get_or_insert_with(|| vec![0; CHUNK].into_boxed_slice());
            bytes[within..within + n].copy_from_slice(&data[done..done + n]);
            done += n;
        }
        self.size = self.size.max(offset + data.len());
    }

    fn truncate(&mut self, size: usize) {
        if size < self.size {
            self.chunks.truncate(size.div_ceil(CHUNK));
            // The kept part of the last chunk stays; the cut part must read
            // as zeros if the file grows again.
            if let Some(Some(last)) = self.chunks.last_mut() {
                let within = size % CHUNK;
                if within > 0 {
                    last[within..].fill(0);
                }
            }
        }
        self.size = size;
    }
}

/// What SQLite allocates for an open file (`szOsFile` bytes), when the file
/// is one of ours: the methods first, as SQLite requires.
#[repr(C)]
struct MemFile {
    base: ffi::sqlite3_file,
    contents: *mut Contents,
}

static METHODS: ffi::sqlite3_io_methods = ffi::sqlite3_io_methods {
    iVersion: 1,
    xClose: Some(close),
    xRead: Some(read),
    xWrite: Some(write),
    xTruncate: Some(truncate),
    xSync: Some(ok_sync),
    xFileSize: Some(file_size),
    xLock: Some(ok_lock),
    xUnlock: Some(ok_lock),
    xCheckReservedLock: Some(no_reserved_lock),
    xFileControl: Some(file_control),
    xSectorSize: Some(sector_size),
    xDeviceCharacteristics: Some(device_characteristics),
    xShmMap: None,
    xShmLock: None,
    xShmBarrier: None,
    xShmUnmap: None,
    xFetch: None,
    xUnfetch: None,
};

unsafe extern "C" fn open(
    _vfs: *mut ffi::sqlite3_vfs,
    name: ffi::sqlite3_filename,
    file: *mut ffi::sqlite3_file,
    flags: c_int,
    out_flags: *mut c_int,
) -> c_int {
    if name.is_null() || flags & TEMPORARY != 0 {
        let contents = Box::into_raw(Box::<Contents>::default());
        // SAFETY: SQLite gives `file` szOsFile bytes, at least a MemFile.
        unsafe {
            file.cast::<MemFile>().write(MemFile {
                base: ffi::sqlite3_file { pMethods: &METHODS },
                contents,
            });
            if !out_flags.is_null() {
                *out_flags = flags;
            }
        }
        OPENED.fetch_add(1, Ordering::Relaxed);
        return ffi::SQLITE_OK;
    }
    let inner = INNER.load(Ordering::Acquire);
    // SAFETY: INNER was set before this VFS was registered, to a VFS SQLite
    // keeps for the life of the process; the arguments are SQLite's own.
    unsafe {
        match (*inner).xOpen {
            Some(inner_open) => inner_open(inner, name, file, flags, out_flags),
            None => ffi::SQLITE_CANTOPEN,
        }
    }
}

/// The contents of a file this VFS opened.
///
/// # Safety
/// `file` is a MemFile `open` filled in and `close` has not freed.
unsafe fn contents<'a>(file: *mut ffi::sqlite3_file) -> &'a mut Contents {
    // SAFETY: as the caller promises; SQLite never uses one file from two
    // threads at once (the sorter hands a file between threads by joining).
    unsafe { &mut *(*file.cast::<MemFile>()).contents }
}

/// The byte range SQLite passes, or None if it does not fit this machine.
fn range(amount: c_int, offset: ffi::sqlite3_int64) -> Option<(usize, usize)> {
    let amount = usize::try_from(amount).ok()?;
    let offset = usize::try_from(offset).ok()?;
    offset.checked_add(amount)?;
    Some((amount, offset))
}

unsafe extern "C" fn close(file: *mut ffi::sqlite3_file) -> c_int {
    // SAFETY: called once per file `open` made; the contents are freed here
    // and the methods cleared so nothing reaches them again.
    unsafe {
        let mem = file.cast::<MemFile>();
        drop(Box::from_raw((*mem).contents));
        (*mem).contents = std::ptr::null_mut();
        (*mem).base.pMethods = std::ptr::null();
    }
    ffi::SQLITE_OK
}

unsafe extern "C" fn read(
    file: *mut ffi::sqlite3_file,
    buf: *mut c_void,
    amount: c_int,
    offset: ffi::sqlite3_int64,
) -> c_int {
    let Some((amount, offset)) = range(amount, offset) else {
        return ffi::SQLITE_IOERR_READ;
    };
    // SAFETY: SQLite passes a buffer of `amount` bytes and one of our files.
    let (buf, contents) = unsafe {
        (
            std::slice::from_raw_parts_mut(buf.cast::<u8>(), amount),
            contents(file),
        )
    };
    if contents.read(buf, offset) == amount {
        ffi::SQLITE_OK
    } else {
        ffi::SQLITE_IOERR_SHORT_READ
    }
}

unsafe extern "C" fn write(
    file: *mut ffi::sqlite3_file,
    buf: *const c_void,
    amount: c_int,
    offset: ffi::sqlite3_int64,
) -> c_int {
    let Some((amount, offset)) = range(amount, offset) else {
        return ffi::SQLITE_IOERR_WRITE;
    };
    // SAFETY: SQLite passes `amount` bytes and one of our files.
    unsafe {
        contents(file).write(std::slice::from_raw_parts(buf.cast::<u8>(), amount), offset);
    }
    ffi::SQLITE_OK
}

unsafe extern "C" fn truncate(file: *mut ffi::sqlite3_file, size: ffi::sqlite3_int64) -> c_int {
    let Ok(size) = usize::try_from(size) else {
        return ffi::SQLITE_IOERR_TRUNCATE;
    };
    // SAFETY: one of our files.
    unsafe { contents(file).truncate(size) };
    ffi::SQLITE_OK
}

unsafe extern "C" fn file_size(
    file: *mut ffi::sqlite3_file,
    size: *mut ffi::sqlite3_int64,
) -> c_int {
    // SAFETY: one of our files and an out pointer from SQLite.
    unsafe { *size = contents(file).size as ffi::sqlite3_int64 };
    ffi::SQLITE_OK
}

unsafe extern "C" fn ok_sync(_file: *mut ffi::sqlite3_file, _flags: c_int) -> c_int {
    ffi::SQLITE_OK
}

/// A temporary file belongs to one connection: no other process locks it.
unsafe extern "C" fn ok_lock(_file: *mut ffi::sqlite3_file, _level: c_int) -> c_int {
    ffi::SQLITE_OK
}

unsafe extern "C" fn no_reserved_lock(_file: *mut ffi::sqlite3_file, out: *mut c_int) -> c_int {
    // SAFETY: an out pointer from SQLite.
    unsafe { *out = 0 };
    ffi::SQLITE_OK
}

unsafe extern "C" fn file_control(
    _file: *mut ffi::sqlite3_file,
    _op: c_int,
    _arg: *mut c_void,
) -> c_int {
    ffi::SQLITE_NOTFOUND
}

unsafe extern "C" fn sector_size(_file: *mut ffi::sqlite3_file) -> c_int {
    4096
}

unsafe extern "C" fn device_characteristics(_file: *mut ffi::sqlite3_file) -> c_int {
    ffi::SQLITE_IOCAP_POWERSAFE_OVERWRITE | ffi::SQLITE_IOCAP_SAFE_APPEND
}
