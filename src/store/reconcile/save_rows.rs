//! A session's matches and lines, written many rows to a statement.
//!
//! The line and match tables have triggers and CHECKs that may abort (a
//! confirmed session is read-only; the save lifts the triggers, the CHECKs
//! stay), so SQLite keeps a statement journal for every INSERT, copying each
//! page it touches to a temporary file first. One row a
//! statement copied a whole page per row: at 100,000 lines a side the save
//! took 3.4–6.4 s, mostly those copies. Many rows a statement, in primary-key
//! order (so consecutive rows land on the same few pages), copy a page per
//! batch instead.

use std::collections::HashMap;

use rusqlite::{Connection, Statement};

use super::super::Result;
use crate::domain::date::iso;
use crate::reconcile::{Line, Reconciliation, Side};

/// Rows a statement; 10 parameters × 256 stays far below SQLite's 32,766.
const ROWS_PER_STATEMENT: usize = 256;

/// The columns every row of a statement shares come first: bound once a
/// statement (`?1`, `?2`), not once a row.
const LINE_COLUMNS: &str = "(session_id, side, line_id, entry_id, line_date, doc, description, \
                            amount, bucket, match_id, pair_line, note)";
const MATCH_COLUMNS: &str = "(session_id, id, rule, confidence, note)";

/// One line where it stands, as stored.
struct Row<'a> {
    side: Side,
    line: &'a Line,
    bucket: &'static str,
    match_id: Option<i64>,
    pair: Option<i64>,
}

/// Writes the matches (ids given here, in the reconciliation's order, as the
/// table would have numbered them) and then every line of both sides.
pub(super) fn write_rows(
    conn: &Connection,
    session: i64,
    customer: i64,
    recon: &Reconciliation,
) -> Result<()> {
    let first: i64 = conn
        .prepare_cached("SELECT COALESCE(MAX(id), 0) + 1 FROM reconcile_match")?
        .query_row([], |r| r.get(0))?;
    let mut rows = Vec::with_capacity(recon.matched().len() * 2);
    let mut insert = Insert::new(conn, "reconcile_match", MATCH_COLUMNS, 1, 4);
    for (chunk_start, chunk) in recon.matched().chunks(ROWS_PER_STATEMENT).enumerate() {
        let base = first + (chunk_start * ROWS_PER_STATEMENT) as i64;
        insert.run(chunk.len(), |stmt| {
            stmt.raw_bind_parameter(1, session)?;
            let mut at = 2;
            for (i, m) in chunk.iter().enumerate() {
                let id = base + i as i64;
                stmt.raw_bind_parameter(at, id)?;
                stmt.raw_bind_parameter(at + 1, m.rule.key())?;
                stmt.raw_bind_parameter(at + 2, m.confidence)?;
                stmt.raw_bind_parameter(at + 3, m.note.as_deref())?;
                at += 4;
                for (side, lines) in [(Side::Ours, &m.ours), (Side::Theirs, &m.theirs)] {
                    rows.extend(lines.iter().map(|line| Row {
                        side,
                        line,
                        bucket: "matched",
                        match_id: Some(id),
                        pair: None,
                    }));
                }
            }
            Ok(())
        })?;
    }
    for (side, lines) in [
        (Side::Ours, recon.only_ours()),
        (Side::Theirs, recon.only_theirs()),
    ] {
        rows.extend(lines.iter().map(|line| Row {
            side,
            line,
            bucket: "only",
            match_id: None,
            pair: None,
        }));
    }
    for (bucket, pairs) in [
        ("amount_mismatch", recon.amount_mismatch()),
        ("date_outside_tolerance", recon.date_outside_tolerance()),
    ] {
        for p in pairs {
            for (side, line, other) in [
                (Side::Ours, &p.ours, &p.theirs),
                (Side::Theirs, &p.theirs, &p.ours),
            ] {
                rows.push(Row {
                    side,
                    line,
                    bucket,
                    match_id: None,
                    pair: Some(other.id as i64),
                });
            }
        }
    }
    // The primary key's order: each batch appends to the table's last pages.
    rows.sort_unstable_by_key(|r| (r.side, r.line.id));
    let notes: HashMap<(Side, usize), &str> = recon
        .notes()
        .iter()
        .map(|n| ((n.side, n.id), n.text.as_str()))
        .collect();
    // Our lines name their ledger entry when they come from the ledger (a
    // line built by hand or by a test may not).
    let mut entries: Vec<i64> = conn
        .prepare_cached("SELECT id FROM ledger_entry WHERE customer_id = ?1")?
        .query_map([customer], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    entries.sort_unstable();
    let mut insert = Insert::new(conn, "reconcile_line", LINE_COLUMNS, 2, 10);
    // Ours, then theirs: a statement's rows share their side.
    let theirs = rows.partition_point(|r| r.side == Side::Ours);
    for (side, side_rows) in [
        (Side::Ours, &rows[..theirs]),
        (Side::Theirs, &rows[theirs..]),
    ] {
        for chunk in side_rows.chunks(ROWS_PER_STATEMENT) {
            insert.run(chunk.len(), |stmt| {
                stmt.raw_bind_parameter(1, session)?;
                stmt.raw_bind_parameter(2, side.key())?;
                let mut at = 3;
                for r in chunk {
                    let line_id = r.line.id as i64;
                    let entry = Some(line_id)
                        .filter(|id| side == Side::Ours && entries.binary_search(id).is_ok());
                    stmt.raw_bind_parameter(at, line_id)?;
                    stmt.raw_bind_parameter(at + 1, entry)?;
                    stmt.raw_bind_parameter(at + 2, iso(r.line.date))?;
                    stmt.raw_bind_parameter(at + 3, r.line.doc.as_str())?;
                    stmt.raw_bind_parameter(at + 4, r.line.description.as_str())?;
                    stmt.raw_bind_parameter(at + 5, r.line.amount.fen())?;
                    stmt.raw_bind_parameter(at + 6, r.bucket)?;
                    stmt.raw_bind_parameter(at + 7, r.match_id)?;
                    stmt.raw_bind_parameter(at + 8, r.pair)?;
                    stmt.raw_bind_parameter(at + 9, notes.get(&(side, r.line.id)).copied())?;
                    at += 10;
                }
                Ok(())
            })?;
        }
    }
    Ok(())
}

/// A table's `INSERT INTO table columns VALUES (?, …), …`: the full batch
/// prepared once a save (the guards' DDL expires cached statements anyway),
/// the last shorter one once.
struct Insert<'c> {
    conn: &'c Connection,
    table: &'static str,
    columns: &'static str,
    /// Leading columns every row takes from `?1`…
    shared: usize,
    /// Parameters of each row after them.
    width: usize,
    full: Option<Statement<'c>>,
}

