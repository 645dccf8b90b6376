//! What every run over a file shares, whatever it writes (customers or ledger
//! entries): reading down to the header row, the backup and load mode around
//! a commit, the row loop with its progress, cancel and rejects file, and
//! how each row's problems are recorded in the report.

use std::path::Path;
use std::sync::atomic::Ordering;

use crate::domain::{Lang, Problems, Severity};
use crate::store::{Load, Store};

use super::header::headers_of;
use super::pipeline::Staged;
use super::plan::Outcome;
use super::read::{Row, Rows, Source};
use super::rejects::RejectsWriter;
use super::{Control, ImportError, KEEP_BACKUPS, MAX_PROBLEMS, Progress, Report, RowProblem};

/// A run that has read down to its header row.
struct Started {
    /// The data rows, after the header.
    pub rows: Rows,
    pub rejects: Option<RejectsWriter>,
    /// Empty, naming the file and sheet.
    pub report: Report,
}

/// Opens the rows of the file's sheet, checks that its header row still
/// holds its headers, and starts the rejects file (with that header) when asked.
fn start(source: &Source, file: RunFile, dry_run: bool) -> Result<Started, ImportError> {
    let sheet = source.sheet_name(file.sheet)?;
    let mut rows = source.rows(sheet.as_deref())?;
    let header = skip_to_header(&mut rows, source, file.header_row, file.headers)?;
    let rejects = match file.rejects {
        Some(path) => Some(RejectsWriter::create(path, &header.cells)?),
        None => None,
    };
    let report = Report {
        file: source.file_name(),
        sheet,
        dry_run,
        ..Report::default()
    };
    Ok(Started {
        rows,
        rejects,
        report,
    })
}

/// Where a run reads: the sheet and header row it was set up with, the
/// headers that row must still hold, and the rejects file to write.
pub(super) struct RunFile<'a> {
    pub sheet: Option<&'a str>,
    pub header_row: u64,
    pub headers: &'a [String],
    pub rejects: Option<&'a Path>,
}

/// The whole of a run over `source`: read to its header, then `write` the
/// rows (with the rejects file) inside `guarded`; gives the report.
pub(super) fn run_file(
    store: &mut Store,
    source: &Source,
    file: RunFile,
    dry_run: bool,
    load: Load,
    write: impl FnOnce(&mut Store, Rows, Option<RejectsWriter>, &mut Report) -> Result<(), ImportError>,
) -> Result<Report, ImportError> {
    let Started {
        rows,
        rejects,
        mut report,
    } = start(source, file, dry_run)?;
    guarded(store, &mut report, load, |store, report| {
        write(store, rows, rejects, report)
    })?;
    Ok(report)
}

/// Ends a pass: its report, whether it was cancelled, the finished rejects file.
pub(super) fn close_pass(
    report: &mut Report,
    pass_report: Report,
    cancelled: bool,
    rejects: Option<RejectsWriter>,
) -> Result<(), ImportError> {
    *report = pass_report;
    report.cancelled = cancelled;
    if let Some(w) = rejects {
        report.rejects_file = Some(w.finish()?);
    }
    Ok(())
}

/// Reads up to the header row `number`, which must still hold `headers`.
fn skip_to_header(
    rows: &mut Rows,
    source: &Source,
    number: u64,
    headers: &[String],
) -> Result<Row, ImportError> {
    for row in rows.by_ref() {
        let row = row?;
        if row.number == number {
            if headers_of(&row) != headers {
                return Err(ImportError::HeadersChanged { row: number });
            }
            return Ok(row);
        }
    }
    Err(ImportError::NoSuchRow {
        path: source.path().to_path_buf(),
        row: number,
        rows: 0,
    })
}

/// Runs `write`; for a commit (not a dry run) after a backup of the
/// database and inside the load mode.
fn guarded(
    store: &mut Store,
    report: &mut Report,
    load: Load,
    write: impl FnOnce(&mut Store, &mut Report) -> Result<(), ImportError>,
) -> Result<(), ImportError> {
    if report.dry_run {
        return write(store, report);
    }
    let backup = store.take_backup()?;
    let mode = match store.enter_load_mode(load) {
        Ok(mode) => mode,
        Err(e) => {
            store.settle_backup(backup.as_deref(), false, KEEP_BACKUPS)?;
            return Err(e.into());
        }
    };
    let rollback_journal = mode.rollback_journal();
    let result = write(store, report);
    report.rollback_journal = rollback_journal;
    let restored = store.leave_load_mode(mode);
    // A run that wrote nothing keeps no backup; one that did prunes the old ones.
    store.settle_backup(backup.as_deref(), report.committed, KEEP_BACKUPS)?;
    if report.committed {
        report.backup = backup;
    }
    if result.is_ok() {
        restored?;
    }
    result
}

