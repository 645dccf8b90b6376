//! Who may do what: operators signed in with a password, the permission
//! table (`domain::permission`) checked before every guarded write, and the
//! control trail (sign-ins, refusals, operator changes, restores).
//!
//! With no operator defined the store works as one user named from the OS
//! and every check passes. Once one exists, writes need a signed-in operator
//! whose role holds the permission; a refusal is recorded and names the
//! permission and the role that holds it.

use std::time::Duration;

use rusqlite::{Connection, OptionalExtension, params};

use super::{Result, Store, StoreError, now_text};
use crate::domain::customer::CustomerData;
use crate::domain::money::Money;
use crate::domain::permission::{Permission, Role};
use crate::domain::{Problem, Problems, Text};

/// How long a wrong password waits before it is refused (slows guessing).
pub const SIGN_IN_DELAY: Duration = Duration::from_secs(1);

/// Who is at the keyboard, as the store knows it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(super) struct Control {
    /// Operators are defined: writes need one signed in.
    pub active: bool,
    /// The operator signed in, with their role.
    pub signed_in: Option<Role>,
}

impl Control {
    pub fn load(conn: &Connection) -> Result<Control> {
        let active: bool = conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM operator WHERE retired_at IS NULL)",
            [],
            |r| r.get(0),
        )?;
        Ok(Control {
            active,
            signed_in: None,
        })
    }
}

/// One row of the control trail.
pub(super) struct Event<'a> {
    pub action: &'a str,
    pub operator: &'a str,
    pub customer: Option<(i64, &'a str)>,
    pub subject: &'a str,
    pub detail: Option<&'a str>,
}

pub(super) fn record_event(conn: &Connection, event: &Event) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO control_audit (action, operator, customer_id, customer_code, subject, detail, at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![
        event.action,
        event.operator,
        event.customer.map(|c| c.0),
        event.customer.map(|c| c.1),
        event.subject,
        event.detail,
        now_text()
    ])?;
    Ok(())
}

pub(super) fn problem(field: &str, code: &'static str, en: String, zh: String) -> StoreError {
    StoreError::Invalid(Problems(vec![Problem::error(
        field,
        code,
        Text::new(en, zh),
    )]))
}

/// Whether whoever `control` has signed in may act under `permission`.
pub(super) fn allowed(control: &Control, permission: Permission) -> bool {
    !control.active || control.signed_in.is_some_and(|r| r.allows(permission))
}

/// The refusal: what was refused, and who may do it.
fn denied(control: &Control, operator: &str, permission: Permission) -> StoreError {
    let name = permission.name();
    if control.signed_in.is_none() {
        return problem(
            "operator",
            "permission.sign_in_required",
            format!(
                "Operators are defined: sign in to {} (--operator NAME; the password from the prompt or KEHU_PASSWORD).",
                name.en
            ),
            format!(
                "已设操作员：须先登录才能{}（--operator 姓名；密码在提示时输入或用 KEHU_PASSWORD）。",
                name.zh
            ),
        );
    }
    let roles = permission.roles();
    let en: Vec<&str> = roles.iter().map(|r| r.key()).collect();
    let zh: Vec<String> = roles.iter().map(|r| r.name().zh).collect();
    problem(
        "operator",
        "permission.denied",
        format!(
            "{operator} may not {} [{}]: that needs a {} (ask one to do it, or to change your role).",
            name.en,
            permission.key(),
            en.join(" or ")
        ),
        format!(
            "{operator} 无权{}（{}）：须由{}操作（请其代为办理或调整您的角色）。",
            name.zh,
            permission.key(),
            zh.join("或")
        ),
    )
}

impl Store {
    /// Checks that whoever is signed in may act under `permission`; a
    /// refusal is recorded in the control trail and returned.
    pub fn require(&self, permission: Permission) -> Result<()> {
        if allowed(&self.control, permission) {
            return Ok(());
        }
        record_event(
            &self.conn,
            &Event {
                action: "refused",
                operator: &self.operator,
                customer: None,
                subject: permission.key(),
                detail: None,
            },
        )?;
        Err(denied(&self.control, &self.operator, permission))
    }

    /// Whether `permission` would be granted now (for a front that greys out
    /// what it cannot do); nothing is recorded.
    pub fn may(&self, permission: Permission) -> bool {
        allowed(&self.control, permission)
    }

