//! Reading sessions back: one with its reconciliation exactly as saved, and
//! the history of a customer.

use std::collections::HashMap;

use rusqlite::{Connection, OptionalExtension, Row, params};

use super::super::{Result, Store, StoreError};
use super::{Session, SessionInfo, SessionStatus, no_session};
use crate::domain::date::from_iso;
use crate::domain::money::Money;
use crate::reconcile::{
    Line, Match, MatchOptions, Note, Parts, Reconciliation, Rule, Side, SignConvention,
};

const INFO_COLUMNS: &str = "s.id, s.customer_id, c.code, c.name, s.period_from, s.period_to,
     s.file_name, s.file_hash, s.sign, s.options, s.our_balance, s.their_balance, s.unexplained,
     s.status, s.created_by, s.created_at, s.updated_at, s.confirmed_by, s.confirmed_at,
     s.our_opening, s.their_opening, s.opening_note, s.confirm_reason";

fn corrupt(what: &str) -> StoreError {
    StoreError::Refused(format!("a stored reconciliation is damaged: {what}"))
}

fn date(text: &str) -> Result<chrono::NaiveDate> {
    from_iso(text).ok_or_else(|| corrupt(&format!("“{text}” is not a date")))
}

struct RawInfo {
    id: i64,
    customer_id: i64,
    code: String,
    name: String,
    from: String,
    to: String,
    file_name: String,
    file_hash: String,
    sign: String,
    options: String,
    figures: [i64; 3],
    status: String,
    created_by: String,
    created_at: String,
    updated_at: String,
    confirmed_by: Option<String>,
    confirmed_at: Option<String>,
    openings: [i64; 2],
    opening_note: Option<String>,
    confirm_reason: Option<String>,
}

fn raw_info(row: &Row) -> rusqlite::Result<RawInfo> {
    Ok(RawInfo {
        id: row.get(0)?,
        customer_id: row.get(1)?,
        code: row.get(2)?,
        name: row.get(3)?,
        from: row.get(4)?,
        to: row.get(5)?,
        file_name: row.get(6)?,
        file_hash: row.get(7)?,
        sign: row.get(8)?,
        options: row.get(9)?,
        figures: [row.get(10)?, row.get(11)?, row.get(12)?],
        status: row.get(13)?,
        created_by: row.get(14)?,
        created_at: row.get(15)?,
        updated_at: row.get(16)?,
        confirmed_by: row.get(17)?,
        confirmed_at: row.get(18)?,
        openings: [row.get(19)?, row.get(20)?],
        opening_note: row.get(21)?,
        confirm_reason: row.get(22)?,
    })
}

fn options(raw: &RawInfo) -> MatchOptions {
    serde_json::from_str(&raw.options).unwrap_or_default()
}

fn info(conn: &Connection, raw: RawInfo) -> Result<SessionInfo> {
    let adjustments = conn
        .prepare_cached(
            "SELECT entry_id FROM reconcile_adjustment WHERE session_id = ?1 ORDER BY entry_id",
        )?
        .query_map([raw.id], |r| r.get(0))?
        .collect::<rusqlite::Result<Vec<i64>>>()?;
    let recheck_of = if raw.status == SessionStatus::Confirmed.key() {
        None
    } else {
        confirmed_over(conn, raw.customer_id, raw.id, &raw.from, &raw.to)?.map(|c| c.id)
    };
    Ok(SessionInfo {
        id: raw.id,
        customer_id: raw.customer_id,
        tolerance_days: options(&raw).tolerance_days,
        from: date(&raw.from)?,
        to: date(&raw.to)?,
        sign: SignConvention::parse(&raw.sign)
            .ok_or_else(|| corrupt(&format!("unknown sign “{}”", raw.sign)))?,
        our_balance: Money::from_fen(raw.figures[0]),
        their_balance: Money::from_fen(raw.figures[1]),
        unexplained_difference: Money::from_fen(raw.figures[2]),
        status: SessionStatus::parse(&raw.status),
        code: raw.code,
        name: raw.name,
        file_name: raw.file_name,
        file_hash: raw.file_hash,
        created_by: raw.created_by,
        created_at: raw.created_at,
        updated_at: raw.updated_at,
        confirmed_by: raw.confirmed_by,
        confirmed_at: raw.confirmed_at,
        confirm_reason: raw.confirm_reason,
        recheck_of,
        adjustments,
    })
}

