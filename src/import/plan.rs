//! What happens to each row: its field values from the mapping, the checks
//! the form runs (through the repository), numbers Excel mangled, and the
//! duplicate policy — matches by tax ID, code, then normalised name, against
//! the database and against earlier rows of the same file.

use std::collections::HashMap;
use std::sync::mpsc::{Receiver, Sender};

use crate::domain::customer::CustomerData;
use crate::domain::customer::Status;
use crate::domain::field::{Field, FieldSource, FieldValues};
use crate::domain::{Problem, Problems, Severity, Text};
use crate::store::{BulkInsert, Checked, Existing, FieldCheck, MatchedBy, NewMatches, Patched};

use super::file_keys::{Earlier, FileKeys};

use super::mapping::Target;
use super::numbers::mangled_numbers;
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

/// What the reading side works out for a row: everything that needs no
/// database (pipeline.rs runs it on a second thread).
// Nearly every row is a `Row`: boxing it would only add an allocation per row.
#[allow(clippy::large_enum_variant)]
pub(super) enum Prepared {
    Blank,
    Row {
        /// The mapped cells: the patch when the row updates a stored customer
        /// (empty unless the policy is update).
        values: FieldValues,
        /// Field checks, with Excel's mangled numbers in place of the generic errors.
        checked: Checked,
        /// Tax IDs and bank accounts Excel turned into numbers.
        mangled: Vec<Problem>,
        /// Row-shape warnings (ragged rows).
        problems: Problems,
        /// Earlier rows of the file with the same live tax ID or name key.
        earlier: Earlier,
    },
}

/// Prepares rows for a `Pass`: mapping and field checks.
pub(super) struct Prepare {
    check: FieldCheck,
    targets: Vec<Target>,
    /// Per field (`Field as usize`): the column mapped to it.
    field_columns: Vec<Option<usize>>,
    /// Columns mapped to classification dimensions: (code, column), by code.
    dimension_columns: Vec<(String, usize)>,
    width: usize,
    /// Cells a text row needs to reach the last mapped column.
    needed: usize,
    /// Only the update policy uses a row's values after the checks.
    keep_values: bool,
    /// The keys of the rows prepared so far.
    file_keys: FileKeys,
}

impl Prepare {
    pub fn new(check: FieldCheck, settings: &Settings) -> Prepare {
        let mapping = &settings.mapping;
        let needed = mapping
            .targets
            .iter()
            .rposition(|t| *t != Target::Ignore)
            .map_or(0, |i| i + 1);
        let mut field_columns = vec![None; Field::ALL.len()];
        let mut dimension_columns = Vec::new();
        for (column, target) in mapping.targets.iter().enumerate() {
            match target {
                Target::Field(f) => field_columns[*f as usize] = Some(column),
                Target::Dimension(code) => dimension_columns.push((code.clone(), column)),
                Target::Ignore => {}
            }
        }
        dimension_columns.sort();
        Prepare {
            check,
            field_columns,
            dimension_columns,
            targets: mapping.targets.clone(),
            width: mapping.headers.len(),
            needed,
            keep_values: settings.policy == Policy::Update,
            file_keys: FileKeys::default(),
        }
    }

    /// Frees the records a `Pass` gave back (see `Pass::give_back_through`).
    pub fn drop_spent(spent: &Receiver<Vec<CustomerData>>) {
        while let Ok(records) = spent.try_recv() {
            drop(records);
        }
    }

    pub fn prepare(&mut self, row: &Row) -> Prepared {
        if row.is_blank() {
            return Prepared::Blank;
        }
        let mut problems = Problems::default();
        ragged(row, self.width, self.needed, &mut problems);
        let mangled = mangled_numbers(row, &self.targets);
        let mut checked = self.check.check(&MappedRow { row, prepare: self }, None);
        for m in &mangled {
            // The specific "Excel made it a number" error replaces the generic
            // ones, and the mangled number is no key to match customers on.
            checked.problems.0.retain(|p| p.field != m.field);
            if m.field == Field::TaxId.key() {
                checked.data.tax_id.clear();
            }
        }
        checked.problems.0.extend(mangled.iter().cloned());
        let data = &checked.data;
        let live_tax_id = match data.status {
            Status::Archived => "",
            _ => data.tax_id.as_str(),
        };
        let remember = !checked.problems.has_errors();
        let earlier = self
            .file_keys
            .earlier(row.number, live_tax_id, &checked.name_key, remember);
        Prepared::Row {
            earlier,
            values: if self.keep_values {
                field_values(row, &self.targets)
            } else {
                FieldValues::new()
            },
            checked,
            mangled,
            problems,
        }
    }
}

