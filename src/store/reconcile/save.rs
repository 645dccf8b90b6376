//! Saving a draft: the session row with its figures, then every line where it
//! stands, every match and every note, replacing what the draft held; one
//! transaction with its audit row.

use rusqlite::{Connection, OptionalExtension, ToSql, params, params_from_iter};

use super::super::{Result, Store, StoreError, now_text};
use super::guards;
use super::load::{Covering, confirmed_over};
use super::save_rows::write_rows;
use super::{SessionSource, SessionStatus, no_session, read_only, refused};
use crate::domain::date::iso;
use crate::reconcile::Reconciliation;

/// Page cache while a session is saved, KiB.
const SAVE_CACHE_KIB: i64 = 65_536;

impl Store {
    /// Saves `recon` as a draft: a new session (`id` None) or over the draft
    /// `id`. Returns the session's id. A confirmed session is refused.
    pub fn save_reconciliation(
        &mut self,
        id: Option<i64>,
        source: &SessionSource,
        recon: &Reconciliation,
    ) -> Result<i64> {
        self.require(crate::domain::permission::Permission::EditLedger)?;
        // A large session's pages stay in memory until the commit instead of
        // spilling to the WAL and being read back (the matches' index takes
        // its keys out of order); the cache only grows to what is touched.
        let cache: i64 = self
            .conn
            .pragma_query_value(None, "cache_size", |r| r.get(0))?;
        let foreign_keys: bool = self
            .conn
            .pragma_query_value(None, "foreign_keys", |r| r.get(0))?;
        self.conn
            .pragma_update(None, "cache_size", -SAVE_CACHE_KIB)?;
        // Every reference the save writes holds by construction: the session
        // is the one it inserted or checked, the matches those it inserted,
        // the entries ids it read from the ledger in the same transaction.
        // Checking them cost three lookups a line. (The pragma only takes
        // effect outside a transaction.)
        self.conn.pragma_update(None, "foreign_keys", false)?;
        let saved = self.conn.transaction().map_err(Into::into).and_then(|tx| {
            let id = save_in(&tx, &self.operator, id, source, recon)?;
            tx.commit()?;
            Ok(id)
        });
        self.conn
            .pragma_update(None, "foreign_keys", foreign_keys)?;
        self.conn.pragma_update(None, "cache_size", cache)?;
        saved
    }
}

pub(super) fn audit(
    conn: &Connection,
    session_id: i64,
    customer_id: i64,
    action: &str,
    detail: Option<&str>,
    operator: &str,
    at: &str,
) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO reconcile_audit (session_id, customer_id, action, detail, operator, at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![
        session_id,
        customer_id,
        action,
        detail,
        operator,
        at
    ])?;
    Ok(())
}

