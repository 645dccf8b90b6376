//! Undoing an import batch from what it recorded: the customers it inserted
//! (its id range, or — for batches from before migration 006 — its create
//! audit rows) are deleted, the fields it updated get their old values back
//! from its update audit rows. Refused while any of them was edited or
//! deleted after the import, or has ledger entries.

use crate::messages::Message;
use std::collections::BTreeMap;

use rusqlite::{Connection, OptionalExtension, params};

use super::customers::{find, has_ledger_entries};
use super::writer::{SimilarScan, Writer};
use super::{Result, Store, StoreError, now_text};
use crate::domain::field::FieldValues;

use super::batches::Undone;

mod entries;
mod values;
use entries::EntryRange;

/// How many customers a refusal names (the rest are counted).
const NAMED: usize = 5;

/// What a batch recorded about itself.
struct Recorded {
    audit_after: i64,
    audit_last: i64,
    /// The ids it inserted (batches since migration 006).
    inserted: Option<(i64, i64)>,
    /// The ledger entries it wrote (invoice imports, migration 012).
    entries: Option<EntryRange>,
}

impl Store {
    /// Removes the customers batch `id` inserted and restores the fields it
    /// updated, in one transaction. Refused, naming the customers, when any of
    /// them was edited after the import (or deleted) or has ledger entries.
    pub fn undo_batch(&mut self, id: i64) -> Result<Undone> {
        self.require(crate::domain::permission::Permission::UndoImports)?;
        let tx = self.conn.transaction()?;
        let row = tx
            .query_row(
                "SELECT audit_after, audit_last, first_customer_id, last_customer_id, undone_at,
                        first_entry_id, last_entry_id, ledger_audit_last
                 FROM import_batch WHERE id = ?1",
                [id],
                |r| {
                    let first: Option<i64> = r.get(2)?;
                    let last: Option<i64> = r.get(3)?;
                    let entries: (Option<i64>, Option<i64>, Option<i64>) =
                        (r.get(5)?, r.get(6)?, r.get(7)?);
                    let recorded = Recorded {
                        audit_after: r.get(0)?,
                        audit_last: r.get(1)?,
                        inserted: first.zip(last),
                        entries: match entries {
                            (Some(first), Some(last), Some(ledger_audit_last)) => {
                                Some(EntryRange {
                                    first,
                                    last,
                                    ledger_audit_last,
                                })
                            }
                            _ => None,
                        },
                    };
                    Ok((recorded, r.get::<_, Option<String>>(4)?))
                },
            )
            .optional()?
            .ok_or_else(|| StoreError::Coded(Message::new("undo.no_batch").with("batch", id)))?;
        let (recorded, undone_at) = row;
        if let Some(at) = undone_at {
            return Err(StoreError::Coded(
                Message::new("undo.already_undone")
                    .with("batch", id)
                    .with("at", at),
            ));
        }
        let mut reasons = Reasons::default();
        // An invoice import's entries go first: the customers it created
        // can go only once they have none.
        let mut entries_removed = 0;
        if let Some(range) = &recorded.entries {
            entries::blockers(&tx, range, &mut reasons)?;
            if reasons.named.is_empty() {
                entries_removed = entries::take_back(&tx, range)?;
            }
        }
        let mut touched = touched_customers(&tx, recorded.audit_after, recorded.audit_last)?;
        if let Some(range) = recorded.inserted {
            range_blockers(&tx, range, recorded.audit_last, &mut reasons)?;
            touched.extend(inserted_in(&tx, range)?);
        }
        blockers(&tx, &touched, recorded.audit_last, &mut reasons)?;
        if !reasons.named.is_empty() {
            return Err(StoreError::Coded(
                Message::new("undo.blocked")
                    .with("batch", id)
                    .with_msg("reasons", reasons.message()),
            ));
        }
        let mut writer = Writer::new(&tx, &self.operator)?;
        let (mut deleted, mut restored) = (0, 0);
        for customer in &touched {
            let old = find(&tx, &customer.code)?
                .ok_or_else(|| StoreError::NotFound(customer.code.clone()))?;
            if customer.created {
                writer.delete(&tx, &old)?;
                deleted += 1;
                continue;
            }
            let values = writer.merge_patch(&old, &customer.old_values);
            let checked = writer.check(&tx, &values, Some(&old), SimilarScan::ExactKey)?;
            if checked.problems.has_errors() {
                return Err(StoreError::Coded(
                    Message::new("undo.invalid")
                        .with("batch", id)
                        .with("code", &old.data.code)
                        .with("name", &old.data.name)
                        .with("problems", &checked.problems),
                ));
            }
            writer.update(&tx, &old, checked.data, "update")?;
            restored += 1;
        }
        writer.finish(&tx)?;
        let values_removed = values::take_back(&tx, id)?;
        tx.execute(
            "UPDATE import_batch SET undone_at = ?2, undone_by = ?3 WHERE id = ?1",
            params![id, now_text(), self.operator],
        )?;
        tx.commit()?;
        Ok(Undone {
            batch: id,
            deleted,
            restored,
            entries_removed,
            values_removed,
        })
    }
}

/// A customer a batch created or updated, with the values it had before.
struct Touched {
    id: i64,
    code: String,
    created: bool,
    /// Checked in bulk with its batch's id range (`range_blockers`).
    in_range: bool,
    /// Field → value before the batch ("" for a field that was empty).
    old_values: FieldValues,
}

