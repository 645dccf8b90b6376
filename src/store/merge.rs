//! Merging duplicate customers (合并重复客户): the dropped customer's ledger
//! entries (their allocations and reconciliation lines follow them) and
//! reconciliation sessions move to the kept one in one transaction; the
//! kept one may take some fields from the dropped one; the dropped one is
//! archived with a pointer to the kept one. Undone as one step while nothing
//! new has touched either customer (`merge_undo.rs`).
//!
//! The audit tables are append-only, so their rows keep the dropped
//! customer's id: reading the kept customer's history follows the pointer
//! (`MERGED_IDS`) instead.

use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;

use super::control::{Event, record_event};
use super::customers::find;
use super::ledger::{lock_date as confirmed_until, refresh as refresh_account};
use super::writer::{SimilarScan, Writer};
use super::{Result, Store, StoreError};
use crate::domain::customer::{Customer, CustomerData, Status};
use crate::domain::date::iso;
use crate::domain::field::{Field, FieldValues, values_of};
use crate::domain::permission::Permission;
use crate::messages::Message;

/// The ids whose history is customer `?1`'s: itself and every customer
/// merged into it (and into those, and so on). Use as `IN (MERGED_IDS)`.
pub(super) const MERGED_IDS: &str = "WITH RECURSIVE merged(id) AS (
         SELECT ?1 UNION SELECT c.id FROM customer c JOIN merged m ON c.merged_into = m.id)
     SELECT id FROM merged";

/// How many clashing documents a refusal names (the rest are counted).
const NAMED: usize = 10;

/// A merge done.
#[derive(Clone, Debug, Serialize)]
pub struct Merged {
    /// The merge's number (`kehu customer merge --undo ID`).
    pub id: i64,
    pub kept: Customer,
    pub dropped_code: String,
    pub entries: usize,
    pub sessions: usize,
}

/// A merge undone.
#[derive(Clone, Debug, Serialize)]
pub struct Unmerged {
    pub id: i64,
    pub kept_code: String,
    pub dropped_code: String,
    pub entries: usize,
    pub sessions: usize,
}

fn coded(message: Message) -> StoreError {
    StoreError::Coded(message)
}

/// The field keys `take` names, checked: customer fields (not the code or
/// status, which the merge itself decides) and classification dimensions.
fn fields_to_take(conn: &Connection, take: &[String]) -> Result<Vec<String>> {
    let mut keys = Vec::new();
    for key in take {
        let key = key.trim();
        let key = key
            .strip_suffix("=from-drop")
            .or_else(|| key.strip_suffix("=drop"))
            .unwrap_or(key)
            .trim();
        let known = match Field::from_key(key) {
            Some(Field::Code | Field::Status) => false,
            Some(_) => true,
            None => conn
                .prepare_cached("SELECT EXISTS (SELECT 1 FROM dimension WHERE code = ?1)")?
                .query_row([key], |r| r.get(0))?,
        };
        if !known {
            return Err(coded(Message::new("merge.bad_field").with("field", key)));
        }
        keys.push(key.to_string());
    }
    Ok(keys)
}

/// The text of `key` (a field or a dimension) in `data`; empty when unset.
fn text_of(data: &CustomerData, key: &str) -> String {
    match Field::from_key(key) {
        Some(field) => field.text_of(data),
        None => data.classification.get(key).cloned().unwrap_or_default(),
    }
}

/// A whole record as JSON (non-empty fields), for the merge's audit row.
pub(super) fn snapshot(data: &CustomerData) -> String {
    let values: FieldValues = values_of(data)
        .into_iter()
        .filter(|(_, v)| !v.is_empty())
        .collect();
    serde_json::to_string(&values).unwrap_or_default()
}

