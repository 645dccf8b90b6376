//! The bulk path's customer insert, bound without copying its text.
//!
//! rusqlite binds every non-empty text as `SQLITE_TRANSIENT`: SQLite
//! allocates and copies each of a row's dozen texts before the step, which
//! copies them once more into the record. That first copy was ~11% of a
//! million-row import's writing thread (`sqlite3_bind_text64`). rusqlite
//! has no safe way to bind `SQLITE_STATIC`, so this statement is prepared
//! and bound through `rusqlite::ffi` on the connection's handle. The one
//! rule `SQLITE_STATIC` asks — the bytes outlive every use of the binding —
//! holds because the values `execute` binds are its caller's, alive until
//! it returns, and it clears the bindings after the step and reset.

use std::ffi::{CStr, c_int};
use std::marker::PhantomData;
use std::ptr::{self, NonNull};

use rusqlite::types::{ToSqlOutput, ValueRef};
use rusqlite::{Connection, ToSql, ffi};

use crate::store::{Result, StoreError};

/// One prepared statement on `conn`, finalised on drop (before the
/// connection can go: it borrows it).
pub(in crate::store) struct HeldInsert<'conn> {
    db: *mut ffi::sqlite3,
    stmt: NonNull<ffi::sqlite3_stmt>,
    params: usize,
    _conn: PhantomData<&'conn Connection>,
}

impl<'conn> HeldInsert<'conn> {
    pub fn prepare(conn: &'conn Connection, sql: &str) -> Result<HeldInsert<'conn>> {
        let len = c_int::try_from(sql.len())
            .map_err(|_| StoreError::Refused("statement too long".into()))?;
        // SAFETY: the handle is the live connection `conn`, borrowed for as
        // long as this statement exists; `sql` is valid for `len` bytes.
        unsafe {
            let db = conn.handle();
            let mut stmt = ptr::null_mut();
            let rc = ffi::sqlite3_prepare_v3(
                db,
                sql.as_ptr().cast(),
                len,
                ffi::SQLITE_PREPARE_PERSISTENT,
                &mut stmt,
                ptr::null_mut(),
            );
            if rc != ffi::SQLITE_OK {
                return Err(failure(db, rc));
            }
            let stmt =
                NonNull::new(stmt).ok_or_else(|| StoreError::Refused("empty statement".into()))?;
            let params = ffi::sqlite3_bind_parameter_count(stmt.as_ptr()).max(0) as usize;
            Ok(HeldInsert {
                db,
                stmt,
                params,
                _conn: PhantomData,
            })
        }
    }

    /// Binds `params` (?1, ?2, … in order), runs the statement once and
    /// gives the connection's last insert rowid.
    pub fn execute(&mut self, params: &[&dyn ToSql]) -> Result<i64> {
        if params.len() != self.params {
            return Err(rusqlite::Error::InvalidParameterCount(params.len(), self.params).into());
        }
        let stmt = self.stmt.as_ptr();
        let mut bound = Ok(());
        for (i, param) in params.iter().enumerate() {
            let at = i as c_int + 1;
            // SAFETY: `stmt` is this live statement. A borrowed value's bytes
            // belong to `params`, alive until this call returns, and the
            // bindings are cleared before it does; an owned value is copied.
            let rc = match param.to_sql() {
                Ok(ToSqlOutput::Borrowed(value)) => unsafe {
                    bind(stmt, at, value, Bytes::Borrowed)
                },
                Ok(ToSqlOutput::Owned(value)) => unsafe {
                    bind(stmt, at, ValueRef::from(&value), Bytes::Copied)
                },
                Ok(_) => {
                    bound = Err(StoreError::Refused("unsupported parameter".into()));
                    break;
                }
                Err(e) => {
                    bound = Err(e.into());
                    break;
                }
            };
            if rc != ffi::SQLITE_OK {
                bound = Err(unsafe { failure(self.db, rc) });
                break;
            }
        }
        // SAFETY: as above; after the reset and the clear nothing in the
        // statement points into `params` any more.
        unsafe {
            let result = match bound {
                Ok(()) => match ffi::sqlite3_step(stmt) {
                    ffi::SQLITE_DONE => Ok(ffi::sqlite3_last_insert_rowid(self.db)),
                    ffi::SQLITE_ROW => Err(rusqlite::Error::ExecuteReturnedResults.into()),
                    rc => Err(failure(self.db, rc)),
                },
                Err(e) => Err(e),
            };
            // After a failed step reset repeats its error, already taken.
            ffi::sqlite3_reset(stmt);
            ffi::sqlite3_clear_bindings(stmt);
            result
        }
    }
}

/// Whether SQLite copies a text or blob (`SQLITE_TRANSIENT`) or points at
/// it (`SQLITE_STATIC`).
#[derive(Clone, Copy)]
enum Bytes {
    Borrowed,
    Copied,
}

impl Drop for HeldInsert<'_> {
    fn drop(&mut self) {
        // SAFETY: the statement is live and finalised exactly once, here.
        unsafe {
            ffi::sqlite3_finalize(self.stmt.as_ptr());
        }
    }
}

/// Binds one value. Empty text or blob points at a static byte, as
/// rusqlite does, never at a dangling empty slice.
///
/// # Safety
/// `stmt` is a live statement; with `Bytes::Borrowed` the bytes of a text or blob
/// stay valid until its bindings are cleared or replaced.
unsafe fn bind(stmt: *mut ffi::sqlite3_stmt, i: c_int, value: ValueRef<'_>, bytes: Bytes) -> c_int {
    const EMPTY: &[u8; 1] = b"\0";
    let bytes_of = |b: &[u8]| -> (*const u8, u64) {
        if b.is_empty() {
            (EMPTY.as_ptr(), 0)
        } else {
            (b.as_ptr(), b.len() as u64)
        }
    };
    let destructor = match bytes {
        Bytes::Borrowed => ffi::SQLITE_STATIC(),
        Bytes::Copied => ffi::SQLITE_TRANSIENT(),
    };
    // SAFETY: the caller's promise, passed on.
    unsafe {
        match value {
            ValueRef::Null => ffi::sqlite3_bind_null(stmt, i),
            ValueRef::Integer(n) => ffi::sqlite3_bind_int64(stmt, i, n),
            ValueRef::Real(x) => ffi::sqlite3_bind_double(stmt, i, x),
            ValueRef::Text(t) => {
                let (p, n) = bytes_of(t);
                ffi::sqlite3_bind_text64(stmt, i, p.cast(), n, destructor, ffi::SQLITE_UTF8 as u8)
            }
            ValueRef::Blob(b) => {
                let (p, n) = bytes_of(b);
                ffi::sqlite3_bind_blob64(stmt, i, p.cast(), n, destructor)
            }
        }
    }
}

/// The connection's error for `rc`, as rusqlite reports it (extended code
/// and message), so callers match on it as on any rusqlite error.
///
/// # Safety
/// `db` is a live connection.
unsafe fn failure(db: *mut ffi::sqlite3, rc: c_int) -> StoreError {
    // SAFETY: the caller's promise; SQLite's message is a C string it owns,
    // copied before anything else runs on the connection.
    let (code, message) = unsafe {
        let code = ffi::sqlite3_extended_errcode(db);
        let message = CStr::from_ptr(ffi::sqlite3_errmsg(db))
            .to_string_lossy()
            .into_owned();
        (if code & 0xff == rc & 0xff { code } else { rc }, message)
    };
    rusqlite::Error::SqliteFailure(ffi::Error::new(code), Some(message)).into()
}

#[cfg(test)]
mod tests;