/// The draft's customer, or why it cannot be written: it does not exist, it
/// is confirmed, or it re-checks a period a confirmed session covers.
pub(super) fn writable(conn: &Connection, id: i64) -> Result<i64> {
    let found: Option<(i64, String, String, String)> = conn
        .prepare_cached(
            "SELECT customer_id, status, period_from, period_to FROM reconcile_session WHERE id = ?1",
        )?
        .query_row([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .optional()?;
    match found {
        None => Err(no_session(id)),
        Some((_, status, ..)) if status == SessionStatus::Confirmed.key() => Err(read_only(id)),
        Some((customer_id, _, from, to)) => {
            match confirmed_over(conn, customer_id, id, &from, &to)? {
                Some(c) => Err(recheck(id, &c)),
                None => Ok(customer_id),
            }
        }
    }
}

/// A draft over a confirmed period: it stays as a read-only re-check.
fn recheck(id: i64, c: &Covering) -> StoreError {
    refused(
        "reconcile.period_confirmed",
        format!(
            "Reconciliation #{id} covers days that reconciliation #{} ({} .. {}) already confirmed: \
             it is a re-check, read-only, and a confirmed period is not confirmed again. \
             Reconcile the days after {} instead.",
            c.id, c.from, c.to, c.to
        ),
        format!(
            "对账 #{id} 的期间与已确认的对账 #{}（{} 至 {}）重叠：它只是复核，只读，已确认的期间不能再次确认。\
             请对 {} 之后的期间对账。",
            c.id, c.from, c.to, c.to
        ),
    )
}

/// The session's columns a save writes, in the order of `values`.
const FIELDS: [&str; 12] = [
    "period_from",
    "period_to",
    "file_name",
    "file_hash",
    "sign",
    "options",
    "our_opening",
    "their_opening",
    "opening_note",
    "our_balance",
    "their_balance",
    "unexplained",
];

pub(super) fn save_in(
    conn: &Connection,
    operator: &str,
    id: Option<i64>,
    source: &SessionSource,
    recon: &Reconciliation,
) -> Result<i64> {
    if source.to < source.from {
        let (from, to) = (iso(source.from), iso(source.to));
        return Err(refused(
            "period.reversed",
            format!("The period starts ({from}) after it ends ({to})."),
            format!("起始日期 {from} 晚于截止日期 {to}。"),
        ));
    }
    let now = now_text();
    let (from, to) = (iso(source.from), iso(source.to));
    let options = serde_json::to_string(recon.options()).unwrap_or_else(|_| "{}".into());
    let figures = [
        recon.our_opening().fen(),
        recon.their_opening().fen(),
        recon.our_balance().fen(),
        recon.their_balance().fen(),
        recon.unexplained_difference().fen(),
    ];
    let values: [&dyn ToSql; 12] = [
        &from,
        &to,
        &source.file_name,
        &source.file_hash,
        &source.sign.key(),
        &options,
        &figures[0],
        &figures[1],
        &recon.opening_note(),
        &figures[2],
        &figures[3],
        &figures[4],
    ];
    let replacing = id.is_some();
    let id = match id {
        Some(id) => {
            let customer_id = writable(conn, id)?;
            if customer_id != source.customer_id {
                return Err(refused(
                    "reconcile.other_customer",
                    format!("Reconciliation #{id} belongs to another customer."),
                    format!("对账 #{id} 属于另一个客户。"),
                ));
            }
            let set: Vec<String> = FIELDS
                .iter()
                .enumerate()
                .map(|(i, f)| format!("{f} = ?{}", i + 1))
                .collect();
            let sql = format!(
                "UPDATE reconcile_session SET {}, updated_at = ?13 WHERE id = ?14",
                set.join(", ")
            );
            let tail: [&dyn ToSql; 2] = [&now, &id];
            conn.prepare_cached(&sql)?
                .execute(params_from_iter(values.iter().chain(&tail)))?;
            audit(conn, id, customer_id, "save", None, operator, &now)?;
            id
        }
        None => {
            let sql = format!(
                "INSERT INTO reconcile_session ({}, customer_id, status, created_by, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, 'draft', ?14, ?15, ?15)",
                FIELDS.join(", ")
            );
            let tail: [&dyn ToSql; 3] = [&source.customer_id, &operator, &now];
            conn.prepare_cached(&sql)?
                .execute(params_from_iter(values.iter().chain(&tail)))?;
            let id = conn.last_insert_rowid();
            let detail = format!("{} {}", source.file_name, source.file_hash);
            let customer = source.customer_id;
            audit(conn, id, customer, "create", Some(&detail), operator, &now)?;
            id
        }
    };
    // Checked above, once: a new session, or a draft (`writable`). On an
    // error below the guards stay dropped, and the caller's transaction,
    // which does not commit then, brings them back.
    let lifted = guards::lift(conn)?;
    if replacing {
        // The draft's lines and matches are written again below.
        conn.prepare_cached("DELETE FROM reconcile_line WHERE session_id = ?1")?
            .execute([id])?;
        conn.prepare_cached("DELETE FROM reconcile_match WHERE session_id = ?1")?
            .execute([id])?;
    }
    write_rows(conn, id, source.customer_id, recon)?;
    guards::restore(conn, lifted)?;
    Ok(id)
}