impl<'c> Insert<'c> {
    fn new(
        conn: &'c Connection,
        table: &'static str,
        columns: &'static str,
        shared: usize,
        width: usize,
    ) -> Self {
        Insert {
            conn,
            table,
            columns,
            shared,
            width,
            full: None,
        }
    }

    /// `(?1, ?2, ?3, …), (?1, ?2, ?13, …), …`
    fn sql(&self, rows: usize) -> String {
        let values: Vec<String> = (0..rows)
            .map(|row| {
                let first = self.shared + 1 + row * self.width;
                let numbers = (1..=self.shared).chain(first..first + self.width);
                let params: Vec<String> = numbers.map(|n| format!("?{n}")).collect();
                format!("({})", params.join(", "))
            })
            .collect();
        format!(
            "INSERT INTO {} {} VALUES {}",
            self.table,
            self.columns,
            values.join(", ")
        )
    }

    /// Inserts `rows` rows whose parameters `bind` sets.
    fn run(
        &mut self,
        rows: usize,
        bind: impl FnOnce(&mut Statement<'c>) -> Result<()>,
    ) -> Result<()> {
        let mut short;
        let stmt = if rows == ROWS_PER_STATEMENT {
            let full = match self.full.take() {
                Some(stmt) => stmt,
                None => self.conn.prepare(&self.sql(rows))?,
            };
            self.full.insert(full)
        } else {
            short = self.conn.prepare(&self.sql(rows))?;
            &mut short
        };
        bind(stmt)?;
        stmt.raw_execute()?;
        Ok(())
    }
}
