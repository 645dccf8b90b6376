//! What happens to each row on the writing side, once prepare.rs has
//! mapped and checked it: the duplicate policy — matches by tax ID, code,
//! then normalised name, against the database and against earlier rows of
//! the same file — then insert, update, skip or reject, and the report.

use std::collections::HashMap;
use std::sync::mpsc::Sender;

use crate::domain::customer::CustomerData;
use crate::domain::field::{Field, FieldValues};
use crate::domain::{Problem, Problems, Severity, Text};
use crate::store::{BulkInsert, Existing, MatchedBy, NewMatches, Patched};

use super::prepare::Prepared;

use super::mapping::Target;
use super::read::Row;
use super::run::{RowPass, error_texts, note};
use super::{Duplicate, ImportError, MAX_PROBLEMS, Policy, Report, Settings};

/// The problem codes `check` raises for a clash with a stored customer; a row
/// that matched one is handled by the duplicate policy instead.
const CLASH_CODES: [&str; 3] = ["tax_id.duplicate", "code.duplicate", "name.similar"];

/// What became of one row.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Outcome {
    Blank,
    Inserted,
    Updated,
    Skipped,
    Rejected,
    /// `--on-duplicate stop` met a duplicate: the run ends, nothing is written.
    Stopped,
}

/// One pass over the rows inside a bulk transaction.
pub(super) struct Pass<'b, 's> {
    bulk: &'b mut BulkInsert<'s>,
    settings: &'b Settings,
    /// Customers inserted so far by this pass: (id, row), ids increasing.
    inserted_rows: Vec<(i64, u64)>,
    /// Customers updated so far by this pass: id → row.
    updated_rows: HashMap<i64, u64>,
    first_new_id: i64,
    pub report: Report,
    /// The errors of the last rejected row, for the rejects file.
    pub last_errors: Vec<String>,
    /// Records written, on their way back to the thread that built them.
    spent: Spent,
}

/// Sends written records back to the reading thread in batches: freeing
/// them there is a local free, here it cost 5% of the writing thread.
struct Spent {
    records: Vec<CustomerData>,
    back: Option<Sender<Vec<CustomerData>>>,
}

const SPENT_BATCH: usize = 256;

impl Spent {
    fn give_back(&mut self, data: CustomerData) {
        let Some(back) = &self.back else {
            return;
        };
        self.records.push(data);
        if self.records.len() == SPENT_BATCH {
            let full = std::mem::replace(&mut self.records, Vec::with_capacity(SPENT_BATCH));
            // The reader may be done: then these are dropped here after all.
            let _ = back.send(full);
        }
    }
}

impl<'b, 's> Pass<'b, 's> {
    /// Gives the records this pass writes back through `back` (to the thread
    /// that reads `Receiver` with `Prepare::drop_spent`).
    pub fn give_back_through(&mut self, back: Sender<Vec<CustomerData>>) {
        self.spent.back = Some(back);
    }

    /// Starts counting into `report` (which names the file and sheet).
    pub fn new(
        bulk: &'b mut BulkInsert<'s>,
        settings: &'b Settings,
        report: Report,
    ) -> Result<Self, ImportError> {
        let first_new_id = bulk.last_customer_id()? + 1;
        Ok(Pass {
            bulk,
            settings,
            inserted_rows: Vec::new(),
            updated_rows: HashMap::new(),
            first_new_id,
            report,
            last_errors: Vec::new(),
            spent: Spent {
                records: Vec::with_capacity(SPENT_BATCH),
                back: None,
            },
        })
    }

    /// Judges one row, prepared by `Prepare` on the reading side.
    pub fn row(&mut self, row: &Row, prepared: Prepared) -> Result<Outcome, ImportError> {
        self.last_errors.clear();
        let Prepared::Row {
            values,
            mut checked,
            mangled,
            mut problems,
            earlier,
        } = prepared
        else {
            return Ok(Outcome::Blank);
        };
        self.report.rows += 1;
        let new = NewMatches {
            tax_id: self.inserted_ids(&earlier.tax_id),
            name: self.inserted_ids(&earlier.name),
        };
        let Some(existing) = self.bulk.match_stored(&mut checked, &new)? else {
            problems.0.extend(checked.problems.0.iter().cloned());
            if checked.problems.has_errors() {
                return Ok(self.reject(row, problems));
            }
            let (id, data) = self.bulk.insert_checked(checked)?;
            self.spent.give_back(data);
            self.inserted_rows.push((id, row.number));
            self.report.inserted += 1;
            self.note(row, &problems);
            return Ok(Outcome::Inserted);
        };
        let others = checked
            .problems
            .iter()
            .filter(|p| !CLASH_CODES.contains(&p.code));
        if let Some(first) = self.earlier_row(existing.id) {
            problems.0.extend(others.cloned());
            problems.push(in_file(&existing, first));
            self.duplicate(row, &existing, "rejected");
            return Ok(self.reject(row, problems));
        }
        match self.settings.policy {
            Policy::Skip => {
                problems.push(matched(
                    &existing,
                    "import.duplicate_skipped",
                    "skipped",
                    "已跳过",
                ));
                self.duplicate(row, &existing, "skipped");
                self.report.skipped += 1;
                self.note(row, &problems);
                Ok(Outcome::Skipped)
            }
            Policy::Stop => {
                problems.push(Problem {
                    severity: Severity::Error,
                    ..matched(
                        &existing,
                        "import.duplicate_stop",
                        "the import stops here (on duplicate: stop) and nothing is written",
                        "导入在此停止（遇重复即停止），未写入任何数据",
                    )
                });
                self.duplicate(row, &existing, "stopped");
                self.report.stopped_at = Some(row.number);
                self.note(row, &problems);
                Ok(Outcome::Stopped)
            }
            Policy::Update => {
                if !mangled.is_empty() {
                    problems.0.extend(mangled);
                    self.duplicate(row, &existing, "rejected");
                    return Ok(self.reject(row, problems));
                }
                self.update(row, &existing, values, problems)
            }
        }
    }