/// A confirmed session of the customer whose period overlaps `from..=to`.
pub(super) struct Covering {
    pub id: i64,
    pub from: String,
    pub to: String,
}

/// The earliest confirmed session (other than `id`) whose period overlaps
/// `from..=to`: that period is settled, so this one is only a re-check.
pub(super) fn confirmed_over(
    conn: &Connection,
    customer_id: i64,
    id: i64,
    from: &str,
    to: &str,
) -> Result<Option<Covering>> {
    Ok(conn
        .prepare_cached(
            "SELECT id, period_from, period_to FROM reconcile_session
             WHERE customer_id = ?1 AND status = 'confirmed' AND id <> ?2
               AND period_from <= ?4 AND period_to >= ?3
             ORDER BY id LIMIT 1",
        )?
        .query_row(params![customer_id, id, from, to], |r| {
            Ok(Covering {
                id: r.get(0)?,
                from: r.get(1)?,
                to: r.get(2)?,
            })
        })
        .optional()?)
}

fn raw_session(conn: &Connection, id: i64) -> Result<RawInfo> {
    let sql = format!(
        "SELECT {INFO_COLUMNS} FROM reconcile_session s JOIN customer c ON c.id = s.customer_id WHERE s.id = ?1"
    );
    conn.prepare_cached(&sql)?
        .query_row([id], raw_info)
        .optional()?
        .ok_or_else(|| no_session(id))
}

pub(super) fn session_info(conn: &Connection, id: i64) -> Result<SessionInfo> {
    info(conn, raw_session(conn, id)?)
}

/// A stored line and where it stands.
struct StoredLine {
    side: Side,
    line: Line,
    bucket: Bucket,
    match_id: Option<i64>,
    pair: Option<usize>,
    note: Option<String>,
}

/// A line's bucket as stored; a pair's keeps its name to find its partner.
enum Bucket {
    Matched,
    Only,
    Pair(String),
}

impl Bucket {
    fn read(row: &Row, index: usize) -> rusqlite::Result<Bucket> {
        let text = row.get_ref(index)?.as_str()?;
        Ok(match text {
            "matched" => Bucket::Matched,
            "only" => Bucket::Only,
            other => Bucket::Pair(other.to_string()),
        })
    }
}

/// Pushes onto a match's side growing by half, not doubling: most sides
/// hold one line, and a session holds a hundred thousand of them.
fn push_close(lines: &mut Vec<Line>, line: Line) {
    if lines.len() == lines.capacity() {
        lines.reserve_exact(lines.len() / 2 + 1);
    }
    lines.push(line);
}

fn bad(index: usize, what: &str) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(
        index,
        rusqlite::types::Type::Text,
        what.to_string().into(),
    )
}

fn stored_line(row: &Row) -> rusqlite::Result<StoredLine> {
    let side: String = row.get(0)?;
    let day: String = row.get(2)?;
    let id: i64 = row.get(1)?;
    Ok(StoredLine {
        side: Side::parse(&side).ok_or_else(|| bad(0, "unknown side"))?,
        line: Line {
            id: id as usize,
            date: from_iso(&day).ok_or_else(|| bad(2, "not a YYYY-MM-DD date"))?,
            doc: row.get(3)?,
            description: row.get(4)?,
            amount: Money::from_fen(row.get(5)?),
        },
        bucket: Bucket::read(row, 6)?,
        match_id: row.get(7)?,
        pair: row.get::<_, Option<i64>>(8)?.map(|p| p as usize),
        note: row.get(9)?,
    })
}

