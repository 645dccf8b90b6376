//! The passphrase of an encrypted database, wrapped per operator, so a
//! bookkeeper signs in with their own password and never needs to know it.
//!
//! `<database>.keys` (JSON, owner-only) holds a random wrapping key W three
//! ways: sealed with a key derived from the passphrase, and sealed with a key
//! derived from each operator's password; the passphrase itself is sealed
//! with W. Signing in: password → W → passphrase. A new passphrase (rekey)
//! re-seals W and the passphrase only, so operators' wraps stay good; a
//! retired operator's wrap is removed. Keys are derived with argon2id and
//! sealed with XChaCha20-Poly1305; every secret is wiped when dropped.
//!
//! The file must not be readable before the database is (it sits beside it,
//! outside the encryption), so it holds nothing that opens the database
//! without a password or the passphrase.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use argon2::Argon2;
use chacha20poly1305::aead::{Aead, AeadCore, KeyInit, OsRng, rand_core::RngCore};
use chacha20poly1305::{Key, XChaCha20Poly1305, XNonce};
use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

use super::{Result, StoreError};
use crate::messages::Message;

#[derive(Clone, Debug, Default, Serialize, Deserialize)]
struct WrapFile {
    version: u32,
    /// W sealed with the passphrase's key.
    passphrase: Sealed,
    /// The passphrase sealed with W.
    sealed_passphrase: Sealed,
    /// Operator name → W sealed with their password's key.
    operators: BTreeMap<String, Sealed>,
}

#[derive(Clone, Debug, Default, Serialize, Deserialize)]
struct Sealed {
    /// Hex; empty when the sealing key is W itself (no derivation).
    salt: String,
    nonce: String,
    data: String,
}

pub fn wraps_path(db: &Path) -> PathBuf {
    let mut s = db.as_os_str().to_owned();
    s.push(".keys");
    PathBuf::from(s)
}

/// Starts the wrap file of a newly encrypted database (no operator yet).
pub fn create(db: &Path, passphrase: &str) -> Result<()> {
    let w = random_key();
    let file = WrapFile {
        version: 1,
        passphrase: seal_derived(passphrase, &w)?,
        sealed_passphrase: seal(&w, passphrase.as_bytes(), "")?,
        operators: BTreeMap::new(),
    };
    save(db, &file)
}

/// The passphrase, opened with an operator's password; `None` when the
/// database has no wrap for them (or no wrap file).
pub fn passphrase_for_operator(
    db: &Path,
    name: &str,
    password: &str,
) -> Result<Option<Zeroizing<String>>> {
    let Some(file) = load(db)? else {
        return Ok(None);
    };
    let Some(sealed) = file.operators.get(name.trim()) else {
        return Ok(None);
    };
    let w = open_derived(password, sealed).ok_or_else(|| wrong_password(name))?;
    let bytes = open(&w, &file.sealed_passphrase).ok_or_else(|| damaged(db))?;
    String::from_utf8(bytes.to_vec())
        .map(Zeroizing::new)
        .map(Some)
        .map_err(|_| damaged(db))
}

/// Whether `name` has a wrap (signs in without the passphrase).
pub fn has_operator(db: &Path, name: &str) -> bool {
    load(db)
        .ok()
        .flatten()
        .is_some_and(|f| f.operators.contains_key(name.trim()))
}

/// Gives operator `name` a wrap for `password` (a new operator, a new
/// password, or one signing in with the passphrase for the first time).
/// Needs the passphrase, which opens W. Nothing happens without a wrap file.
pub fn set_operator(db: &Path, passphrase: &str, name: &str, password: &str) -> Result<()> {
    let Some(mut file) = load(db)? else {
        return Ok(());
    };
    let w = open_derived(passphrase, &file.passphrase).ok_or_else(|| damaged(db))?;
    file.operators
        .insert(name.trim().to_string(), seal_derived(password, &w)?);
    save(db, &file)
}

/// Removes a retired operator's wrap.
pub fn remove_operator(db: &Path, name: &str) -> Result<()> {
    let Some(mut file) = load(db)? else {
        return Ok(());
    };
    if file.operators.remove(name.trim()).is_some() {
        save(db, &file)?;
    }
    Ok(())
}

/// After a rekey: W and the passphrase re-sealed for the new passphrase.
pub fn rekey(db: &Path, old: &str, new: &str) -> Result<()> {
    let Some(mut file) = load(db)? else {
        return create(db, new);
    };
    let w = open_derived(old, &file.passphrase).ok_or_else(|| damaged(db))?;
    file.passphrase = seal_derived(new, &w)?;
    file.sealed_passphrase = seal(&w, new.as_bytes(), "")?;
    save(db, &file)
}

/// After a decrypt: no passphrase left to wrap.
pub fn remove(db: &Path) {
    let _ = std::fs::remove_file(wraps_path(db));
}

