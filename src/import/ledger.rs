//! Ledger entries in bulk (`kehu import --kind ledger`): invoices, receipts,
//! credit notes, openings… from the same CSV/Excel files and the same reading
//! as customers (encodings, title rows, sheets), each row written through
//! the ledger's bulk API (`Store::ledger_bulk`) in one transaction — so the
//! same checks as the entry form, the same problem reporting, dry run,
//! all-or-nothing, rejects file and JSON summary as a customer import.
//!
//! Past invoices were issued already, so credit limits and on-hold status
//! are not checked unless asked (`CreditCheck::Enforce`).

pub mod mapping;
mod row;

use std::sync::atomic::Ordering;

use crate::domain::Lang;
use crate::domain::ledger::EntryKind;
use crate::store::{CreditCheck, LedgerBulk, Store};

use self::row::{Outcome, Pass};
pub use mapping::{LedgerField, LedgerMapping};

use super::commit::skip_to_header;
use super::header::detect_by;
use super::read::{Rows, Source};
use super::rejects::RejectsWriter;
use super::{
    Control, DEFAULT_CACHE_KIB, ImportError, KEEP_BACKUPS, Layout, Policy, Progress, Report,
    layout_by,
};

/// Where the header is in a ledger file: the row naming the most ledger columns.
pub fn layout(
    source: &Source,
    sheet: Option<&str>,
    header_row: Option<u64>,
) -> Result<Layout, ImportError> {
    layout_by(source, sheet, header_row, |rows| {
        detect_by(rows, |cell| mapping::recognise(cell).is_some())
    })
}

/// Everything a ledger run needs besides the file and the database.
#[derive(Clone, Debug)]
pub struct LedgerSettings {
    pub sheet: Option<String>,
    pub header_row: u64,
    pub mapping: LedgerMapping,
    /// The type of rows whose type cell is empty (or with no type column).
    pub default_kind: Option<EntryKind>,
    /// `Skip` (the default): past invoices are loaded whatever the credit limit.
    pub credit: CreditCheck,
    /// An entry already in the ledger (same customer, type and number): skip
    /// it or stop; `Update` is not offered for entries.
    pub on_duplicate: Policy,
    pub all_or_nothing: bool,
    pub rejects: Option<std::path::PathBuf>,
    pub lang: Lang,
    pub cache_kib: i64,
}

impl LedgerSettings {
    pub fn new(layout: &Layout, mapping: LedgerMapping) -> LedgerSettings {
        LedgerSettings {
            sheet: layout.sheet.clone(),
            header_row: layout.header_row,
            mapping,
            default_kind: None,
            credit: CreditCheck::Skip,
            on_duplicate: Policy::Skip,
            all_or_nothing: false,
            rejects: None,
            lang: Lang::default(),
            cache_kib: DEFAULT_CACHE_KIB,
        }
    }
}

/// Checks every row as `commit` would, then rolls back.
pub fn plan(
    store: &mut Store,
    source: &Source,
    settings: &LedgerSettings,
    control: Control,
) -> Result<Report, ImportError> {
    run(store, source, settings, control, true)
}

/// Writes the entries: backup first, every row in one transaction.
pub fn commit(
    store: &mut Store,
    source: &Source,
    settings: &LedgerSettings,
    control: Control,
) -> Result<Report, ImportError> {
    run(store, source, settings, control, false)
}

fn run(
    store: &mut Store,
    source: &Source,
    settings: &LedgerSettings,
    control: Control,
    dry_run: bool,
) -> Result<Report, ImportError> {
    settings.mapping.validate(settings.default_kind.is_some())?;
    let sheet = source.sheet_name(settings.sheet.as_deref())?;
    let mut rows = source.rows(sheet.as_deref())?;
    let header = skip_to_header(
        &mut rows,
        source,
        settings.header_row,
        &settings.mapping.headers,
    )?;
    let rejects = match &settings.rejects {
        Some(path) => Some(RejectsWriter::create(path, &header.cells)?),
        None => None,
    };
    let mut report = Report {
        file: source.file_name(),
        sheet,
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

fn write_rows(
    store: &mut Store,
    settings: &LedgerSettings,
    mut rows: Rows,
    mut rejects: Option<RejectsWriter>,
    mut control: Control,
    report: &mut Report,
) -> Result<(), ImportError> {
    let mut bulk = store.ledger_bulk(settings.credit)?;
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
    bulk.commit()?;
    report.committed = true;
    Ok(())
}

/// Runs every row through the pass; `Ok(true)` when cancelled.
fn take_rows(
    bulk: &mut LedgerBulk,
    settings: &LedgerSettings,
    rows: &mut Rows,
    rejects: &mut Option<RejectsWriter>,
    control: &mut Control,
    report: &mut Report,
) -> Result<bool, ImportError> {
    let mut pass = Pass::new(bulk, settings, std::mem::take(report));
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
                updated: 0,
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
