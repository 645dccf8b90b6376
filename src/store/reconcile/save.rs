//! Saving a draft: the session row with its figures, then every line where it
//! stands, every match and every note, replacing what the draft held; one
//! transaction with its audit row.

use std::collections::{HashMap, HashSet};

use rusqlite::{Connection, OptionalExtension, ToSql, params, params_from_iter};

use super::super::{Result, Store, StoreError, now_text};
use super::load::{Covering, confirmed_over};
use super::{SessionSource, SessionStatus, no_session, read_only, refused};
use crate::domain::date::iso;
use crate::reconcile::{Line, Reconciliation, Side};

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
        let tx = self.conn.transaction()?;
        let id = save_in(&tx, &self.operator, id, source, recon)?;
        tx.commit()?;
        Ok(id)
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
            // The draft's lines and matches are written again below.
            conn.prepare_cached("DELETE FROM reconcile_line WHERE session_id = ?1")?
                .execute([id])?;
            conn.prepare_cached("DELETE FROM reconcile_match WHERE session_id = ?1")?
                .execute([id])?;
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
    LineWriter::new(conn, id, source.customer_id, recon)?.write_all(recon)?;
    Ok(id)
}

/// Where a line stands, as stored.
enum Bucket<'a> {
    Matched(i64),
    Only,
    Pair(&'a str, usize),
}

struct LineWriter<'c> {
    conn: &'c Connection,
    session: i64,
    notes: HashMap<(Side, usize), &'c str>,
    /// The customer's entry ids: our lines name theirs when they come from
    /// the ledger (a line built by hand or by a test may not).
    entries: HashSet<i64>,
}

impl<'c> LineWriter<'c> {
    fn new(
        conn: &'c Connection,
        session: i64,
        customer: i64,
        recon: &'c Reconciliation,
    ) -> Result<LineWriter<'c>> {
        let notes = recon
            .notes()
            .iter()
            .map(|n| ((n.side, n.id), n.text.as_str()))
            .collect();
        let entries = conn
            .prepare_cached("SELECT id FROM ledger_entry WHERE customer_id = ?1")?
            .query_map([customer], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(LineWriter {
            conn,
            session,
            notes,
            entries,
        })
    }

    fn write_all(&self, recon: &Reconciliation) -> Result<()> {
        for m in recon.matched() {
            self.conn
                .prepare_cached(
                    "INSERT INTO reconcile_match (session_id, rule, confidence, note) VALUES (?1, ?2, ?3, ?4)",
                )?
                .execute(params![
                    self.session,
                    m.rule.key(),
                    m.confidence,
                    m.note
                ])?;
            let match_id = self.conn.last_insert_rowid();
            for (side, lines) in [(Side::Ours, &m.ours), (Side::Theirs, &m.theirs)] {
                for line in lines {
                    self.line(side, line, Bucket::Matched(match_id))?;
                }
            }
        }
        for line in recon.only_ours() {
            self.line(Side::Ours, line, Bucket::Only)?;
        }
        for line in recon.only_theirs() {
            self.line(Side::Theirs, line, Bucket::Only)?;
        }
        for (bucket, pairs) in [
            ("amount_mismatch", recon.amount_mismatch()),
            ("date_outside_tolerance", recon.date_outside_tolerance()),
        ] {
            for pair in pairs {
                self.line(Side::Ours, &pair.ours, Bucket::Pair(bucket, pair.theirs.id))?;
                self.line(
                    Side::Theirs,
                    &pair.theirs,
                    Bucket::Pair(bucket, pair.ours.id),
                )?;
            }
        }
        Ok(())
    }

    fn line(&self, side: Side, line: &Line, bucket: Bucket) -> Result<()> {
        let entry_id =
            Some(line.id as i64).filter(|id| side == Side::Ours && self.entries.contains(id));
        let (name, match_id, pair) = match bucket {
            Bucket::Matched(id) => ("matched", Some(id), None),
            Bucket::Only => ("only", None, None),
            Bucket::Pair(name, other) => (name, None, Some(other as i64)),
        };
        self.conn
            .prepare_cached(
                "INSERT INTO reconcile_line (session_id, side, line_id, entry_id, line_date, doc,
                     description, amount, bucket, match_id, pair_line, note)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
            )?
            .execute(params![
                self.session,
                side.key(),
                line.id as i64,
                entry_id,
                iso(line.date),
                line.doc,
                line.description,
                line.amount.fen(),
                name,
                match_id,
                pair,
                self.notes.get(&(side, line.id)).copied(),
            ])?;
        Ok(())
    }
}
