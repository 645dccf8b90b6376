//! `prepare::match_moving` (what the CLI and the TUI run: the lines move
//! into the reconciliation instead of being copied) against
//! `prepare::match_sides` (which keeps every copy), on real statement files
//! and a real database: the same reconciliation and the same figures.

#[path = "support/recon.rs"]
mod recon;

use kehu::import::statement::prepare::{self, Prepared, ReadRequest};
use kehu::reconcile::MatchOptions;
use recon::*;

fn both(
    b: &Books,
    name: &str,
    flipped: bool,
    period: Option<(&str, &str)>,
) -> (Prepared, Prepared) {
    let path = statement(b.dir.path(), name, flipped);
    let request = ReadRequest {
        path,
        ..ReadRequest::default()
    };
    let file = prepare::read_statement(&b.store, &request).unwrap();
    let (from, to) = period.map_or((None, None), |(f, t)| (Some(day(f)), Some(day(t))));
    let period = prepare::period(&file, from, to).unwrap();
    let run = |moving: bool| {
        let ours = b.store.reconcile_ours(b.id, period.0, period.1).unwrap();
        let file = file.clone();
        let options = MatchOptions::default();
        if moving {
            prepare::match_moving(ours, file, None, &options).unwrap()
        } else {
            prepare::match_sides(ours, file, None, &options).unwrap()
        }
    };
    (run(false), run(true))
}

#[test]
fn moving_the_lines_gives_what_copying_them_gives() {
    let b = books();
    for (name, flipped, period) in [
        ("s.csv", false, None),
        ("s.xlsx", false, None),
        ("flipped.csv", true, None),
        ("november.csv", false, Some(("2025-11-01", "2025-11-30"))),
    ] {
        let (kept, moved) = both(&b, name, flipped, period);
        assert!(!kept.reconciliation.matched().is_empty(), "{name}");
        assert_eq!(moved.reconciliation, kept.reconciliation, "{name}");
        assert_eq!(
            moved.reconciliation.unexplained_difference(),
            kept.reconciliation.unexplained_difference(),
            "{name}"
        );
        assert_eq!(
            (
                moved.sign,
                moved.sign_detected,
                moved.docs_from_descriptions
            ),
            (kept.sign, kept.sign_detected, kept.docs_from_descriptions),
            "{name}"
        );
        assert_eq!(moved.source, kept.source, "{name}");
        // What the CLI reports of the statement beside the lines.
        assert_eq!(moved.lines_read, kept.file.rows.len(), "{name}");
        assert_eq!(kept.lines_read, kept.file.rows.len(), "{name}");
        assert_eq!(
            (
                moved.theirs.before,
                moved.theirs.after,
                moved.theirs.opening
            ),
            (kept.theirs.before, kept.theirs.after, kept.theirs.opening),
            "{name}"
        );
        assert_eq!(moved.theirs.balance_breaks, kept.theirs.balance_breaks);
        assert_eq!(moved.theirs.opening_check, kept.theirs.opening_check);
        assert_eq!(moved.theirs.closing_check, kept.theirs.closing_check);
        assert_eq!(moved.file.problems.len(), kept.file.problems.len());
        assert_eq!(moved.file.skipped.len(), kept.file.skipped.len());
        assert_eq!(
            (&moved.ours.code, &moved.ours.name, moved.ours.opening),
            (&kept.ours.code, &kept.ours.name, kept.ours.opening)
        );
        assert_eq!(moved.ours.kinds, kept.ours.kinds, "{name}");
        // The copies are gone: the lines are only in the reconciliation.
        assert!(moved.ours.lines.is_empty() && moved.theirs.lines.is_empty());
        assert!(moved.file.rows.is_empty(), "{name}");
        assert_eq!(
            kept.reconciliation
                .lines(kehu::reconcile::Side::Ours)
                .count(),
            kept.ours.lines.len()
        );
    }
}
