//! A run over the file: one transaction for every row, committed only by
//! `commit` (after a backup of the database) and only when nothing asks for
//! a rollback — a plan, a cancel, a stop on a duplicate, or "all or nothing"
//! with a rejected row. The batch record goes into the same transaction.
//!
//! Rows are read, mapped and written one at a time, so memory stays flat on
//! any file size. (Reading on a second thread was measured slower: handing
//! ~35 small strings per row across threads costs glibc's allocator more than
//! the ~7% of the work that reading and mapping are.)

use std::sync::atomic::{AtomicBool, Ordering};

use crate::store::{BatchInfo, BulkInsert, Store};

use super::header::headers_of;
use super::plan::{Outcome, Pass, field_values};
use super::read::{Row, Rows, Source};
use super::rejects::RejectsWriter;
use super::{ImportError, KEEP_BACKUPS, Report, Settings};

/// Where a run stands, handed to the progress callback after every row.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Progress {
    pub rows: u64,
    pub inserted: u64,
    pub updated: u64,
    pub skipped: u64,
    pub rejected: u64,
    /// 0.0–1.0 through the file (bytes for text, rows for a sheet).
    pub fraction: f64,
}

/// How a front follows and stops a run (a UI worker thread passes a channel
/// sender in `progress` and shares `cancel` with the screen).
#[derive(Default)]
pub struct Control<'a> {
    pub progress: Option<&'a mut dyn FnMut(&Progress)>,
    pub cancel: Option<&'a AtomicBool>,
}

/// Checks every row as `commit` would, inside a transaction that is rolled
/// back: the counts, problems and duplicates a commit would give now.
pub fn plan(
    store: &mut Store,
    source: &Source,
    settings: &Settings,
    control: Control,
) -> Result<Report, ImportError> {
    run(store, source, settings, control, true)
}

/// Imports the file: backup, every row in one transaction, batch record, commit.
pub fn commit(
    store: &mut Store,
    source: &Source,
    settings: &Settings,
    control: Control,
) -> Result<Report, ImportError> {
    run(store, source, settings, control, false)
}

fn run(
    store: &mut Store,
    source: &Source,
    settings: &Settings,
    control: Control,
    dry_run: bool,
) -> Result<Report, ImportError> {
    settings.mapping.validate()?;
    let sheet = source.sheet_name(settings.sheet.as_deref())?;
    let mut rows = source.rows(sheet.as_deref())?;
    let header = header_row(&mut rows, source, settings)?;
    let rejects = match &settings.rejects {
        Some(path) => Some(RejectsWriter::create(path, &header.cells)?),
        None => None,
    };
    let mut report = Report {
        file: source.file_name(),
        sheet: sheet.clone(),
        dry_run,
        ..Report::default()
    };
    if !dry_run {
        report.backup = store.backup(KEEP_BACKUPS)?;
    }
    let load = if dry_run {
        None
    } else {
        Some(store.enter_load_mode(settings.cache_kib)?)
    };
    let result = write_rows(store, settings, rows, rejects, control, &mut report);
    if let Some(mode) = load {
        let restored = store.leave_load_mode(mode);
        if result.is_ok() {
            restored?;
        }
    }
    result.map(|()| report)
}

fn header_row(rows: &mut Rows, source: &Source, settings: &Settings) -> Result<Row, ImportError> {
    skip_to_header(rows, source, settings.header_row, &settings.mapping.headers)
}

/// Reads up to the header row `number`, which must still hold `headers`.
pub(super) fn skip_to_header(
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

fn write_rows(
    store: &mut Store,
    settings: &Settings,
    mut rows: Rows,
    mut rejects: Option<RejectsWriter>,
    mut control: Control,
    report: &mut Report,
) -> Result<(), ImportError> {
    let mut bulk = store.bulk_insert()?;
    let audit_after = bulk.last_audit_id()?;
    report.cancelled = take_rows(
        &mut bulk,
        settings,
        &mut rows,
        &mut rejects,
        &mut control,
        report,
    )?;
    if let Some(w) = rejects {
        report.rejects_file = Some(w.finish()?);
    }
    let roll_back = report.dry_run
        || report.cancelled
        || report.stopped_at.is_some()
        || (settings.all_or_nothing && report.rejected > 0);
    if roll_back {
        // Dropping the bulk rolls every row back.
        return Ok(());
    }
    report.file_hash = rows.file_hash()?;
    let batch = bulk.record_batch(&BatchInfo {
        file_name: report.file.clone(),
        file_hash: report.file_hash.clone(),
        sheet: report.sheet.clone().unwrap_or_default(),
        policy: settings.policy.key().to_string(),
        rows: report.rows as i64,
        skipped: report.skipped as i64,
        rejected: report.rejected as i64,
        audit_after,
    })?;
    bulk.commit()?;
    report.batch = Some(batch);
    report.committed = true;
    Ok(())
}

/// Runs every row through the pass; `Ok(true)` when cancelled.
fn take_rows(
    bulk: &mut BulkInsert,
    settings: &Settings,
    rows: &mut Rows,
    rejects: &mut Option<RejectsWriter>,
    control: &mut Control,
    report: &mut Report,
) -> Result<bool, ImportError> {
    let mut pass = Pass::new(bulk, settings, std::mem::take(report))?;
    let mut cancelled = false;
    while let Some(row) = rows.next() {
        if control.cancel.is_some_and(|c| c.load(Ordering::Relaxed)) {
            cancelled = true;
            break;
        }
        let row = row?;
        let values = field_values(&row, &settings.mapping.targets);
        let outcome = pass.row(&row, values)?;
        if outcome == Outcome::Rejected
            && let Some(w) = rejects.as_mut()
        {
            w.write(&row, &pass.last_errors.join("; "))?;
        }
        if let Some(progress) = control.progress.as_mut() {
            let r = &pass.report;
            progress(&Progress {
                rows: r.rows,
                inserted: r.inserted,
                updated: r.updated,
                skipped: r.skipped,
                rejected: r.rejected,
                fraction: rows.fraction_done(),
            });
        }
        if outcome == Outcome::Stopped {
            break;
        }
    }
    *report = std::mem::take(&mut pass.report);
    Ok(cancelled)
}