    /// Whether operators are defined (so writes need one signed in).
    pub fn operators_defined(&self) -> bool {
        self.control.active
    }

    /// The signed-in operator's role, if any.
    pub fn signed_in_role(&self) -> Option<Role> {
        self.control.signed_in
    }
}

/// Settings keys of the two supervisor thresholds (fen).
const SUPERVISOR_CREDIT_LIMIT: &str = "supervisor_credit_limit";
const SUPERVISOR_OVERRIDE_EXCESS: &str = "supervisor_override_excess";
/// A credit limit above 100,000.00 is a supervisor's to set, by default.
pub const DEFAULT_SUPERVISOR_CREDIT_LIMIT: Money = Money::from_fen(10_000_000);
/// An override taking an account more than 10,000.00 over its limit is a
/// supervisor's, by default.
pub const DEFAULT_SUPERVISOR_OVERRIDE_EXCESS: Money = Money::from_fen(1_000_000);

/// Whether `data` sets a credit limit above `threshold` that it did not
/// have before (`old`): raising it past the threshold, or a new customer's.
/// An empty limit is "not controlled": a new customer starts that way (a
/// bookkeeper's), but lifting control from a controlled customer is a raise.
pub(super) fn raises_limit(
    data: &CustomerData,
    old: Option<&CustomerData>,
    threshold: Money,
) -> bool {
    match (data.credit_limit, old.map(|o| o.credit_limit)) {
        (Some(limit), None) => limit > threshold,
        (Some(limit), Some(before)) => limit > threshold && before.is_some_and(|b| limit > b),
        (None, Some(before)) => before.is_some(),
        (None, None) => false,
    }
}

impl Store {
    /// The refusal `require` gives (recorded), for a check made inside a
    /// transaction that the caller has already dropped.
    pub(super) fn refusal(&self, permission: Permission) -> StoreError {
        match self.require(permission) {
            Err(e) => e,
            Ok(()) => StoreError::Refused(format!("refused: {}", permission.key())),
        }
    }

    fn money_setting(&self, key: &str, default: Money) -> Result<Money> {
        let text: Option<String> = self
            .conn
            .query_row("SELECT value FROM setting WHERE key = ?1", [key], |r| {
                r.get(0)
            })
            .optional()?;
        Ok(text
            .and_then(|t| t.parse::<i64>().ok())
            .map_or(default, Money::from_fen))
    }

    fn set_money_setting(&mut self, key: &str, amount: Money) -> Result<()> {
        self.set_setting(key, &amount.fen().to_string(), &amount.to_string())
    }

    /// Stores setting `key` (a supervisor's), recorded with `detail`.
    pub(super) fn set_setting(&mut self, key: &str, value: &str, detail: &str) -> Result<()> {
        self.require(Permission::ManageSettings)?;
        let tx = self.conn.transaction()?;
        tx.execute(
            "INSERT INTO setting (key, value) VALUES (?1, ?2)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            params![key, value],
        )?;
        record_event(
            &tx,
            &Event {
                action: "setting",
                operator: &self.operator,
                customer: None,
                subject: key,
                detail: Some(detail),
            },
        )?;
        tx.commit()?;
        Ok(())
    }

    /// Above this, setting a credit limit needs a supervisor.
    pub fn supervisor_credit_limit(&self) -> Result<Money> {
        self.money_setting(SUPERVISOR_CREDIT_LIMIT, DEFAULT_SUPERVISOR_CREDIT_LIMIT)
    }

    pub fn set_supervisor_credit_limit(&mut self, amount: Money) -> Result<()> {
        self.set_money_setting(SUPERVISOR_CREDIT_LIMIT, amount)
    }

    /// An override taking the account more than this over its limit needs a supervisor.
    pub fn supervisor_override_excess(&self) -> Result<Money> {
        self.money_setting(
            SUPERVISOR_OVERRIDE_EXCESS,
            DEFAULT_SUPERVISOR_OVERRIDE_EXCESS,
        )
    }

    pub fn set_supervisor_override_excess(&mut self, amount: Money) -> Result<()> {
        self.set_money_setting(SUPERVISOR_OVERRIDE_EXCESS, amount)
    }
}
