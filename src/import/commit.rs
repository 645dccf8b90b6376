//! A run over the file: one transaction for every row, committed only by
//! `commit` (after a backup of the database) and only when nothing asks for
//! a rollback — a plan, a cancel, a stop on a duplicate, or "all or nothing"
//! with a rejected row. The batch record goes into the same transaction.

use std::sync::atomic::{AtomicBool, Ordering};

use crate::store::{BatchInfo, Store};

use super::header::headers_of;
use super::plan::{Outcome, Pass};
use super::read::Source;
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
    mut control: Control,
    dry_run: bool,
) -> Result<Report, ImportError> {
    settings.mapping.validate()?;
    let sheet = source.sheet_name(settings.sheet.as_deref())?;
    let mut rows = source.rows(sheet.as_deref())?;
    let header = loop {
        match rows.next() {
            Some(row) => {
                let row = row?;
                if row.number == settings.header_row {
                    break row;
                }
            }
            None => {
                return Err(ImportError::NoSuchRow {
                    path: source.path().to_path_buf(),
                    row: settings.header_row,
                    rows: 0,
                });
            }
        }
    };
    if headers_of(&header) != settings.mapping.headers {
        return Err(ImportError::HeadersChanged {
            row: settings.header_row,
        });
    }
    let mut rejects = match &settings.rejects {
        Some(path) => Some(RejectsWriter::create(path, &header.cells)?),
        None => None,
    };
    let backup = if dry_run {
        None
    } else {
        store.backup(KEEP_BACKUPS)?
    };

    let mut bulk = store.bulk_insert()?;
    let audit_after = bulk.last_audit_id()?;
    let mut pass = Pass::new(&mut bulk, settings)?;
    let mut cancelled = false;
    while let Some(row) = rows.next() {
        if control.cancel.is_some_and(|c| c.load(Ordering::Relaxed)) {
            cancelled = true;
            break;
        }
        let row = row?;
        let outcome = pass.row(&row)?;
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
    let mut report = std::mem::take(&mut pass.report);
    drop(pass);
    report.file = source.file_name();
    report.sheet = sheet.clone();
    report.dry_run = dry_run;
    report.cancelled = cancelled;
    report.backup = backup;
    if let Some(w) = rejects {
        report.rejects_file = Some(w.finish()?);
    }

    let roll_back = dry_run
        || cancelled
        || report.stopped_at.is_some()
        || (settings.all_or_nothing && report.rejected > 0);
    if roll_back {
        // Dropping the bulk rolls every row back.
        drop(bulk);
        return Ok(report);
    }
    report.file_hash = rows.file_hash()?;
    let batch = bulk.record_batch(&BatchInfo {
        file_name: report.file.clone(),
        file_hash: report.file_hash.clone(),
        sheet: sheet.unwrap_or_default(),
        policy: settings.policy.key().to_string(),
        rows: report.rows as i64,
        skipped: report.skipped as i64,
        rejected: report.rejected as i64,
        audit_after,
    })?;
    bulk.commit()?;
    report.batch = Some(batch);
    report.committed = true;
    Ok(report)
}
