//! Operators (操作员): added, listed, their passwords changed, retired, and
//! signing in. Passwords are kept only as argon2id hashes (PHC strings).

use argon2::Argon2;
use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;

use super::control::{Event, SIGN_IN_DELAY, problem, record_event};
use super::{Result, Store, StoreError, now_text};
use crate::domain::permission::{Permission, Role};

/// Fewer characters than this is refused as a password.
pub const MIN_PASSWORD_CHARS: usize = 6;

/// An operator as listed (never the hash).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Operator {
    pub name: String,
    pub role: Role,
    pub created_by: String,
    pub created_at: String,
    pub retired_at: Option<String>,
}

struct Stored {
    role: Role,
    hash: String,
    retired_at: Option<String>,
}

fn stored(conn: &Connection, name: &str) -> Result<Option<Stored>> {
    Ok(conn
        .prepare_cached("SELECT role, password_hash, retired_at FROM operator WHERE name = ?1")?
        .query_row([name], |r| {
            let role: String = r.get(0)?;
            Ok(Stored {
                role: Role::parse(&role).unwrap_or(Role::Bookkeeper),
                hash: r.get(1)?,
                retired_at: r.get(2)?,
            })
        })
        .optional()?)
}

fn hash(password: &str) -> Result<String> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| StoreError::Refused(format!("cannot hash the password: {e}")))
}

fn verify(password: &str, phc: &str) -> bool {
    PasswordHash::new(phc).is_ok_and(|parsed| {
        Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok()
    })
}

fn check_password(password: &str) -> Result<()> {
    if password.chars().count() < MIN_PASSWORD_CHARS {
        return Err(problem(
            "password",
            "operator.password_short",
            format!("A password needs at least {MIN_PASSWORD_CHARS} characters."),
            format!("密码至少需要 {MIN_PASSWORD_CHARS} 个字符。"),
        ));
    }
    Ok(())
}

fn no_operator(name: &str) -> StoreError {
    problem(
        "operator",
        "operator.not_found",
        format!("There is no operator “{name}”: see `kehu operator list`."),
        format!("没有操作员“{name}”：可用 `kehu operator list` 查看。"),
    )
}

fn active_supervisors(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row(
        "SELECT COUNT(*) FROM operator WHERE role = 'supervisor' AND retired_at IS NULL",
        [],
        |r| r.get(0),
    )?)
}

impl Store {
    /// Adds an operator. The first one must be a supervisor (someone must be
    /// able to manage the others); after that, only a supervisor adds.
    pub fn add_operator(&mut self, name: &str, role: Role, password: &str) -> Result<()> {
        let name = name.trim();
        if name.is_empty() {
            return Err(problem(
                "operator",
                "operator.name_empty",
                "An operator needs a name.".into(),
                "操作员须有姓名。".into(),
            ));
        }
        if self.control.active {
            self.require(Permission::ManageOperators)?;
        } else if role != Role::Supervisor {
            return Err(problem(
                "role",
                "operator.first_is_supervisor",
                "The first operator must be a supervisor, who then adds the others.".into(),
                "第一个操作员必须是主管，再由主管添加其他操作员。".into(),
            ));
        }
        check_password(password)?;
        let hashed = hash(password)?;
        let tx = self.conn.transaction()?;
        if stored(&tx, name)?.is_some() {
            return Err(problem(
                "operator",
                "operator.exists",
                format!("There is already an operator “{name}”."),
                format!("已有操作员“{name}”。"),
            ));
        }
        let now = now_text();
        tx.execute(
            "INSERT INTO operator (name, role, password_hash, created_by, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![name, role.key(), hashed, self.operator, now],
        )?;
        record_event(
            &tx,
            &Event {
                action: "operator_add",
                operator: &self.operator,
                customer: None,
                subject: name,
                detail: Some(role.key()),
            },
        )?;
        tx.commit()?;
        self.control.active = true;
        self.wrap_for(name, password)?;
        Ok(())
    }

    /// With the database encrypted, gives `name` a wrap of its passphrase
    /// for `password` (`key_wraps`), so they sign in without knowing it.
    fn wrap_for(&self, name: &str, password: &str) -> Result<()> {
        let Some(db) = self
            .path
            .as_deref()
            .filter(|p| super::encryption::is_encrypted(p))
        else {
            return Ok(());
        };
        match super::encryption::key_for(db) {
            Some(key) => super::key_wraps::set_operator(db, &key, name, password),
            None => Ok(()),
        }
    }

