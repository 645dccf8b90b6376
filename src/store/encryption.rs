//! Encryption at rest with SQLCipher: the database file, its WAL and its
//! backups hold no readable byte without the passphrase.
//!
//! The passphrase of a database is given once per process (`remember_key`)
//! and every connection opened on that file afterwards — the fronts', the
//! workers', the backup's — is keyed with it, so nothing has to carry it
//! around. It is kept in `Zeroizing` strings, wiped when dropped.
//!
//! `encrypt`, `decrypt` and `rekey` write the whole database afresh with
//! `sqlcipher_export` into a private temporary file beside it, check it, and
//! rename it over the original: a failure at any point leaves the original
//! as it was.

use std::collections::HashMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use rusqlite::Connection;
use zeroize::Zeroizing;

use super::{Result, StoreError};
use crate::messages::Message;

/// The first 16 bytes of every plain SQLite file.
const PLAIN_HEADER: &[u8; 16] = b"SQLite format 3\0";

/// Whether encryption is compiled in (the default `encryption` feature).
pub const AVAILABLE: bool = cfg!(feature = "encryption");

static KEYS: Mutex<Option<HashMap<PathBuf, Zeroizing<String>>>> = Mutex::new(None);

/// Whether `path` holds an encrypted (or at least not a plain SQLite)
/// database: a file that exists, has content and lacks SQLite's header.
pub fn is_encrypted(path: &Path) -> bool {
    let mut head = [0u8; 16];
    match std::fs::File::open(path).and_then(|mut f| f.read(&mut head)) {
        Ok(0) | Err(_) => false,
        Ok(n) => n < 16 || &head != PLAIN_HEADER,
    }
}

/// Uses `passphrase` for every connection this process opens on `path`.
pub fn remember_key(path: &Path, passphrase: Zeroizing<String>) {
    let mut keys = KEYS.lock().unwrap_or_else(|e| e.into_inner());
    keys.get_or_insert_with(HashMap::new)
        .insert(canonical(path), passphrase);
}

/// Whether a passphrase was given for `path` in this process.
pub fn has_key(path: &Path) -> bool {
    key_for(path).is_some()
}

/// The passphrase given for `path` in this process, if any.
pub fn key_for(path: &Path) -> Option<Zeroizing<String>> {
    let keys = KEYS.lock().unwrap_or_else(|e| e.into_inner());
    keys.as_ref()?.get(&canonical(path)).cloned()
}

/// The key is looked up by the file's canonical path, so `./kehu.db` and
/// `/home/…/kehu.db` are one database; a file not yet created by its folder.
fn canonical(path: &Path) -> PathBuf {
    crate::outfile::canonical(path).unwrap_or_else(|| path.to_path_buf())
}

/// Keys a fresh connection to `path` when a passphrase is known, and checks
/// that it opens the file, before anything is read or written through it.
/// An encrypted file without a passphrase, or with the wrong one, is one
/// clear refusal (never SQLite's "file is not a database").
/// Returns whether the connection was keyed (then SQLCipher owns the page
/// size: `PRAGMA page_size` must not be set on it).
pub(super) fn key_connection(conn: &Connection, path: &Path) -> Result<bool> {
    let encrypted = is_encrypted(path);
    match key_for(path) {
        Some(key) if AVAILABLE => {
            apply_key(conn, &key, path)?;
            if readable(conn) {
                Ok(true)
            } else {
                Err(wrong_key(path))
            }
        }
        _ if encrypted => {
            if AVAILABLE {
                Err(StoreError::Coded(
                    Message::new("db.needs_key").with("path", path.display()),
                ))
            } else {
                Err(StoreError::Coded(
                    Message::new("db.encryption_not_built").with("path", path.display()),
                ))
            }
        }
        _ => Ok(false),
    }
}

/// Whether `key_connection` will key a connection to `path` (a passphrase
/// was given for it and encryption is built in).
pub(super) fn will_key(path: &Path) -> bool {
    AVAILABLE && has_key(path)
}

/// Opens `path` with `flags`; an encrypted file is keyed with its own
/// passphrase or, failing that, any other given in this process (a backup
/// shares its database's). Returns the connection and the key that opened it.
pub(super) fn open_keyed(
    path: &Path,
    flags: rusqlite::OpenFlags,
) -> rusqlite::Result<(Connection, Option<Zeroizing<String>>)> {
    if !AVAILABLE || !is_encrypted(path) {
        return Ok((Connection::open_with_flags(path, flags)?, None));
    }
    let mut keys: Vec<Zeroizing<String>> = key_for(path).into_iter().collect();
    {
        let all = KEYS.lock().unwrap_or_else(|e| e.into_inner());
        keys.extend(all.iter().flat_map(|m| m.values().cloned()));
    }
    let salt = salt_of(path);
    for key in keys {
        let conn = Connection::open_with_flags(path, flags)?;
        if key_pragmas(&conn, "main", &key, salt).is_ok() && readable(&conn) {
            return Ok((conn, Some(key)));
        }
    }
    Err(rusqlite::Error::SqliteFailure(
        rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_NOTADB),
        Some("encrypted, and no passphrase given opens it".into()),
    ))
}

/// Whether a passphrase given in this process opens `path` (a backup of
/// the database whose passphrase was given, say).
pub fn known_key_opens(path: &Path) -> bool {
    open_keyed(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY).is_ok_and(|(_, key)| key.is_some())
}

/// Keys a connection to a new file (a backup's copy) like its source
/// `like`: the same passphrase and the same salt, so the same key.
pub(super) fn key_new(
    conn: &Connection,
    key: Option<&str>,
    like: &Connection,
) -> rusqlite::Result<()> {
    match key {
        Some(key) if AVAILABLE => key_pragmas(
            conn,
            "main",
            key,
            like.path().and_then(|p| salt_of(Path::new(p))),
        ),
        _ => Ok(()),
    }
}

