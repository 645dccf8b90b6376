//! The ordered half of preparing a customer row, on the pipeline's second
//! thread: what needs state learnt from earlier rows of the file — its new
//! classification values and which earlier rows share its keys — on top of
//! what parse.rs worked out on the reading thread. Nothing here touches the
//! database.

use std::collections::{BTreeMap, HashMap, HashSet};

use crate::domain::customer::Status;
use crate::domain::field::{Field, FieldValues};
use crate::domain::{Problem, Problems};
use crate::store::{Checked, FieldCheck};

use super::file_keys::{Earlier, FileKeys};
use super::mapping::Target;
use super::parse::{MappedRow, Parsed, ParsedRow, field_columns};
use super::pipeline::Preparer;
use super::read::Row;
use super::{Settings, ValueChoice};

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

/// Prepares rows for a `Pass`: classification values and the file's keys,
/// in row order.
pub(super) struct Prepare {
    check: FieldCheck,
    /// Per field (`Field as usize`): the column mapped to it.
    field_columns: Vec<Option<usize>>,
    /// Columns mapped to classification dimensions: (code, column), by code.
    dimension_columns: Vec<(String, usize)>,
    /// The keys of the rows prepared so far.
    file_keys: FileKeys,
    /// New classification values met so far: dimension code → values.
    new_values: HashMap<String, HashSet<String>>,
    strict_values: bool,
    value_choices: BTreeMap<(String, String), ValueChoice>,
}

impl Prepare {
    pub fn new(check: FieldCheck, settings: &Settings) -> Prepare {
        let targets = &settings.mapping.targets;
        let mut dimension_columns: Vec<(String, usize)> = targets
            .iter()
            .enumerate()
            .filter_map(|(column, target)| match target {
                Target::Dimension(code) => Some((code.clone(), column)),
                _ => None,
            })
            .collect();
        dimension_columns.sort();
        Prepare {
            check,
            field_columns: field_columns(targets),
            dimension_columns,
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
}

impl Preparer<Parsed, Prepared> for &mut Prepare {
    fn look_ahead(&mut self, parsed: &Parsed) {
        if let Parsed::Row(row) = parsed {
            let (tax_id, name_key) = row.parsed.keys();
            self.file_keys.prefetch(tax_id, name_key);
        }
    }

    /// Finishes `row` from what parse.rs made of it on the reading thread.
    fn prepare(&mut self, row: &Row, parsed: Parsed) -> Prepared {
        let ParsedRow {
            parsed,
            mangled,
            problems,
            values,
        } = match parsed {
            Parsed::Blank => return Prepared::Blank,
            Parsed::Example => return Prepared::Example,
            Parsed::Row(parsed) => parsed,
        };
        let mut new_values = Vec::new();
        let mut dimensions = Vec::with_capacity(self.dimension_columns.len());
        for (code, column) in &self.dimension_columns {
            let text = crate::domain::trim::trim(row.cell(*column));
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
        let mut checked = self.check.finish(parsed, &mapped, None);
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
            values,
            checked,
            mangled,
            problems,
        }
    }
}