/// Documents of the same type and number on both customers: `invoice 00012345`.
fn clashes(conn: &Connection, kept: i64, dropped: i64) -> Result<Vec<String>> {
    let mut stmt = conn.prepare(
        "SELECT d.kind, d.doc_no FROM ledger_entry d
         JOIN ledger_entry k ON k.customer_id = ?1 AND k.kind = d.kind AND k.doc_no = d.doc_no
         WHERE d.customer_id = ?2 ORDER BY d.kind, d.doc_no",
    )?;
    let rows = stmt.query_map([kept, dropped], |r| {
        Ok(format!(
            "{}:{}",
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?
        ))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn max_id(conn: &Connection, table: &str) -> Result<i64> {
    Ok(conn.query_row(
        &format!("SELECT COALESCE(MAX(id), 0) FROM {table}"),
        [],
        |r| r.get(0),
    )?)
}

/// Moves the dropped customer's rows of `table` to the kept one, noting
/// each moved row under the merge; returns how many moved.
fn move_rows(
    conn: &Connection,
    merge: i64,
    kind: &str,
    table: &str,
    from: i64,
    to: i64,
) -> Result<usize> {
    conn.execute(
        &format!(
            "INSERT INTO customer_merge_moved (merge_id, kind, row_id)
             SELECT ?1, ?2, id FROM {table} WHERE customer_id = ?3"
        ),
        params![merge, kind, from],
    )?;
    Ok(conn.execute(
        &format!("UPDATE {table} SET customer_id = ?2 WHERE customer_id = ?1"),
        [from, to],
    )?)
}

/// Records the trails' last ids on the merge: anything after them about
/// either customer blocks the undo.
pub(super) fn stamp(conn: &Connection, merge: i64) -> Result<()> {
    conn.execute(
        "UPDATE customer_merge SET audit_last = ?2, ledger_audit_last = ?3, reconcile_audit_last = ?4
         WHERE id = ?1",
        params![
            merge,
            max_id(conn, "audit")?,
            max_id(conn, "ledger_audit")?,
            max_id(conn, "reconcile_audit")?
        ],
    )?;
    Ok(())
}

fn merged_into(conn: &Connection, id: i64) -> Result<Option<i64>> {
    Ok(conn
        .prepare_cached("SELECT merged_into FROM customer WHERE id = ?1")?
        .query_row([id], |r| r.get(0))
        .optional()?
        .flatten())
}

impl Store {
    /// Merges customer `drop` into `keep`: `take` names the fields (keys or
    /// dimensions) the kept customer takes from the dropped one. Refused
    /// while documents of the same type and number are on both (rename one
    /// first). One transaction, audited (`merge`, both snapshots).
    pub fn merge_customers(
        &mut self,
        keep: &str,
        drop: &str,
        take: &[String],
        reason: Option<&str>,
    ) -> Result<Merged> {
        self.require(Permission::MergeCustomers)?;
        let tx = self.conn.transaction()?;
        let kept = find(&tx, keep)?.ok_or_else(|| StoreError::NotFound(keep.to_string()))?;
        let dropped = find(&tx, drop)?.ok_or_else(|| StoreError::NotFound(drop.to_string()))?;
        if kept.id == dropped.id {
            return Err(coded(
                Message::new("merge.same").with("code", &kept.data.code),
            ));
        }
        for c in [&kept, &dropped] {
            if let Some(into) = merged_into(&tx, c.id)? {
                let into = customer_code(&tx, into)?;
                return Err(coded(
                    Message::new("merge.already_merged")
                        .with("code", &c.data.code)
                        .with("into", into),
                ));
            }
        }
        let keys = fields_to_take(&tx, take)?;
        let clashing = clashes(&tx, kept.id, dropped.id)?;
        if !clashing.is_empty() {
            let mut named: Vec<String> = clashing.iter().take(NAMED).cloned().collect();
            if clashing.len() > NAMED {
                named.push(format!("+{}", clashing.len() - NAMED));
            }
            return Err(coded(
                Message::new("merge.doc_clash")
                    .with("keep", &kept.data.code)
                    .with("drop", &dropped.data.code)
                    .with("count", clashing.len())
                    .with("docs", named.join(", ")),
            ));
        }
        // A raise awaiting review would otherwise stay with an archived
        // customer: decided first, by the supervisor who sees its reason.
        if super::review::open_change(&tx, dropped.id)?.is_some() {
            return Err(coded(
                Message::new("merge.pending_review").with("code", &dropped.data.code),
            ));
        }
        let mut writer = Writer::new(&tx, &self.operator)?;
        let before: FieldValues = keys
            .iter()
            .map(|k| (k.clone(), text_of(&kept.data, k)))
            .collect();
        let patch: FieldValues = keys
            .iter()
            .map(|k| (k.clone(), text_of(&dropped.data, k)))
            .collect();
        tx.execute(
            "INSERT INTO customer_merge (kept_id, dropped_id, kept_code, dropped_code, kept_before,
                 dropped_status, kept_lock_before, reason, operator, at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            params![
                kept.id,
                dropped.id,
                kept.data.code,
                dropped.data.code,
                serde_json::to_string(&before).unwrap_or_default(),
                dropped.data.status.key(),
                confirmed_until(&tx, kept.id)?.map(iso),
                reason,
                self.operator,
                writer.now(),
            ],
        )?;
        let id = tx.last_insert_rowid();
        // Archived first: a tax ID the kept customer takes is then free.
        let mut archived = dropped.data.clone();
        archived.status = Status::Archived;
        writer.update(&tx, &dropped, archived, "status")?;
        tx.execute(
            "UPDATE customer SET merged_into = ?2 WHERE id = ?1",
            [dropped.id, kept.id],
        )?;
        let values = writer.merge_patch(&kept, &patch);
        let checked = writer.check(&tx, &values, Some(&kept), SimilarScan::ExactKey)?;
        if checked.problems.has_errors() {
            return Err(StoreError::Invalid(checked.problems));
        }
        let merged = writer.update(&tx, &kept, checked.data, "update")?;
        writer.finish(&tx)?;
        let entries = move_rows(&tx, id, "entry", "ledger_entry", dropped.id, kept.id)?;
        let sessions = move_rows(&tx, id, "session", "reconcile_session", dropped.id, kept.id)?;
        // Entries the dropped customer had confirmed stay final under the kept one.
        tx.execute(
            "INSERT INTO ledger_lock (customer_id, confirmed_until, operator, at)
             SELECT ?1, confirmed_until, operator, at FROM ledger_lock WHERE customer_id = ?2
             ON CONFLICT (customer_id) DO UPDATE SET confirmed_until = excluded.confirmed_until
             WHERE excluded.confirmed_until > confirmed_until",
            [kept.id, dropped.id],
        )?;
        refresh_account(&tx, kept.id)?;
        refresh_account(&tx, dropped.id)?;
        let detail = serde_json::json!({
            "merge": id,
            "kept": serde_json::from_str::<serde_json::Value>(&snapshot(&kept.data)).ok(),
            "dropped": serde_json::from_str::<serde_json::Value>(&snapshot(&dropped.data)).ok(),
            "fields": keys,
            "entries": entries,
            "sessions": sessions,
            "reason": reason,
        })
        .to_string();
        record_event(
            &tx,
            &Event {
                action: "merge",
                operator: &self.operator,
                customer: Some((kept.id, &kept.data.code)),
                subject: &dropped.data.code,
                detail: Some(&detail),
            },
        )?;
        stamp(&tx, id)?;
        tx.commit()?;
        Ok(Merged {
            id,
            kept: merged,
            dropped_code: dropped.data.code,
            entries,
            sessions,
        })
    }

    /// The code of the customer `customer_id` was merged into, if it was.
    pub fn merged_into(&self, customer_id: i64) -> Result<Option<String>> {
        match merged_into(&self.conn, customer_id)? {
            Some(id) => Ok(Some(customer_code(&self.conn, id)?)),
            None => Ok(None),
        }
    }
}

pub(super) fn customer_code(conn: &Connection, id: i64) -> Result<String> {
    Ok(conn
        .prepare_cached("SELECT code FROM customer WHERE id = ?1")?
        .query_row([id], |r| r.get(0))
        .optional()?
        .unwrap_or_else(|| format!("#{id}")))
}
