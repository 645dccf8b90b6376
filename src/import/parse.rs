//! The stateless half of preparing a customer row, run on the pipeline's
//! reading thread (pipeline.rs): blank and example rows, ragged rows,
//! numbers Excel mangled, and the fields parsed and checked but for the
//! classification. What needs state learnt from earlier rows (new
//! classification values, the file's keys) stays in prepare.rs, in row order.
//! Splitting it there balances the two threads: the preparer was the
//! import's critical path with parsing on it.

use std::sync::mpsc::Receiver;

use crate::domain::customer::CustomerData;
use crate::domain::field::{Field, FieldSource, FieldValues};
use crate::domain::{Problem, Problems, Text};
use crate::store::{FieldParser, ParsedCustomer};

use super::mapping::Target;
use super::numbers::mangled_numbers;
use super::read::Row;
use super::template::is_example;
use super::{Policy, Settings};

/// What the reading thread makes of a row.
// Nearly every row is a `Row`: boxing it would only add an allocation per row.
#[allow(clippy::large_enum_variant)]
pub(super) enum Parsed {
    Blank,
    /// The template's example row, left in the file: not imported.
    Example,
    Row(ParsedRow),
}

/// A row's cells parsed without the catalog.
pub(super) struct ParsedRow {
    pub parsed: ParsedCustomer,
    /// Tax IDs and bank accounts Excel turned into numbers.
    pub mangled: Vec<Problem>,
    /// Row-shape warnings (ragged rows).
    pub problems: Problems,
    /// The mapped cells (empty unless the policy is update).
    pub values: FieldValues,
}

/// Parses rows through the mapping (cheap to clone for another thread).
#[derive(Clone)]
pub(super) struct Parse {
    parser: FieldParser,
    targets: Vec<Target>,
    /// Per field (`Field as usize`): the column mapped to it.
    field_columns: Vec<Option<usize>>,
    width: usize,
    /// Cells a text row needs to reach the last mapped column.
    needed: usize,
    /// Only the update policy uses a row's values after the checks.
    keep_values: bool,
}

impl Parse {
    pub fn new(parser: FieldParser, settings: &Settings) -> Parse {
        let mapping = &settings.mapping;
        let needed = mapping
            .targets
            .iter()
            .rposition(|t| *t != Target::Ignore)
            .map_or(0, |i| i + 1);
        Parse {
            parser,
            field_columns: field_columns(&mapping.targets),
            targets: mapping.targets.clone(),
            width: mapping.headers.len(),
            needed,
            keep_values: settings.policy == Policy::Update,
        }
    }

    /// Frees the records a `Pass` gave back (see `Pass::give_back_through`).
    pub fn drop_spent(spent: &Receiver<Vec<CustomerData>>) {
        while let Ok(records) = spent.try_recv() {
            drop(records);
        }
    }

    pub fn parse(&self, row: &Row) -> Parsed {
        if row.is_blank() {
            return Parsed::Blank;
        }
        let fields = MappedRow {
            row,
            field_columns: &self.field_columns,
            dimensions: Vec::new(),
        };
        if is_example(fields.field(Field::Name), fields.field(Field::Notes)) {
            return Parsed::Example;
        }
        let mut problems = Problems::default();
        ragged(row, self.width, self.needed, &mut problems);
        Parsed::Row(ParsedRow {
            parsed: self.parser.parse(&fields),
            mangled: mangled_numbers(row, &self.targets),
            problems,
            values: if self.keep_values {
                field_values(row, &self.targets)
            } else {
                FieldValues::new()
            },
        })
    }
}

/// Per field (`Field as usize`): the column `targets` map to it.
pub(super) fn field_columns(targets: &[Target]) -> Vec<Option<usize>> {
    let mut columns = vec![None; Field::ALL.len()];
    for (column, target) in targets.iter().enumerate() {
        if let Target::Field(f) = target {
            columns[*f as usize] = Some(column);
        }
    }
    columns
}

/// A row's cells read through the mapping, in place; its classification
/// cells as the run's choices for new values make them.
pub(super) struct MappedRow<'a> {
    pub row: &'a Row,
    pub field_columns: &'a [Option<usize>],
    pub dimensions: Vec<(&'a str, &'a str)>,
}

impl FieldSource for MappedRow<'_> {
    fn field(&self, field: Field) -> &str {
        self.field_columns[field as usize]
            .map_or("", |c| crate::domain::trim::trim(self.row.cell(c)))
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
        let cell = crate::domain::trim::trim(row.cell(i));
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