fn load(db: &Path) -> Result<Option<WrapFile>> {
    let path = wraps_path(db);
    match std::fs::read_to_string(&path) {
        Ok(text) => serde_json::from_str(&text)
            .map(Some)
            .map_err(|_| damaged(db)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(source) => Err(StoreError::Io { path, source }),
    }
}

/// Written beside the database through a private temporary file and a rename.
fn save(db: &Path, file: &WrapFile) -> Result<()> {
    let path = wraps_path(db);
    let temp = path.with_extension(format!("keys.tmp-{}", std::process::id()));
    let io = |source| StoreError::Io {
        path: path.clone(),
        source,
    };
    let _ = std::fs::remove_file(&temp);
    super::private_files::create_private_file(&temp)?;
    let text = serde_json::to_string_pretty(file).map_err(|e| io(std::io::Error::other(e)))?;
    let result = std::fs::write(&temp, text)
        .and_then(|()| std::fs::File::open(&temp)?.sync_all())
        .and_then(|()| std::fs::rename(&temp, &path));
    if result.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    result.map_err(io)
}

fn random_key() -> Zeroizing<[u8; 32]> {
    let mut key = Zeroizing::new([0u8; 32]);
    OsRng.fill_bytes(key.as_mut());
    key
}

fn derive(secret: &str, salt: &[u8]) -> Result<Zeroizing<[u8; 32]>> {
    let mut key = Zeroizing::new([0u8; 32]);
    Argon2::default()
        .hash_password_into(secret.as_bytes(), salt, key.as_mut())
        .map_err(|e| StoreError::Refused(format!("key derivation failed: {e}")))?;
    Ok(key)
}

fn seal_derived(secret: &str, w: &[u8; 32]) -> Result<Sealed> {
    let mut salt = [0u8; 16];
    OsRng.fill_bytes(&mut salt);
    let key = derive(secret, &salt)?;
    seal(&key, w, &hex(&salt))
}

fn open_derived(secret: &str, sealed: &Sealed) -> Option<Zeroizing<[u8; 32]>> {
    let salt = unhex(&sealed.salt)?;
    let key = derive(secret, &salt).ok()?;
    let bytes = open(&key, sealed)?;
    let mut w = Zeroizing::new([0u8; 32]);
    if bytes.len() != 32 {
        return None;
    }
    w.copy_from_slice(&bytes);
    Some(w)
}

fn seal(key: &[u8; 32], plain: &[u8], salt: &str) -> Result<Sealed> {
    let cipher = XChaCha20Poly1305::new(Key::from_slice(key));
    let nonce = XChaCha20Poly1305::generate_nonce(&mut OsRng);
    let data = cipher
        .encrypt(&nonce, plain)
        .map_err(|_| StoreError::Refused("sealing the key failed".into()))?;
    Ok(Sealed {
        salt: salt.to_string(),
        nonce: hex(&nonce),
        data: hex(&data),
    })
}

fn open(key: &[u8; 32], sealed: &Sealed) -> Option<Zeroizing<Vec<u8>>> {
    let cipher = XChaCha20Poly1305::new(Key::from_slice(key));
    let nonce = unhex(&sealed.nonce).filter(|n| n.len() == 24)?;
    let data = unhex(&sealed.data)?;
    cipher
        .decrypt(XNonce::from_slice(&nonce), data.as_slice())
        .ok()
        .map(Zeroizing::new)
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn unhex(text: &str) -> Option<Vec<u8>> {
    if !text.len().is_multiple_of(2) {
        return None;
    }
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(text.get(i..i + 2)?, 16).ok())
        .collect()
}

fn wrong_password(name: &str) -> StoreError {
    StoreError::Coded(Message::new("db.operator_wrong_password").with("name", name.trim()))
}

fn damaged(db: &Path) -> StoreError {
    StoreError::Coded(Message::new("db.wraps_damaged").with("path", wraps_path(db).display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_operator_opens_the_passphrase_and_keeps_it_through_a_rekey() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("k.db");
        create(&db, "old passphrase").unwrap();
        assert!(
            passphrase_for_operator(&db, "王会计", "pw123456")
                .unwrap()
                .is_none()
        );
        set_operator(&db, "old passphrase", "王会计", "pw123456").unwrap();
        let got = passphrase_for_operator(&db, "王会计", "pw123456")
            .unwrap()
            .unwrap();
        assert_eq!(got.as_str(), "old passphrase");
        assert!(passphrase_for_operator(&db, "王会计", "wrong").is_err());

        rekey(&db, "old passphrase", "new passphrase").unwrap();
        let got = passphrase_for_operator(&db, "王会计", "pw123456")
            .unwrap()
            .unwrap();
        assert_eq!(got.as_str(), "new passphrase");

        remove_operator(&db, "王会计").unwrap();
        assert!(
            passphrase_for_operator(&db, "王会计", "pw123456")
                .unwrap()
                .is_none()
        );
        let text = std::fs::read_to_string(wraps_path(&db)).unwrap();
        assert!(
            !text.contains("new passphrase") && !text.contains("old passphrase"),
            "{text}"
        );
    }
}
