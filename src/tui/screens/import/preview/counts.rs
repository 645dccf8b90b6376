//! What the preview counts: each row once, by the worst that the plan found
//! for it; and which problems the list shows.

use crate::domain::Severity;
use crate::import::Report;
use crate::tui::i18n::Msg;

/// Rows by what the plan found, each row counted once: rejected, else a
/// match with a stored customer, else with warnings, else fine.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Counts {
    pub rows: u64,
    pub ok: u64,
    pub warnings: u64,
    pub errors: u64,
    pub duplicates: u64,
}

pub(crate) fn counts(report: &Report) -> Counts {
    // The run counts every row (its lists of problems stop at MAX_PROBLEMS).
    let (errors, duplicates, warned) = (report.rejected, report.duplicate_rows, report.warned_rows);
    Counts {
        rows: report.rows,
        ok: report.rows.saturating_sub(errors + duplicates + warned),
        warnings: warned,
        errors,
        duplicates,
    }
}

/// Which problems are listed (`f` cycles).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(super) enum Filter {
    #[default]
    All,
    Errors,
    Warnings,
}

impl Filter {
    pub fn next(self) -> Filter {
        match self {
            Filter::All => Filter::Errors,
            Filter::Errors => Filter::Warnings,
            Filter::Warnings => Filter::All,
        }
    }

    pub fn keeps(self, severity: Severity) -> bool {
        match self {
            Filter::All => true,
            Filter::Errors => severity == Severity::Error,
            Filter::Warnings => severity == Severity::Warning,
        }
    }

    pub fn label(self) -> Msg {
        match self {
            Filter::All => Msg::FilterAll,
            Filter::Errors => Msg::FilterErrors,
            Filter::Warnings => Msg::FilterWarnings,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Text;
    use crate::import::{Duplicate, RowProblem};
    use crate::store::{Existing, MatchedBy};

    fn problem(row: u64, severity: Severity) -> RowProblem {
        RowProblem {
            row,
            column: String::new(),
            field: String::new(),
            severity,
            code: "test",
            message: Text::new("", ""),
        }
    }

    #[test]
    fn every_row_counts_even_past_the_kept_problems() {
        // A 60,000-row re-import: every row exists, the duplicate list stopped at 50,000.
        let existing = Existing {
            id: 1,
            code: "C000001".into(),
            name: "甲".into(),
            by: MatchedBy::TaxId,
        };
        let report = Report {
            rows: 60_000,
            skipped: 59_990,
            rejected: 4,
            duplicate_rows: 59_990,
            warned_rows: 5,
            problems: vec![problem(2, Severity::Error), problem(4, Severity::Warning)],
            duplicates: vec![
                Duplicate {
                    row: 4,
                    existing,
                    earlier_row: None,
                    action: "skipped",
                };
                50_000
            ],
            ..Report::default()
        };
        assert_eq!(
            counts(&report),
            Counts {
                rows: 60_000,
                ok: 1,
                warnings: 5,
                errors: 4,
                duplicates: 59_990
            }
        );
        assert!(Filter::Errors.keeps(Severity::Error) && !Filter::Errors.keeps(Severity::Warning));
        assert_eq!(Filter::All.next().next().next(), Filter::All);
    }
}