/// The session's reconciliation, bucket by bucket as saved. Lines go into
/// their buckets as they are read (never all held a second time as rows).
fn reconciliation(conn: &Connection, raw: &RawInfo) -> Result<Reconciliation> {
    let id = raw.id;
    let mut parts = Parts {
        our_opening: Money::from_fen(raw.openings[0]),
        their_opening: Money::from_fen(raw.openings[1]),
        opening_note: raw.opening_note.clone(),
        options: options(raw),
        ..Parts::default()
    };
    // Matches in the order they were saved (the engine's order).
    let mut matches: Vec<Match> = Vec::new();
    let mut position: HashMap<i64, usize> = HashMap::new();
    let mut stmt = conn.prepare_cached(
        "SELECT id, rule, confidence, note FROM reconcile_match WHERE session_id = ?1 ORDER BY id",
    )?;
    for row in stmt.query_map([id], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, u8>(2)?,
            r.get::<_, Option<String>>(3)?,
        ))
    })? {
        let (match_id, rule, confidence, note) = row?;
        let rule = Rule::parse(&rule).ok_or_else(|| corrupt(&format!("unknown rule “{rule}”")))?;
        position.insert(match_id, matches.len());
        matches.push(Match {
            ours: Vec::new(),
            theirs: Vec::new(),
            rule,
            confidence,
            note,
        });
    }
    let mut theirs_paired: HashMap<(String, usize), Line> = HashMap::new();
    let mut ours_paired: Vec<(String, Line, usize)> = Vec::new();
    let mut stmt = conn.prepare_cached(
        "SELECT side, line_id, line_date, doc, description, amount, bucket, match_id, pair_line, note
         FROM reconcile_line WHERE session_id = ?1 ORDER BY side, line_id",
    )?;
    for row in stmt.query_map([id], stored_line)? {
        let stored = row?;
        if let Some(text) = stored.note {
            parts.notes.push(Note {
                side: stored.side,
                id: stored.line.id,
                text,
            });
        }
        match (stored.bucket, stored.side) {
            (Bucket::Matched, side) => {
                let slot = stored
                    .match_id
                    .and_then(|m| position.get(&m))
                    .and_then(|&i| matches.get_mut(i))
                    .ok_or_else(|| corrupt("a matched line without its match"))?;
                push_close(
                    match side {
                        Side::Ours => &mut slot.ours,
                        Side::Theirs => &mut slot.theirs,
                    },
                    stored.line,
                );
            }
            (Bucket::Only, Side::Ours) => parts.only_ours.push(stored.line),
            (Bucket::Only, Side::Theirs) => parts.only_theirs.push(stored.line),
            (Bucket::Pair(bucket), Side::Ours) => {
                let pair = stored
                    .pair
                    .ok_or_else(|| corrupt("a pair without its partner"))?;
                ours_paired.push((bucket, stored.line, pair));
            }
            (Bucket::Pair(bucket), Side::Theirs) => {
                theirs_paired.insert((bucket, stored.line.id), stored.line);
            }
        }
    }
    for (bucket, ours, pair) in ours_paired {
        let theirs = theirs_paired
            .remove(&(bucket.clone(), pair))
            .ok_or_else(|| corrupt("a pair without its partner"))?;
        match bucket.as_str() {
            "amount_mismatch" => parts.amount_mismatch.push((ours, theirs)),
            _ => parts.date_outside_tolerance.push((ours, theirs)),
        }
    }
    for m in &mut matches {
        m.ours.shrink_to_fit();
        m.theirs.shrink_to_fit();
    }
    parts.matched = matches;
    Reconciliation::from_parts(parts).map_err(|e| corrupt(&e.to_string()))
}

/// A saved session inside a transaction the caller holds.
pub(super) fn load_session(conn: &Connection, id: i64) -> Result<Session> {
    let raw = raw_session(conn, id)?;
    let reconciliation = reconciliation(conn, &raw)?;
    let info = info(conn, raw)?;
    Ok(Session {
        info,
        reconciliation,
    })
}

impl Store {
    /// A saved session with its reconciliation as it was saved.
    pub fn reconciliation(&self, id: i64) -> Result<Session> {
        load_session(&self.conn, id)
    }

    /// The customer's sessions, latest period first.
    pub fn reconciliations(&self, customer_id: i64) -> Result<Vec<SessionInfo>> {
        let sql = format!(
            "SELECT {INFO_COLUMNS} FROM reconcile_session s JOIN customer c ON c.id = s.customer_id
             WHERE s.customer_id = ?1 ORDER BY s.period_to DESC, s.id DESC"
        );
        let raws = self
            .conn
            .prepare_cached(&sql)?
            .query_map(params![customer_id], raw_info)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        raws.into_iter().map(|raw| info(&self.conn, raw)).collect()
    }
}