/// Whether a run must write nothing: a plan, nothing to write (no backup
/// and no empty batch then), a cancel, a stop on a duplicate, or "all or
/// nothing" with a rejected row.
pub(super) fn rolls_back(report: &Report, all_or_nothing: bool) -> bool {
    report.dry_run
        || report.inserted + report.updated == 0
        || report.cancelled
        || report.stopped_at.is_some()
        || (all_or_nothing && report.rejected > 0)
}

/// A commit that wrote nothing says so in its counts: its inserted and
/// updated rows become `not_written` (a plan's counts stay what it would do).
pub(super) fn wrote_nothing(report: &mut Report) {
    if !report.dry_run {
        report.not_written = report.inserted + report.updated;
        (report.inserted, report.updated) = (0, 0);
    }
}

/// One pass over the rows inside a write transaction.
pub(super) trait RowPass {
    /// What the reading side worked out for a row before it reaches `take`.
    type Prepared;
    /// Judges (and, when valid, writes) one row.
    fn take(&mut self, row: &Row, prepared: Self::Prepared) -> Result<Outcome, ImportError>;
    fn report(&self) -> &Report;
    /// The errors of the last rejected row, for the rejects file.
    fn last_errors(&self) -> &[String];
}

/// Runs every row through `pass`, reporting progress and writing rejected
/// rows; `Ok(true)` when cancelled.
pub(super) fn take_rows<P: RowPass>(
    pass: &mut P,
    rows: &mut dyn Iterator<Item = Result<Staged<P::Prepared>, ImportError>>,
    rejects: &mut Option<RejectsWriter>,
    control: &mut Control,
) -> Result<bool, ImportError> {
    for staged in rows {
        if control.cancel.is_some_and(|c| c.load(Ordering::Relaxed)) {
            return Ok(true);
        }
        let Staged {
            row,
            prepared,
            fraction,
        } = staged?;
        let outcome = pass.take(&row, prepared)?;
        if outcome == Outcome::Rejected
            && let Some(w) = rejects.as_mut()
        {
            w.write(&row, &pass.last_errors().join("; "))?;
        }
        if let Some(progress) = control.progress.as_mut() {
            let r = pass.report();
            progress(&Progress {
                rows: r.rows,
                inserted: r.inserted,
                updated: r.updated,
                skipped: r.skipped,
                rejected: r.rejected,
                fraction,
            });
        }
        if outcome == Outcome::Stopped {
            break;
        }
    }
    Ok(false)
}

/// Records row `number`'s problems (warnings counted; at most
/// `MAX_PROBLEMS` kept, the rest counted), each with the header of the
/// column its field came from (`column`).
pub(super) fn note(
    report: &mut Report,
    number: u64,
    problems: &Problems,
    column: impl Fn(&str) -> String,
) {
    for p in problems.iter() {
        if p.severity == Severity::Warning {
            report.warnings += 1;
        }
        if report.problems.len() >= MAX_PROBLEMS {
            report.problems_omitted += 1;
            continue;
        }
        report.problems.push(RowProblem {
            row: number,
            column: column(&p.field),
            field: p.field.clone(),
            severity: p.severity,
            code: p.code,
            message: p.message.clone(),
        });
    }
}

/// A rejected row's errors as the rejects file's `error` column gives them:
/// "column: message" in `lang`.
pub(super) fn error_texts(
    problems: &Problems,
    lang: Lang,
    column: impl Fn(&str) -> String,
) -> Vec<String> {
    problems
        .errors()
        .map(|p| {
            let column = column(&p.field);
            let message = p.message.get(lang);
            if column.is_empty() {
                message.to_string()
            } else {
                format!("{column}: {message}")
            }
        })
        .collect()
}
