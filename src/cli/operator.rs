//! `kehu operator add|list|passwd|retire|roles`, and signing in: once
//! operators exist, `--operator NAME` signs in with the password from
//! `KEHU_PASSWORD` or a prompt (echo off).

use clap::Subcommand;

use super::args::FormatArg;
use super::{Cli, CliResult, Failure, output};
use crate::domain::permission::{Permission, Role};
use crate::store::Store;

#[derive(Debug, Subcommand)]
pub enum OperatorCmd {
    /// Add an operator (the first must be a supervisor); the password comes
    /// from KEHU_NEW_PASSWORD or a prompt.
    Add {
        /// The operator's name (as recorded in the audit trail).
        name: String,
        /// bookkeeper (会计) or supervisor (主管).
        #[arg(long)]
        role: String,
    },
    /// Every operator, retired ones too.
    List {
        #[command(flatten)]
        format: FormatArg,
    },
    /// Change a password (your own, or anyone's as a supervisor); the new
    /// one from KEHU_NEW_PASSWORD or a prompt.
    Passwd {
        /// The operator's name.
        name: String,
    },
    /// Retire an operator: no more sign-ins, their name stays in the audit.
    Retire {
        /// The operator's name.
        name: String,
    },
    /// The permission table: what each role may do.
    Roles {
        #[command(flatten)]
        format: FormatArg,
    },
}

/// Signs `--operator` in when operators are defined.
pub(super) fn sign_in(cli: &Cli, store: &mut Store) -> Result<(), Failure> {
    let Some(name) = cli
        .operator
        .as_deref()
        .filter(|_| store.operators_defined())
    else {
        return Ok(());
    };
    let password = password(name)?;
    store.sign_in(name, &password)?;
    Ok(())
}

/// The password typed (or in KEHU_PASSWORD) for this run, asked once even
/// when it both opens an encrypted database and signs in.
static PASSWORD: std::sync::Mutex<Option<zeroize::Zeroizing<String>>> = std::sync::Mutex::new(None);

pub(super) fn password(name: &str) -> Result<zeroize::Zeroizing<String>, Failure> {
    let mut kept = PASSWORD.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(p) = kept.as_ref() {
        return Ok(p.clone());
    }
    let password = match std::env::var("KEHU_PASSWORD") {
        Ok(p) => p,
        Err(_) => rpassword::prompt_password(format!("password for {name}: ")).map_err(|e| {
            Failure::usage_msg(
                crate::messages::Message::new("operator.password_unreadable")
                    .with("name", name)
                    .with("cause", e),
            )
        })?,
    };
    let password = zeroize::Zeroizing::new(password);
    *kept = Some(password.clone());
    Ok(password)
}

/// A new password: KEHU_NEW_PASSWORD, or typed twice at a prompt.
fn new_password(name: &str) -> Result<String, Failure> {
    if let Ok(p) = std::env::var("KEHU_NEW_PASSWORD") {
        return Ok(p);
    }
    let read = |prompt: String| {
        rpassword::prompt_password(prompt).map_err(|e| {
            Failure::usage_msg(
                crate::messages::Message::new("operator.new_password_unreadable").with("cause", e),
            )
        })
    };
    let first = read(format!("new password for {name}: "))?;
    let again = read("the same again: ".to_string())?;
    if first != again {
        return Err(Failure::data_msg(crate::messages::Message::new(
            "operator.passwords_differ",
        )));
    }
    Ok(first)
}

pub fn run(cli: &Cli, cmd: &OperatorCmd) -> CliResult {
    if let OperatorCmd::Roles { format } = cmd {
        return roles(format.format);
    }
    let mut store = super::open_store(cli)?;
    match cmd {
        OperatorCmd::Add { name, role } => {
            let role = Role::parse(role).ok_or_else(|| {
                Failure::usage_msg(
                    crate::messages::Message::new("operator.bad_role").with("role", role),
                )
            })?;
            let password = new_password(name)?;
            store.add_operator(name, role, &password)?;
            output::say(
                crate::messages::Message::new("operator.added")
                    .with("name", name.trim())
                    .with("role", role.key()),
            )?;
        }
        OperatorCmd::List { format } => {
            let operators = store.operators()?;
            let rows: Vec<Vec<String>> = operators
                .iter()
                .map(|o| {
                    vec![
                        o.name.clone(),
                        o.role.key().to_string(),
                        o.created_by.clone(),
                        o.created_at.clone(),
                        o.retired_at.clone().unwrap_or_default(),
                    ]
                })
                .collect();
            output::print_rows(
                format.format,
                &["name", "role", "created_by", "created_at", "retired_at"],
                &rows,
                &operators,
            )?;
        }
        OperatorCmd::Passwd { name } => {
            let password = new_password(name)?;
            store.set_operator_password(name, &password)?;
            output::say(
                crate::messages::Message::new("operator.password_changed").with("name", name),
            )?;
        }
        OperatorCmd::Retire { name } => {
            store.retire_operator(name)?;
            output::say(crate::messages::Message::new("operator.retired").with("name", name))?;
        }
        OperatorCmd::Roles { .. } => {}
    }
    Ok(())
}

/// One row per permission, a column per role.
fn roles(format: super::Format) -> CliResult {
    let mark = |r: Role, p: Permission| if r.allows(p) { "yes" } else { "no" }.to_string();
    let rows: Vec<Vec<String>> = Permission::ALL
        .iter()
        .map(|p| {
            let name = p.name();
            vec![
                p.key().to_string(),
                name.en,
                name.zh,
                mark(Role::Bookkeeper, *p),
                mark(Role::Supervisor, *p),
            ]
        })
        .collect();
    let table: Vec<serde_json::Value> = rows
        .iter()
        .map(|r| {
            serde_json::json!({
                "permission": r[0], "en": r[1], "zh": r[2],
                "bookkeeper": r[3] == "yes", "supervisor": r[4] == "yes",
            })
        })
        .collect();
    output::print_rows(
        format,
        &["permission", "en", "zh", "bookkeeper", "supervisor"],
        &rows,
        &table,
    )
}