/// A guess good enough to refuse overwriting it: SQLCipher files are whole
/// pages of random-looking bytes; known formats (zip, OLE, PDF, text) are not.
pub fn may_be_encrypted_database(path: &Path) -> bool {
    let Ok(meta) = std::fs::metadata(path) else {
        return false;
    };
    if meta.len() < 1024 || meta.len() % 512 != 0 {
        return false;
    }
    let mut head = [0u8; 16];
    if std::fs::File::open(path)
        .and_then(|mut f| f.read_exact(&mut head))
        .is_err()
    {
        return false;
    }
    let known = [
        &b"PK\x03\x04"[..],
        b"\xD0\xCF\x11\xE0",
        b"%PDF",
        &PLAIN_HEADER[..],
    ];
    if known.iter().any(|m| head.starts_with(m)) {
        return false;
    }
    head.iter().filter(|b| **b >= 0x80 || **b < 0x09).count() >= 4
}

fn apply_key(conn: &Connection, key: &str, path: &Path) -> Result<()> {
    key_pragmas(conn, "main", key, salt_of(path))?;
    Ok(())
}

/// SQLCipher's page size (see `cipher_settings`).
pub const CIPHER_PAGE_SIZE: i64 = super::db::PAGE_SIZE;

/// Keys `schema` with the raw key derived from `passphrase` and the file's
/// salt (`None`: a new file, which gets a random one). SQLCipher's own
/// derivation (PBKDF2, 256,000 rounds: 180 ms a connection here) is skipped:
/// the key is derived once per process with argon2id and reused by every
/// connection — the app's, its workers', a backup's.
fn key_pragmas(
    conn: &Connection,
    schema: &str,
    passphrase: &str,
    salt: Option<[u8; 16]>,
) -> rusqlite::Result<()> {
    // A wrong key is our own clear refusal; SQLCipher's log lines
    // ("ERROR CORE … hmac check failed") would print over it and the app.
    conn.execute_batch("PRAGMA cipher_log_level = NONE")?;
    let salt = salt.unwrap_or_else(random_salt);
    let raw = raw_key(passphrase, &salt).map_err(|e| {
        rusqlite::Error::SqliteFailure(
            rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_AUTH),
            Some(e),
        )
    })?;
    conn.pragma_update(Some(schema), "key", raw.as_str())?;
    cipher_settings(conn, schema)
}

/// The page format every kehu database and backup shares; it must match the
/// file, so it is set on every keyed connection and attached copy. 8 KiB
/// pages like plain files (`db::PAGE_SIZE`: half the pages, and page MACs,
/// of SQLCipher's 4 KiB); HMAC-SHA256, which the CPU's SHA instructions
/// compute several times faster than SQLCipher's default SHA-512.
fn cipher_settings(conn: &Connection, schema: &str) -> rusqlite::Result<()> {
    conn.pragma_update(Some(schema), "cipher_page_size", CIPHER_PAGE_SIZE)?;
    conn.pragma_update(Some(schema), "cipher_hmac_algorithm", "HMAC_SHA256")
}

/// SQLCipher's header: the first 16 bytes of an encrypted file are its salt
/// (read once: whatever is not SQLite's own header).
fn salt_of(path: &Path) -> Option<[u8; 16]> {
    let mut salt = [0u8; 16];
    std::fs::File::open(path)
        .and_then(|mut f| f.read_exact(&mut salt))
        .ok()
        .filter(|()| &salt != PLAIN_HEADER)
        .map(|()| salt)
}

fn random_salt() -> [u8; 16] {
    use chacha20poly1305::aead::{OsRng, rand_core::RngCore};
    let mut salt = [0u8; 16];
    OsRng.fill_bytes(&mut salt);
    salt
}

type Derived = (Zeroizing<String>, [u8; 16], Zeroizing<String>);

/// Keys derived in this process: (passphrase, salt) → SQLCipher raw key.
static DERIVED: Mutex<Vec<Derived>> = Mutex::new(Vec::new());

/// `x'<key><salt>'`, SQLCipher's raw key with its salt, the key being
/// argon2id(passphrase, salt).
fn raw_key(passphrase: &str, salt: &[u8; 16]) -> std::result::Result<Zeroizing<String>, String> {
    let mut derived = DERIVED.lock().unwrap_or_else(|e| e.into_inner());
    if let Some((_, _, raw)) = derived
        .iter()
        .find(|(p, s, _)| p.as_str() == passphrase && s == salt)
    {
        return Ok(raw.clone());
    }
    let mut key = Zeroizing::new([0u8; 32]);
    argon2::Argon2::default()
        .hash_password_into(passphrase.as_bytes(), salt, key.as_mut())
        .map_err(|e| format!("key derivation failed: {e}"))?;
    let mut raw = Zeroizing::new(String::with_capacity(100));
    raw.push_str("x'");
    for b in key.iter().chain(salt.iter()) {
        raw.push_str(&format!("{b:02x}"));
    }
    raw.push('\'');
    derived.push((Zeroizing::new(passphrase.to_string()), *salt, raw.clone()));
    Ok(raw)
}

/// The first read decrypts page 1: it fails with the wrong key.
fn readable(conn: &Connection) -> bool {
    conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| {
        r.get::<_, i64>(0)
    })
    .is_ok()
}

fn wrong_key(path: &Path) -> StoreError {
    StoreError::Coded(Message::new("db.wrong_key").with("path", path.display()))
}

mod rewrite;
pub use rewrite::{Target, rewrite};

#[cfg(all(test, feature = "encryption"))]
mod tests;
