//! What the preview counts: each row once, by the worst that the plan found
//! for it; and which problems the list shows.

use std::collections::BTreeSet;

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
    let mut errors = BTreeSet::new();
    let mut warnings = BTreeSet::new();
    for p in &report.problems {
        match p.severity {
            Severity::Error => errors.insert(p.row),
            Severity::Warning => warnings.insert(p.row),
        };
    }
    let duplicates: BTreeSet<u64> = report
        .duplicates
        .iter()
        .filter(|d| d.action != "rejected")
        .map(|d| d.row)
        .filter(|r| !errors.contains(r))
        .collect();
    let warned = warnings
        .iter()
        .filter(|r| !errors.contains(r) && !duplicates.contains(r))
        .count() as u64;
    let (errors, duplicates) = (report.rejected, duplicates.len() as u64);
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
    fn each_row_counts_once_by_the_worst_it_has() {
        let existing = Existing {
            id: 1,
            code: "C000001".into(),
            name: "甲".into(),
            by: MatchedBy::TaxId,
        };
        let report = Report {
            rows: 6,
            rejected: 2,
            // Row 2: an error and a warning; row 3: an error; row 4: a
            // skipped duplicate (its warning too); row 5: a warning.
            problems: vec![
                problem(2, Severity::Error),
                problem(2, Severity::Warning),
                problem(3, Severity::Error),
                problem(4, Severity::Warning),
                problem(5, Severity::Warning),
            ],
            duplicates: vec![Duplicate {
                row: 4,
                existing,
                action: "skipped",
            }],
            ..Report::default()
        };
        assert_eq!(
            counts(&report),
            Counts {
                rows: 6,
                ok: 2,
                warnings: 1,
                errors: 2,
                duplicates: 1
            }
        );
        assert!(Filter::Errors.keeps(Severity::Error) && !Filter::Errors.keeps(Severity::Warning));
        assert_eq!(Filter::All.next().next().next(), Filter::All);
    }
}
