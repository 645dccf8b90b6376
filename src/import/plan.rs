//! What happens to each row on the writing side, once prepare.rs has
//! mapped and checked it: the duplicate policy — matches by tax ID, code,
//! then normalised name, against the database and against earlier rows of
//! the same file — then insert, update, skip or reject, and the report.

use std::collections::HashMap;
use std::sync::mpsc::Sender;

use crate::domain::customer::CustomerData;
use crate::domain::field::{Field, FieldValues};
use crate::domain::{Problem, Problems, Severity, Text};
use crate::store::{BulkInsert, Existing, NewMatches, Patched};

use super::prepare::Prepared;

use super::read::Row;
use super::run::{RowPass, error_texts, note};
mod problems;
mod values;
mod written;
use problems::{MAX_LOOKALIKES, column_for, in_file, matched, similar_rows};
use written::Written;

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
    /// Customers this pass has inserted or updated, by row.
    written: Written,
    pub report: Report,
    /// The errors of the last rejected row, for the rejects file.
    pub last_errors: Vec<String>,
    /// Records written, on their way back to the thread that built them.
    spent: Spent,
    /// New classification values: (dimension, value) → index in the report's list.
    new_values: HashMap<(String, String), usize>,
    /// Whether the row being judged matched a customer / drew a warning.
    row_duplicate: bool,
    row_warned: bool,
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
    /// that reads `Receiver` with `Parse::drop_spent`).
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
            written: Written::new(first_new_id),
            report,
            last_errors: Vec::new(),
            spent: Spent {
                records: Vec::with_capacity(SPENT_BATCH),
                back: None,
            },
            new_values: HashMap::new(),
            row_duplicate: false,
            row_warned: false,
        })
    }

    /// Judges one row, prepared by `Prepare` on the reading side.
    pub fn row(&mut self, row: &Row, prepared: Prepared) -> Result<Outcome, ImportError> {
        self.last_errors.clear();
        if let Prepared::Example = prepared {
            self.report.example_row = Some(row.number);
            return Ok(Outcome::Blank);
        }
        let Prepared::Row {
            values,
            mut checked,
            mangled,
            mut problems,
            earlier,
            new_values,
        } = prepared
        else {
            return Ok(Outcome::Blank);
        };
        self.report.rows += 1;
        for (dimension, value) in &new_values {
            self.new_value(row, dimension, value, &mut problems);
        }
        let new = NewMatches {
            tax_id: self.written.ids_of(&earlier.tax_id),
            name: self.written.ids_of(&earlier.name),
        };
        // Lookalikes among earlier rows are named by row number: a probe of
        // what this pass inserted, no read of the database.
        let lookalikes: Vec<u64> = earlier
            .lookalike
            .iter()
            .copied()
            // A row with the same tax ID is this customer, not a lookalike.
            .filter(|r| !earlier.tax_id.contains(r))
            .filter(|r| self.written.was_inserted(*r))
            .take(MAX_LOOKALIKES)
            .collect();
        if !lookalikes.is_empty() {
            problems.push(self.similar(&lookalikes));
        }
        let Some(existing) = self.bulk.match_stored(&mut checked, &new)? else {
            problems.0.extend(checked.problems.0.iter().cloned());
            if checked.problems.has_errors() {
                return Ok(self.reject(row, problems));
            }
            self.add_values(&new_values)?;
            let (id, data) = self.bulk.insert_checked(checked)?;
            self.spent.give_back(data);
            self.written.inserted(id, row.number);
            self.report.inserted += 1;
            self.note(row, &problems);
            return Ok(Outcome::Inserted);
        };
        let others = checked
            .problems
            .iter()
            .filter(|p| !CLASH_CODES.contains(&p.code));
        // A row repeating an earlier row of this file follows the run's
        // policy like any duplicate, but is reported by that row's number:
        // the customer it wrote has a code only once the import commits.
        let earlier = self.written.row_of(existing.id);
        if earlier.is_some() {
            problems.0.extend(others.cloned());
        }
        let existing = Existing {
            code: match earlier {
                Some(_) => String::new(),
                None => existing.code,
            },
            ..existing
        };
        match self.settings.policy {
            Policy::Skip => {
                problems.push(match earlier {
                    Some(first) => {
                        in_file(&existing, first, "skipped", "已跳过", Severity::Warning)
                    }
                    None => matched(&existing, "import.duplicate_skipped", "skipped", "已跳过"),
                });
                self.duplicate(row, &existing, earlier, "skipped");
                self.report.skipped += 1;
                self.note(row, &problems);
                Ok(Outcome::Skipped)
            }
            Policy::Stop => {
                let (en, zh) = (
                    "the import stops here (on duplicate: stop) and nothing is written",
                    "导入在此停止（遇重复即停止），未写入任何数据",
                );
                problems.push(match earlier {
                    Some(first) => in_file(&existing, first, en, zh, Severity::Error),
                    None => Problem {
                        severity: Severity::Error,
                        ..matched(&existing, "import.duplicate_stop", en, zh)
                    },
                });
                self.duplicate(row, &existing, earlier, "stopped");
                self.report.stopped_at = Some(row.number);
                self.note(row, &problems);
                Ok(Outcome::Stopped)
            }
            Policy::Update => {
                if !mangled.is_empty() {
                    problems.0.extend(mangled);
                    self.duplicate(row, &existing, earlier, "rejected");
                    return Ok(self.reject(row, problems));
                }
                self.add_values(&new_values)?;
                self.update(row, &existing, earlier, values, problems)
            }
        }
    }

    fn update(
        &mut self,
        row: &Row,
        existing: &Existing,
        earlier: Option<u64>,
        mut patch: FieldValues,
        mut problems: Problems,
    ) -> Result<Outcome, ImportError> {
        let Some(stored_code) = self.bulk.code_of(existing.id)? else {
            return Err(ImportError::Store(crate::store::StoreError::NotFound(
                existing.name.clone(),
            )));
        };
        // The code is who the customer is: a row matched by tax ID or name
        // never renames the stored customer.
        if let Some(code) = patch.remove(Field::Code.key())
            && !code.trim().eq_ignore_ascii_case(&stored_code)
        {
            let (kept_en, kept_zh) = match earlier {
                Some(first) => (
                    format!("row {first}'s code"),
                    format!("第 {first} 行的编码"),
                ),
                None => (
                    format!("the stored code {stored_code}"),
                    format!("原编码 {stored_code}"),
                ),
            };
            problems.push(Problem::warning(
                Field::Code.key(),
                "import.code_kept",
                Text::new(
                    format!(
                        "Code {} in the file differs; {kept_en} is kept.",
                        code.trim()
                    ),
                    format!(
                        "文件中的编码 {} 与已有编码不同，保留{kept_zh}。",
                        code.trim()
                    ),
                ),
            ));
        }
        match self.bulk.patch(&stored_code, &patch)? {
            Patched::Updated(customer) => {
                self.written.updated(customer.id, row.number);
                self.duplicate(row, existing, earlier, "updated");
                self.report.updated += 1;
                self.note(row, &problems);
                Ok(Outcome::Updated)
            }
            Patched::Unchanged(customer) => {
                self.written.updated(customer.id, row.number);
                self.duplicate(row, existing, earlier, "unchanged");
                self.report.skipped += 1;
                self.note(row, &problems);
                Ok(Outcome::Skipped)
            }
            Patched::Invalid(checked) => {
                problems.0.extend(checked.problems.0);
                self.duplicate(row, existing, earlier, "rejected");
                Ok(self.reject(row, problems))
            }
        }
    }

    /// The similar-name warning naming `rows`. Once the report keeps no
    /// more problems the warning is only counted, so its text is not built:
    /// half the rows of a merged million-row list draw one.
    fn similar(&self, rows: &[u64]) -> Problem {
        if self.report.problems.len() >= MAX_PROBLEMS {
            return Problem::warning("name", "name.similar", Text::new("", ""));
        }
        similar_rows(rows)
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
        self.row_warned |= problems.iter().any(|p| p.severity == Severity::Warning);
        if problems.iter().any(|p| p.code == "name.similar") {
            self.report.similar_name_rows += 1;
        }
        let mapping = &self.settings.mapping;
        note(&mut self.report, row.number, problems, |field| {
            column_for(field, &mapping.targets, &mapping.headers)
        });
    }

    fn duplicate(
        &mut self,
        row: &Row,
        existing: &Existing,
        earlier_row: Option<u64>,
        action: &'static str,
    ) {
        self.row_duplicate |= action != "rejected";
        if self.report.duplicates.len() < MAX_PROBLEMS {
            self.report.duplicates.push(Duplicate {
                row: row.number,
                existing: existing.clone(),
                earlier_row,
                action,
            });
        }
    }
}

impl RowPass for Pass<'_, '_> {
    type Prepared = Prepared;

    fn take(&mut self, row: &Row, prepared: Prepared) -> Result<Outcome, ImportError> {
        (self.row_duplicate, self.row_warned) = (false, false);
        let outcome = self.row(row, prepared)?;
        // Each row counted once, by the worst found, for every row of the
        // file (the lists of problems and duplicates are capped).
        match outcome {
            Outcome::Blank | Outcome::Rejected => {}
            _ if self.row_duplicate => self.report.duplicate_rows += 1,
            _ if self.row_warned => self.report.warned_rows += 1,
            _ => {}
        }
        Ok(outcome)
    }

    fn report(&self) -> &Report {
        &self.report
    }

    fn last_errors(&self) -> &[String] {
        &self.last_errors
    }
}

#[cfg(test)]
mod tests;
