//! A run over the file: one transaction for every row, committed only by
//! `commit` (after a backup of the database) and only when nothing asks for
//! a rollback — a plan, a cancel, a stop on a duplicate, or "all or nothing"
//! with a rejected row. The batch record goes into the same transaction.
//!
//! Rows stream through (memory stays flat on any file size): read, mapped
//! and checked on a second thread, matched and written on this one
//! (pipeline.rs).

use std::sync::atomic::AtomicBool;

use crate::store::{BatchInfo, Load, Store};

use super::parse::Parse;
use super::pipeline::staged;
use super::plan::Pass;
use super::prepare::Prepare;
use super::read::{Rows, Source};
use super::rejects::RejectsWriter;
use super::run::{RunFile, close_pass, rolls_back, run_file, take_rows, wrote_nothing};
use super::{ImportError, Policy, Report, Settings};

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
    let file = RunFile {
        sheet: settings.sheet.as_deref(),
        header_row: settings.header_row,
        headers: &settings.mapping.headers,
        rejects: settings.rejects.as_deref(),
    };
    // Every reference an import writes is valid by construction (store/load_mode.rs).
    let load = Load {
        cache_kib: settings.cache_kib,
        foreign_keys: false,
    };
    run_file(
        store,
        source,
        file,
        dry_run,
        load,
        |store, rows, rejects, report| write_rows(store, settings, rows, rejects, control, report),
    )
}

fn write_rows(
    store: &mut Store,
    settings: &Settings,
    rows: Rows,
    mut rejects: Option<RejectsWriter>,
    mut control: Control,
    report: &mut Report,
) -> Result<(), ImportError> {
    let mut bulk = store.bulk_insert()?;
    if settings.review {
        bulk.put_up_for_review();
    }
    bulk.match_in_memory()?;
    bulk.audit_creates_by_batch()?;
    bulk.build_indexes_after_large_load()?;
    let audit_after = bulk.last_audit_id()?;
    if settings.policy != Policy::Update {
        // Rows of the file are matched with each other on the reading thread.
        bulk.caller_matches_new_rows();
    }
    let parse = Parse::new(bulk.field_check().parser(), settings);
    let mut prepare = Prepare::new(bulk.field_check(), settings);
    if let Some(bytes) = rows.text_bytes() {
        prepare.expect_file_of(bytes);
    }
    let mut pass = Pass::new(&mut bulk, settings, std::mem::take(report))?;
    let (back, spent) = std::sync::mpsc::channel();
    pass.give_back_through(back);
    let (cancelled, mut rows) = staged(
        rows,
        rejects.is_some(),
        // The records are freed on the thread that made them (a free from
        // another thread costs mimalloc more).
        move |row| {
            Parse::drop_spent(&spent);
            parse.parse(row)
        },
        &mut prepare,
        |staged| take_rows(&mut pass, staged, &mut rejects, &mut control),
    );
    let cancelled = cancelled?;

    close_pass(report, std::mem::take(&mut pass.report), cancelled, rejects)?;
    if rolls_back(report, settings.all_or_nothing) {
        // Dropping the bulk rolls every row back.
        wrote_nothing(report);
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
