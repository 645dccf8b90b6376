//! What happens to each row: its field values from the mapping, the checks
//! the form runs (through the repository), numbers Excel mangled, and the
//! duplicate policy — matches by tax ID, code, then normalised name, against
//! the database and against earlier rows of the same file.

use std::collections::HashMap;

use crate::domain::field::{Field, FieldValues};
use crate::domain::tax_id;
use crate::domain::{Problem, Problems, Severity, Text};
use crate::store::{BulkInsert, Existing, MatchedBy, Patched};

use super::mapping::Target;
use super::read::Row;
use super::{Duplicate, ImportError, MAX_PROBLEMS, Policy, Report, RowProblem, Settings};

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
}

impl<'b, 's> Pass<'b, 's> {
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
        })
    }

    /// Judges one row; `values` are its mapped cells (`field_values`).
    pub fn row(&mut self, row: &Row, values: FieldValues) -> Result<Outcome, ImportError> {
        self.last_errors.clear();
        if row.is_blank() {
            return Ok(Outcome::Blank);
        }
        self.report.rows += 1;
        let mapping = &self.settings.mapping;
        let mut problems = Problems::default();
        ragged(row, mapping.headers.len(), &mut problems);
        let mangled = mangled_numbers(row, &mapping.targets);
        let mut checked = self.bulk.check(&values)?;
        if !mangled.is_empty() {
            // The specific "Excel made it a number" error replaces the generic ones.
            checked
                .problems
                .0
                .retain(|p| !mangled.iter().any(|m| m.field == p.field));
            checked.problems.0.extend(mangled.iter().cloned());
        }
        let Some(existing) = self.bulk.duplicate_of(&checked)? else {
            problems.0.extend(checked.problems.0.iter().cloned());
            if checked.problems.has_errors() {
                return Ok(self.reject(row, problems));
            }
            let customer = self.bulk.insert_checked(checked)?;
            self.inserted_rows.push((customer.id, row.number));
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
        self.last_errors = problems
            .errors()
            .map(|p| {
                let column = column_for(&p.field, &mapping.targets, &mapping.headers);
                let message = p.message.get(self.settings.lang);
                if column.is_empty() {
                    message.to_string()
                } else {
                    format!("{column}: {message}")
                }
            })
            .collect();
        self.note(row, &problems);
        Outcome::Rejected
    }

    fn note(&mut self, row: &Row, problems: &Problems) {
        let mapping = &self.settings.mapping;
        for p in problems.iter() {
            if p.severity == Severity::Warning {
                self.report.warnings += 1;
            }
            if self.report.problems.len() >= MAX_PROBLEMS {
                self.report.problems_omitted += 1;
                continue;
            }
            self.report.problems.push(RowProblem {
                row: row.number,
                column: column_for(&p.field, &mapping.targets, &mapping.headers),
                field: p.field.clone(),
                severity: p.severity,
                code: p.code,
                message: p.message.clone(),
            });
        }
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

/// The non-empty mapped cells of a row, by field key or dimension code.
pub(super) fn field_values(row: &Row, targets: &[Target]) -> FieldValues {
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

fn ragged(row: &Row, width: usize, problems: &mut Problems) {
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
    }
}

/// Tax IDs and bank accounts that Excel stored as numbers: scientific form
/// (9.14403E+17), a trailing `.0`, or any numeric cell (digits past the 15th
/// and leading zeros are gone). Each is an error that says how to fix the file.
pub(super) fn mangled_numbers(row: &Row, targets: &[Target]) -> Vec<Problem> {
    let mut found = Vec::new();
    for field in [Field::TaxId, Field::BankAccount] {
        let Some(col) = targets.iter().position(|t| *t == Target::Field(field)) else {
            continue;
        };
        let text = row.cell(col).trim();
        if text.is_empty() {
            continue;
        }
        let scientific = is_scientific(text);
        let dot_zero = text
            .strip_suffix(".0")
            .is_some_and(|d| !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit()));
        if !(scientific || dot_zero || row.was_number(col)) {
            continue;
        }
        // A valid tax ID as typed is trusted whatever its shape.
        if field == Field::TaxId && !row.was_number(col) && tax_id::check(text).valid {
            continue;
        }
        let (what_en, what_zh) = match field {
            Field::TaxId => ("tax ID", "税号"),
            _ => ("bank account", "银行账号"),
        };
        let how = if scientific {
            ("it shows as", "显示为")
        } else if dot_zero {
            ("it ends in .0", "末尾多了 .0")
        } else {
            (
                "leading zeros and digits after the 15th are lost",
                "前导 0 和第 15 位之后的数字已丢失",
            )
        };
        found.push(Problem::error(
            field.key(),
            "import.number_mangled",
            Text::new(
                format!(
                    "Excel stored this {what_en} as a number ({} “{text}”), so it is no longer exact. \
                     Format the column as Text in Excel (Format Cells → Text), type or paste the \
                     {what_en}s again, and import the file again.",
                    how.0
                ),
                format!(
                    "Excel 把{what_zh}存成了数字（{}“{text}”），号码已不准确。请在 Excel 中把该列设置为\
                     文本格式（设置单元格格式 → 文本），重新输入或粘贴{what_zh}后再导入。",
                    how.1
                ),
            ),
        ));
    }
    found
}

/// Excel's scientific form: one digit, optional decimals, E, exponent
/// (`9.14403E+17`, `6E+18`). A USCC such as 911100000000002E81 is not one.
fn is_scientific(text: &str) -> bool {
    let Some((mantissa, exponent)) = text.split_once(['E', 'e']) else {
        return false;
    };
    let exponent = exponent.strip_prefix('+').unwrap_or(exponent);
    let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    int.len() == 1
        && int.bytes().all(|b| (b'1'..=b'9').contains(&b))
        && frac.bytes().all(|b| b.is_ascii_digit())
        && (1..=3).contains(&exponent.len())
        && exponent.bytes().all(|b| b.is_ascii_digit())
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
            number: 7,
            cells: cells.iter().map(|c| c.to_string()).collect(),
            numeric: numeric.to_vec(),
        }
    }

    #[test]
    fn numbers_excel_mangled_are_named_as_such() {
        let targets = [
            Target::Field(Field::TaxId),
            Target::Field(Field::BankAccount),
        ];
        let codes = |r: &Row| -> Vec<String> {
            mangled_numbers(r, &targets)
                .iter()
                .map(|p| p.field.clone())
                .collect()
        };
        assert_eq!(
            codes(&row(&["9.14403E+17", "6222021234567890.0"], &[])),
            ["tax_id", "bank_account"]
        );
        assert!(codes(&row(&["914403001922038216", "6222 0212 3456 7890"], &[])).is_empty());
        // A bank account in a numeric cell lost its leading zero even when it looks fine.
        assert_eq!(
            codes(&row(&["", "20000123456789"], &[false, true])),
            ["bank_account"]
        );
        let p = &mangled_numbers(&row(&["9.14403E+17"], &[]), &targets)[0];
        assert!(
            p.message.en.contains("Format the column as Text"),
            "{}",
            p.message.en
        );
        assert!(p.message.zh.contains("文本"));
    }

    #[test]
    fn scientific_forms() {
        assert!(is_scientific("9.14403E+17"));
        assert!(is_scientific("6e18"));
        assert!(is_scientific("6.22202E+18"));
        // Valid credit codes that happen to hold an E between digits.
        assert!(!is_scientific("911100000000002E81"));
        let targets = [Target::Field(Field::TaxId)];
        assert!(mangled_numbers(&row(&["911100000000002E81"], &[]), &targets).is_empty());
        assert!(!is_scientific("91440300MA5E1234X"));
        assert!(!is_scientific("E+17"));
        assert!(!is_scientific("1.2E"));
    }
}
