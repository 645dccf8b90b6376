//! Ledger entries in bulk (`kehu import --kind ledger`): invoices, receipts,
//! credit notes, openings… from the same CSV/Excel files and the same reading
//! as customers (encodings, title rows, sheets), each row written through
//! the ledger's bulk API (`Store::ledger_bulk`) in one transaction — so the
//! same checks as the entry form, the same problem reporting, dry run,
//! all-or-nothing, rejects file and JSON summary as a customer import.
//!
//! Past invoices were issued already, so credit limits and on-hold status
//! are not checked unless asked (`CreditCheck::Enforce`).

mod entry_cells;
pub mod mapping;
mod row;

use crate::domain::Lang;
use crate::domain::ledger::EntryKind;
use crate::store::{CreditCheck, Load, Store};

use self::row::Pass;
pub use mapping::{LedgerField, LedgerMapping};

use super::header::detect_by;
use super::pipeline::staged;
use super::read::{Rows, Source};
use super::rejects::RejectsWriter;
use super::run::{RunFile, close_pass, rolls_back, run_file, take_rows, wrote_nothing};
use super::{Control, DEFAULT_CACHE_KIB, ImportError, Layout, Policy, Report, layout_by};

/// Where the header is in a ledger file: the row naming the most ledger columns.
pub fn layout(
    source: &Source,
    sheet: Option<&str>,
    header_row: Option<u64>,
) -> Result<Layout, ImportError> {
    let layout = layout_by(source, sheet, header_row, |rows| {
        detect_by(rows, |cell| mapping::recognise(cell).is_some())
    })?;
    layout.refuse_duplicate_headers(source)?;
    Ok(layout)
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
    let file = RunFile {
        sheet: settings.sheet.as_deref(),
        header_row: settings.header_row,
        headers: &settings.mapping.headers,
        rejects: settings.rejects.as_deref(),
    };
    // Every reference is valid by construction: customers found in this
    // transaction, allocations between entries it read or wrote.
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
    settings: &LedgerSettings,
    rows: Rows,
    mut rejects: Option<RejectsWriter>,
    mut control: Control,
    report: &mut Report,
) -> Result<(), ImportError> {
    let mut bulk = store.ledger_bulk(settings.credit)?;
    bulk.audit_by_batch();
    bulk.build_indexes_after_large_load();
    let mut pass = Pass::new(&mut bulk, settings, std::mem::take(report));
    // The file is read, split into cells and each entry parsed on a second
    // thread while this one checks and writes; the cells travel with each
    // row (the checks need the customer's figures, which only this side
    // has, and a rejected row's cells go to the rejects file).
    let (cancelled, mut rows) = staged(
        rows,
        true,
        |_| (),
        |row: &super::read::Row, ()| entry_cells::prepare(settings, row),
        |items| take_rows(&mut pass, items, &mut rejects, &mut control),
    );
    let cancelled = cancelled?;
    close_pass(report, std::mem::take(&mut pass.report), cancelled, rejects)?;
    if rolls_back(report, settings.all_or_nothing) {
        // Dropping the bulk rolls every row back.
        wrote_nothing(report);
        return Ok(());
    }
    report.file_hash = rows.file_hash()?;
    bulk.commit()?;
    report.committed = true;
    Ok(())
}