fn touched_customers(conn: &Connection, after: i64, last: i64) -> Result<Vec<Touched>> {
    let mut stmt = conn.prepare(
        "SELECT customer_id, customer_code, action, field, old FROM audit
         WHERE id > ?1 AND id <= ?2 ORDER BY id",
    )?;
    let mut rows = stmt.query([after, last])?;
    let mut by_id: BTreeMap<i64, Touched> = BTreeMap::new();
    while let Some(r) = rows.next()? {
        let id: i64 = r.get(0)?;
        let action: String = r.get(2)?;
        let entry = by_id.entry(id).or_insert_with(|| Touched {
            id,
            code: String::new(),
            created: false,
            in_range: false,
            old_values: FieldValues::new(),
        });
        // The code as it stands after the batch: the last row written wins.
        entry.code = r.get(1)?;
        if action == "create" {
            entry.created = true;
        } else {
            let field: String = r.get(3)?;
            let old: Option<String> = r.get(4)?;
            // The first change of a field in the batch holds its value from before.
            entry
                .old_values
                .entry(field)
                .or_insert(old.unwrap_or_default());
        }
    }
    Ok(by_id.into_values().collect())
}

/// The customers still stored in a batch's id range.
fn inserted_in(conn: &Connection, (first, last): (i64, i64)) -> Result<Vec<Touched>> {
    let mut stmt =
        conn.prepare("SELECT id, code FROM customer WHERE id BETWEEN ?1 AND ?2 ORDER BY id")?;
    let rows = stmt.query_map([first, last], |r| {
        Ok(Touched {
            id: r.get(0)?,
            code: r.get(1)?,
            created: true,
            in_range: true,
            old_values: FieldValues::new(),
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Why an undo is refused: a few customers named, the rest counted; each
/// reason a message, so the refusal reads in the user's language.
#[derive(Default)]
struct Reasons {
    named: Vec<Message>,
    more: usize,
}

impl Reasons {
    fn add(&mut self, reason: Message) {
        if self.named.len() < NAMED {
            self.named.push(reason);
        } else {
            self.more += 1;
        }
    }

    /// The reasons as one message: `first; rest` nested, `and N more` last.
    fn message(&self) -> Message {
        let mut parts = self.named.clone();
        if self.more > 0 {
            parts.push(Message::new("undo.reason_more").with("count", self.more));
        }
        parts
            .into_iter()
            .rev()
            .reduce(|rest, first| {
                Message::new("undo.reasons")
                    .with_msg("first", first)
                    .with_msg("rest", rest)
            })
            .unwrap_or_else(|| Message::new("undo.reason_more").with("count", 0))
    }
}

fn later_change(action: &str, code: &str, operator: &str, at: &str) -> Message {
    let code_of = if action == "delete" {
        "undo.reason_customer_deleted"
    } else {
        "undo.reason_customer_edited"
    };
    Message::new(code_of)
        .with("code", code)
        .with("operator", operator)
        .with("at", at)
}

/// Blockers among a batch's inserted id range, found in two queries
/// (a million-row batch would otherwise take two million).
fn range_blockers(
    conn: &Connection,
    (first, last): (i64, i64),
    audit_last: i64,
    reasons: &mut Reasons,
) -> Result<()> {
    let mut later = conn.prepare(
        "SELECT customer_id, customer_code, action, operator, at FROM audit
         WHERE customer_id BETWEEN ?1 AND ?2 AND id > ?3 ORDER BY customer_id, id",
    )?;
    let mut rows = later.query(params![first, last, audit_last])?;
    let mut seen = None;
    while let Some(r) = rows.next()? {
        let id: i64 = r.get(0)?;
        if seen == Some(id) {
            continue;
        }
        seen = Some(id);
        let (code, action, operator, at): (String, String, String, String) =
            (r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?);
        reasons.add(later_change(&action, &code, &operator, &at));
    }
    let mut ledger = conn.prepare(
        "SELECT c.code FROM customer c WHERE c.id BETWEEN ?1 AND ?2
         AND EXISTS (SELECT 1 FROM ledger_entry e WHERE e.customer_id = c.id) ORDER BY c.id",
    )?;
    for code in ledger.query_map([first, last], |r| r.get::<_, String>(0))? {
        reasons.add(Message::new("undo.reason_has_ledger").with("code", code?));
    }
    Ok(())
}

/// Why each touched customer outside the batch's range blocks the undo.
fn blockers(
    conn: &Connection,
    touched: &[Touched],
    audit_last: i64,
    reasons: &mut Reasons,
) -> Result<()> {
    let mut later = conn.prepare(
        "SELECT action, operator, at FROM audit WHERE customer_id = ?1 AND id > ?2 ORDER BY id LIMIT 1",
    )?;
    for t in touched.iter().filter(|t| !t.in_range) {
        let edit: Option<(String, String, String)> = later
            .query_row(params![t.id, audit_last], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })
            .optional()?;
        if let Some((action, operator, at)) = edit {
            reasons.add(later_change(&action, &t.code, &operator, &at));
        } else if has_ledger_entries(conn, t.id)? {
            reasons.add(Message::new("undo.reason_has_ledger").with("code", &t.code));
        }
    }
    Ok(())
}