    /// Every operator, retired ones too, by name.
    pub fn operators(&self) -> Result<Vec<Operator>> {
        let mut stmt = self.conn.prepare(
            "SELECT name, role, created_by, created_at, retired_at FROM operator ORDER BY name",
        )?;
        let rows = stmt.query_map([], |r| {
            let role: String = r.get(1)?;
            Ok(Operator {
                name: r.get(0)?,
                role: Role::parse(&role).unwrap_or(Role::Bookkeeper),
                created_by: r.get(2)?,
                created_at: r.get(3)?,
                retired_at: r.get(4)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Sets `name`'s password: their own when signed in as them, anyone's
    /// for a supervisor.
    pub fn set_operator_password(&mut self, name: &str, password: &str) -> Result<()> {
        let own = self.control.signed_in.is_some() && self.operator == name;
        if !own {
            self.require(Permission::ManageOperators)?;
        }
        check_password(password)?;
        let hashed = hash(password)?;
        let tx = self.conn.transaction()?;
        let changed = tx.execute(
            "UPDATE operator SET password_hash = ?2 WHERE name = ?1 AND retired_at IS NULL",
            params![name, hashed],
        )?;
        if changed == 0 {
            return Err(no_operator(name));
        }
        record_event(
            &tx,
            &Event {
                action: "operator_passwd",
                operator: &self.operator,
                customer: None,
                subject: name,
                detail: None,
            },
        )?;
        tx.commit()?;
        self.wrap_for(name, password)?;
        Ok(())
    }

    /// Retires `name`: they can no longer sign in; their name stays in the
    /// trail. The last supervisor is not retired.
    pub fn retire_operator(&mut self, name: &str) -> Result<()> {
        self.require(Permission::ManageOperators)?;
        let tx = self.conn.transaction()?;
        let found = stored(&tx, name)?
            .filter(|s| s.retired_at.is_none())
            .ok_or_else(|| no_operator(name))?;
        if found.role == Role::Supervisor && active_supervisors(&tx)? <= 1 {
            return Err(problem(
                "operator",
                "operator.last_supervisor",
                format!("{name} is the last supervisor: add another supervisor first."),
                format!("{name} 是最后一位主管：请先添加另一位主管。"),
            ));
        }
        tx.execute(
            "UPDATE operator SET retired_at = ?2 WHERE name = ?1",
            params![name, now_text()],
        )?;
        record_event(
            &tx,
            &Event {
                action: "operator_retire",
                operator: &self.operator,
                customer: None,
                subject: name,
                detail: Some(found.role.key()),
            },
        )?;
        tx.commit()?;
        // No more sign-ins: nor may their password open the database.
        if let Some(db) = self.path.as_deref() {
            super::key_wraps::remove_operator(db, name)?;
        }
        Ok(())
    }

    /// Signs `name` in: their role governs what the writes that follow may
    /// do, and their name is recorded on them. A wrong password, an unknown
    /// or a retired operator is refused after `SIGN_IN_DELAY`, and recorded.
    pub fn sign_in(&mut self, name: &str, password: &str) -> Result<Role> {
        let name = name.trim();
        let found = stored(&self.conn, name)?;
        let failure = match &found {
            None => Some(("unknown operator", "operator.sign_in_failed")),
            Some(s) if s.retired_at.is_some() => Some(("retired", "operator.retired")),
            Some(s) if !verify(password, &s.hash) => {
                Some(("wrong password", "operator.sign_in_failed"))
            }
            Some(_) => None,
        };
        if let Some((why, code)) = failure {
            std::thread::sleep(SIGN_IN_DELAY);
            record_event(
                &self.conn,
                &Event {
                    action: "sign_in_failed",
                    operator: name,
                    customer: None,
                    subject: name,
                    detail: Some(why),
                },
            )?;
            return Err(if code == "operator.retired" {
                problem(
                    "operator",
                    code,
                    format!("{name} is retired and can no longer sign in."),
                    format!("{name} 已停用，不能再登录。"),
                )
            } else {
                problem(
                    "operator",
                    code,
                    format!("Sign-in refused for “{name}”: unknown name or wrong password."),
                    format!("“{name}”登录失败：姓名不存在或密码错误。"),
                )
            });
        }
        let role = found.map_or(Role::Bookkeeper, |s| s.role);
        record_event(
            &self.conn,
            &Event {
                action: "sign_in",
                operator: name,
                customer: None,
                subject: name,
                detail: Some(role.key()),
            },
        )?;
        self.operator = name.to_string();
        self.control.signed_in = Some(role);
        // Signed in with the passphrase given: from now on their password
        // alone opens an encrypted database.
        if self
            .path
            .as_deref()
            .is_some_and(|db| !super::key_wraps::has_operator(db, name))
        {
            self.wrap_for(name, password)?;
        }
        Ok(role)
    }

    /// Signs out whoever is signed in (switching operator in the TUI):
    /// guarded writes are refused again until someone signs in.
    pub fn sign_out(&mut self) {
        self.control.signed_in = None;
    }
}