    fn update(
        &mut self,
        row: &Row,
        existing: &Existing,
        mut patch: FieldValues,
        mut problems: Problems,
    ) -> Result<Outcome, ImportError> {
        // The code is who the customer is: a row matched by tax ID or name
        // never renames the stored customer.
        if let Some(code) = patch.remove(Field::Code.key())
            && !code.trim().eq_ignore_ascii_case(&existing.code)
        {
            problems.push(Problem::warning(
                Field::Code.key(),
                "import.code_kept",
                Text::new(
                    format!(
                        "Code {} in the file differs; the stored code {} is kept.",
                        code.trim(),
                        existing.code
                    ),
                    format!(
                        "文件中的编码 {} 与已有编码不同，保留原编码 {}。",
                        code.trim(),
                        existing.code
                    ),
                ),
            ));
        }
        match self.bulk.patch(&existing.code, &patch)? {
            Patched::Updated(customer) => {
                self.updated_rows.insert(customer.id, row.number);
                self.duplicate(row, existing, "updated");
                self.report.updated += 1;
                self.note(row, &problems);
                Ok(Outcome::Updated)
            }
            Patched::Unchanged(customer) => {
                self.updated_rows.insert(customer.id, row.number);
                self.duplicate(row, existing, "unchanged");
                self.report.skipped += 1;
                self.note(row, &problems);
                Ok(Outcome::Skipped)
            }
            Patched::Invalid(checked) => {
                problems.0.extend(checked.problems.0);
                self.duplicate(row, existing, "rejected");
                Ok(self.reject(row, problems))
            }
        }
    }

    /// The customers this pass inserted from `rows` (earlier rows of the file).
    fn inserted_ids(&self, rows: &[u64]) -> Vec<i64> {
        rows.iter()
            .filter_map(|row| {
                let i = self
                    .inserted_rows
                    .binary_search_by_key(row, |(_, r)| *r)
                    .ok()?;
                Some(self.inserted_rows[i].0)
            })
            .collect()
    }

    /// The row of this file that already wrote customer `id`, if any.
    fn earlier_row(&self, id: i64) -> Option<u64> {
        if id >= self.first_new_id
            && let Ok(i) = self.inserted_rows.binary_search_by_key(&id, |(id, _)| *id)
        {
            return Some(self.inserted_rows[i].1);
        }
        self.updated_rows.get(&id).copied()
    }

    fn reject(&mut self, row: &Row, problems: Problems) -> Outcome {
        self.report.rejected += 1;
        let mapping = &self.settings.mapping;
        self.last_errors = error_texts(&problems, self.settings.lang, |field| {
            column_for(field, &mapping.targets, &mapping.headers)
        });
        self.note(row, &problems);
        Outcome::Rejected
    }

    fn note(&mut self, row: &Row, problems: &Problems) {
        let mapping = &self.settings.mapping;
        note(&mut self.report, row.number, problems, |field| {
            column_for(field, &mapping.targets, &mapping.headers)
        });
    }

    fn duplicate(&mut self, row: &Row, existing: &Existing, action: &'static str) {
        if self.report.duplicates.len() < MAX_PROBLEMS {
            self.report.duplicates.push(Duplicate {
                row: row.number,
                existing: existing.clone(),
                action,
            });
        }
    }
}

impl RowPass for Pass<'_, '_> {
    type Prepared = Prepared;

    fn take(&mut self, row: &Row, prepared: Prepared) -> Result<Outcome, ImportError> {
        self.row(row, prepared)
    }

    fn report(&self) -> &Report {
        &self.report
    }

    fn last_errors(&self) -> &[String] {
        &self.last_errors
    }
}

fn column_for(field: &str, targets: &[Target], headers: &[String]) -> String {
    targets
        .iter()
        .position(|t| *t != Target::Ignore && t.key() == field)
        .and_then(|i| headers.get(i).cloned())
        .unwrap_or_default()
}
fn matched(existing: &Existing, code: &'static str, en: &str, zh: &str) -> Problem {
    let (by_en, by_zh) = by_text(existing.by);
    Problem::warning(
        existing.by.key(),
        code,
        Text::new(
            format!(
                "Already in the database as {} {} (same {by_en}): {en}.",
                existing.code, existing.name
            ),
            format!(
                "数据库中已有该客户 {} {}（{by_zh}相同）：{zh}。",
                existing.code, existing.name
            ),
        ),
    )
}

fn in_file(existing: &Existing, first: u64) -> Problem {
    let (by_en, by_zh) = by_text(existing.by);
    Problem::error(
        existing.by.key(),
        "import.duplicate_in_file",
        Text::new(
            format!(
                "Same {by_en} as row {first} of this file ({} {}): keep only one of the two rows.",
                existing.code, existing.name
            ),
            format!(
                "与本文件第 {first} 行{by_zh}相同（{} {}）：两行只保留一行。",
                existing.code, existing.name
            ),
        ),
    )
}

fn by_text(by: MatchedBy) -> (&'static str, &'static str) {
    match by {
        MatchedBy::TaxId => ("tax ID", "税号"),
        MatchedBy::Code => ("code", "编码"),
        MatchedBy::Name => ("name", "名称"),
    }
}