/// A row's cells read through the mapping, in place.
struct MappedRow<'a> {
    row: &'a Row,
    prepare: &'a Prepare,
}

impl FieldSource for MappedRow<'_> {
    fn field(&self, field: Field) -> &str {
        self.prepare.field_columns[field as usize].map_or("", |c| self.row.cell(c).trim())
    }

    fn others(&self) -> impl Iterator<Item = (&str, &str)> {
        self.prepare
            .dimension_columns
            .iter()
            .map(|(code, c)| (code.as_str(), self.row.cell(*c).trim()))
            .filter(|(_, text)| !text.is_empty())
    }
}

/// The non-empty mapped cells of a row, by field key or dimension code.
fn field_values(row: &Row, targets: &[Target]) -> FieldValues {
    let mut values = FieldValues::new();
    for (i, target) in targets.iter().enumerate() {
        if *target == Target::Ignore {
            continue;
        }
        let cell = row.cell(i).trim();
        if !cell.is_empty() {
            values.insert(target.key().to_string(), cell.to_string());
        }
    }
    values
}

fn column_for(field: &str, targets: &[Target], headers: &[String]) -> String {
    targets
        .iter()
        .position(|t| *t != Target::Ignore && t.key() == field)
        .and_then(|i| headers.get(i).cloned())
        .unwrap_or_default()
}

/// Cells past the header, or (text files) too few cells to reach the last
/// mapped column (`needed`).
fn ragged(row: &Row, width: usize, needed: usize, problems: &mut Problems) {
    let filled = row.filled_len();
    if filled > width {
        problems.push(Problem::warning(
            "",
            "import.extra_cells",
            Text::new(
                format!("The row has {filled} cells but the header only {width}: the extra cells are ignored."),
                format!("该行有 {filled} 个单元格，表头只有 {width} 列：多出的单元格未导入。"),
            ),
        ));
    } else if !row.cells.is_empty() && row.numeric.is_empty() && row.cells.len() < needed {
        // Text files only: a short record is often half of a row that a line
        // break inside an unquoted cell split in two.
        let cells = row.cells.len();
        problems.push(Problem::warning(
            "",
            "import.missing_cells",
            Text::new(
                format!(
                    "The row has {cells} cells but the header {width}: the rest are read as empty. \
                     If a line break inside a cell split the row, put that cell in quotes."
                ),
                format!(
                    "该行只有 {cells} 个单元格，表头有 {width} 列：其余按空值导入。\
                     若是单元格内的换行把一行拆成了两行，请给该单元格加引号。"
                ),
            ),
        ));
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    fn row(cells: &[&str], numeric: &[bool]) -> Row {
        Row {
            number: 2,
            cells: cells.iter().map(|c| c.to_string()).collect(),
            numeric: numeric.to_vec(),
        }
    }

    #[test]
    fn ragged_rows_are_warnings() {
        let codes = |r: &Row| {
            let mut p = Problems::default();
            ragged(r, 3, 3, &mut p);
            p.iter().map(|p| (p.code, p.severity)).collect::<Vec<_>>()
        };
        assert_eq!(
            codes(&row(&["a", "b", "c", "d"], &[])),
            [("import.extra_cells", Severity::Warning)]
        );
        assert_eq!(
            codes(&row(&["a", "b"], &[])),
            [("import.missing_cells", Severity::Warning)]
        );
        // Trailing empty cells and full-width sheet rows are not ragged.
        assert!(codes(&row(&["a", "b", "c", ""], &[])).is_empty());
        assert!(codes(&row(&["a", "b", "c"], &[false; 3])).is_empty());
        let mut p = Problems::default();
        ragged(&row(&["a", "b"], &[]), 3, 2, &mut p);
        assert!(p.is_empty(), "the missing cell is not mapped");
    }
}
