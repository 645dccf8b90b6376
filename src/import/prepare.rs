//! The reading side of a customer import (run on the pipeline's second
//! thread): a row's mapped values, its field checks, numbers Excel mangled,
//! ragged rows, and which earlier rows of the file share its keys. Nothing
//! here touches the database.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::mpsc::Receiver;

use crate::domain::customer::{CustomerData, Status};
use crate::domain::field::{Field, FieldSource, FieldValues};
use crate::domain::{Problem, Problems, Text};
use crate::store::{Checked, FieldCheck};

use super::file_keys::{Earlier, FileKeys};
use super::mapping::Target;
use super::numbers::mangled_numbers;
use super::read::Row;
use super::template::is_example;
use super::{Policy, Settings, ValueChoice};

/// What the reading side works out for a row: everything that needs no
/// database (pipeline.rs runs it on a second thread).
// Nearly every row is a `Row`: boxing it would only add an allocation per row.
#[allow(clippy::large_enum_variant)]
pub(super) enum Prepared {
    Blank,
    /// The template's example row, left in the file: not imported.
    Example,
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
        /// Classification values of this row its dimension did not have
        /// before the run: (dimension code, value as in the file).
        new_values: Vec<(String, String)>,
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
    /// New classification values met so far: dimension code → values.
    new_values: HashMap<String, HashSet<String>>,
    strict_values: bool,
    value_choices: BTreeMap<(String, String), ValueChoice>,
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
            new_values: HashMap::new(),
            strict_values: settings.strict_values,
            value_choices: settings.value_choices.clone(),
        }
    }

    /// Sizes the file's key maps for a text file of `bytes`: a customer
    /// row is rarely under 256 bytes, and a cap keeps a giant file's guess
    /// from holding memory its rows never use.
    pub fn expect_file_of(&mut self, bytes: u64) {
        const BYTES_PER_ROW: u64 = 256;
        const MAX_ROWS: u64 = 2_000_000;
        self.file_keys
            .expect_rows((bytes / BYTES_PER_ROW).min(MAX_ROWS) as usize);
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
        let cell = |f: Field| self.field_columns[f as usize].map_or("", |c| row.cell(c).trim());
        if is_example(cell(Field::Name), cell(Field::Notes)) {
            return Prepared::Example;
        }
        let mut problems = Problems::default();
        ragged(row, self.width, self.needed, &mut problems);
        let mangled = mangled_numbers(row, &self.targets);
        let mut new_values = Vec::new();
        let mut dimensions = Vec::with_capacity(self.dimension_columns.len());
        for (code, column) in &self.dimension_columns {
            let text = row.cell(*column).trim();
            if text.is_empty() {
                continue;
            }
            let seen = self.new_values.get(code).is_some_and(|v| v.contains(text));
            if !seen && !self.check.is_new_value(code, text) {
                dimensions.push((code.as_str(), text));
                continue;
            }
            if !seen {
                self.new_values
                    .entry(code.clone())
                    .or_default()
                    .insert(text.to_string());
            }
            new_values.push((code.clone(), text.to_string()));
            match self.value_choices.get(&(code.clone(), text.to_string())) {
                Some(ValueChoice::MapTo(value)) => dimensions.push((code.as_str(), value.as_str())),
                Some(ValueChoice::Empty) => {}
                Some(ValueChoice::Add) | None => {
                    // Strict: the check refuses the value, as it always did.
                    if !seen && !self.strict_values {
                        self.check.learn_value(code, text);
                    }
                    dimensions.push((code.as_str(), text));
                }
            }
        }
        let mapped = MappedRow {
            row,
            field_columns: &self.field_columns,
            dimensions,
        };
        let mut checked = self.check.check(&mapped, None);
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
        let has_tax_id = !data.tax_id.is_empty();
        let earlier = self.file_keys.earlier(
            row.number,
            live_tax_id,
            has_tax_id,
            &checked.name_key,
            remember,
        );
        Prepared::Row {
            earlier,
            new_values,
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

/// A row's cells read through the mapping, in place; its classification
/// cells as the run's choices for new values make them.
struct MappedRow<'a> {
    row: &'a Row,
    field_columns: &'a [Option<usize>],
    dimensions: Vec<(&'a str, &'a str)>,
}

impl FieldSource for MappedRow<'_> {
    fn field(&self, field: Field) -> &str {
        self.field_columns[field as usize].map_or("", |c| self.row.cell(c).trim())
    }

    fn others(&self) -> impl Iterator<Item = (&str, &str)> {
        self.dimensions.iter().copied()
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Severity;

    fn row(cells: &[&str], numeric: &[bool]) -> Row {
        Row::of(2, cells, numeric)
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
