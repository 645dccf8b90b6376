//! `kehu encrypt`, `decrypt`, `rekey`, and unlocking an encrypted database:
//! its passphrase comes from `KEHU_DB_KEY`, a key file (`--key-file`, or
//! `key_file` in the config), or a prompt with echo off — asked once, before
//! the CLI command or the TUI starts.

use std::path::{Path, PathBuf};

use clap::Args;
use zeroize::Zeroizing;

use super::{Cli, CliResult, Failure, db_path, output, render};
use crate::messages::Message;
use crate::store::encryption::{self, Target};
use crate::store::key_wraps;

/// Passphrases shorter than this are refused for new keys.
pub const MIN_PASSPHRASE_CHARS: usize = 8;

#[derive(Debug, Args)]
pub struct EncryptArgs {
    /// Keep the plain database too, under this name (it is deleted otherwise).
    #[arg(long, value_name = "PATH")]
    pub keep_plain: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct DecryptArgs {
    /// Keep the encrypted database too, under this name.
    #[arg(long, value_name = "PATH")]
    pub keep_encrypted: Option<PathBuf>,
}

/// Gives the store the passphrase of `path` when the file is encrypted.
pub fn unlock(cli: &Cli, path: &Path) -> Result<(), Failure> {
    if !encryption::is_encrypted(path)
        || encryption::has_key(path)
        || encryption::known_key_opens(path)
    {
        return Ok(());
    }
    let key = passphrase(cli, path)?;
    encryption::remember_key(path, key);
    Ok(())
}

fn passphrase(cli: &Cli, path: &Path) -> Result<Zeroizing<String>, Failure> {
    if let Ok(key) = std::env::var("KEHU_DB_KEY") {
        return Ok(Zeroizing::new(key));
    }
    // An operator with a wrap opens it with their own password.
    if let Some(name) = cli
        .operator
        .as_deref()
        .filter(|n| key_wraps::has_operator(path, n))
    {
        let password = super::operator::password(name)?;
        if let Some(key) = key_wraps::passphrase_for_operator(path, name, &password)? {
            return Ok(key);
        }
    }
    if let Some(file) = key_file(cli) {
        let text = Zeroizing::new(std::fs::read_to_string(&file).map_err(|e| {
            Failure::usage_msg(
                Message::new("db.key_file_unreadable")
                    .with("path", file.display())
                    .with("cause", e),
            )
        })?);
        // One line; the newline an editor adds is not part of it.
        return Ok(Zeroizing::new(
            text.trim_end_matches(['\r', '\n']).to_string(),
        ));
    }
    prompt(&render(
        Message::new("db.passphrase_prompt").with("path", path.display()),
    ))
}

fn key_file(cli: &Cli) -> Option<PathBuf> {
    cli.key_file.clone().or_else(|| {
        crate::config::config_path()
            .and_then(|p| crate::config::Config::load(&p).ok())
            .and_then(|c| c.key_file)
    })
}

fn prompt(text: &str) -> Result<Zeroizing<String>, Failure> {
    rpassword::prompt_password(format!("{text} "))
        .map(Zeroizing::new)
        .map_err(|e| {
            // ENXIO / ENOTTY: run from a script or a pipe, no terminal to ask on.
            let cause = match e.raw_os_error() {
                Some(6 | 25) => Message::new("io.no_terminal"),
                _ => crate::messages::io_cause(&e),
            };
            Failure::usage_msg(Message::new("db.passphrase_unreadable").with_msg("cause", cause))
        })
}

/// A new passphrase: `KEHU_NEW_DB_KEY`, or typed twice at a prompt.
fn new_passphrase() -> Result<Zeroizing<String>, Failure> {
    let key = match std::env::var("KEHU_NEW_DB_KEY") {
        Ok(key) => Zeroizing::new(key),
        Err(_) => {
            let first = prompt(&render(Message::new("db.new_passphrase_prompt")))?;
            let again = prompt(&render(Message::new("db.again_prompt")))?;
            if first != again {
                return Err(Failure::data_msg(Message::new("db.passphrases_differ")));
            }
            first
        }
    };
    if key.chars().count() < MIN_PASSPHRASE_CHARS {
        return Err(Failure::data_msg(
            Message::new("db.passphrase_short").with("min", MIN_PASSPHRASE_CHARS),
        ));
    }
    Ok(key)
}

pub fn encrypt(cli: &Cli, args: &EncryptArgs) -> CliResult {
    let path = db_path(cli)?;
    if encryption::is_encrypted(&path) {
        return Err(Failure::usage_msg(
            Message::new("db.already_encrypted").with("path", path.display()),
        ));
    }
    let key = new_passphrase()?;
    let customers =
        encryption::rewrite(&path, Target::Encrypted(&key), args.keep_plain.as_deref())?;
    key_wraps::create(&path, &key)?;
    output::say(
        Message::new("db.encrypted")
            .with("path", path.display())
            .with("customers", customers),
    )?;
    if let Some(kept) = &args.keep_plain {
        output::say(Message::new("db.kept_plain").with("path", kept.display()))?;
    }
    Ok(())
}

pub fn decrypt(cli: &Cli, args: &DecryptArgs) -> CliResult {
    let path = db_path(cli)?;
    if !encryption::is_encrypted(&path) {
        return Err(Failure::usage_msg(
            Message::new("db.not_encrypted").with("path", path.display()),
        ));
    }
    unlock(cli, &path)?;
    let customers = encryption::rewrite(&path, Target::Plain, args.keep_encrypted.as_deref())?;
    key_wraps::remove(&path);
    output::say(
        Message::new("db.decrypted")
            .with("path", path.display())
            .with("customers", customers),
    )?;
    Ok(())
}

pub fn rekey(cli: &Cli) -> CliResult {
    let path = db_path(cli)?;
    if !encryption::is_encrypted(&path) {
        return Err(Failure::usage_msg(
            Message::new("db.not_encrypted").with("path", path.display()),
        ));
    }
    unlock(cli, &path)?;
    let old = encryption::key_for(&path).ok_or_else(|| {
        Failure::usage_msg(Message::new("db.needs_key").with("path", path.display()))
    })?;
    let key = new_passphrase()?;
    let customers = encryption::rewrite(&path, Target::Encrypted(&key), None)?;
    key_wraps::rekey(&path, &old, &key)?;
    // Connections opened later in this process use the new passphrase.
    encryption::remember_key(&path, key);
    output::say(
        Message::new("db.rekeyed")
            .with("path", path.display())
            .with("customers", customers),
    )?;
    Ok(())
}
