//! `kehu import FILE …`, `kehu import --template OUT`, `kehu import undo BATCH`,
//! `kehu import history`. Exit codes: 0 nothing rejected, 1 rows rejected (or
//! a refused undo), 2 a file that cannot be read or a usage error.

use crate::messages::Message;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use clap::{Args, Subcommand, ValueEnum};

use super::args::FormatArg;
use super::import_report::{customer_columns, print_report};
use super::outfiles::{refused, rules};
use super::{Cli, CliResult, Failure, Format, open_store, output};
use crate::domain::Lang;
use crate::import::{
    self, Control, ImportError, Mapping, Policy, Progress, Report, Settings, Source,
};
use crate::outfile::{self, Format as OutFormat, Pending};

#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct ImportArgs {
    #[command(subcommand)]
    pub action: Option<ImportCmd>,
    /// The file: .csv, .tsv or .txt (UTF-8, UTF-16 or GBK) or .xlsx, .xlsm, .xls, .ods.
    #[arg(value_name = "FILE")]
    pub file: Option<PathBuf>,
    /// Further files, for --kind invoices (all booked in one batch).
    #[arg(value_name = "MORE")]
    pub more: Vec<PathBuf>,
    /// What the file holds: customers (the default), ledger entries, or
    /// invoices from the tax platform (exports and XML files, several at once).
    #[arg(long, value_enum, default_value_t = ImportKind::Customers)]
    pub kind: ImportKind,
    /// Ledger: the type of rows without one (invoice, receipt, credit, prepayment, adjustment, opening).
    #[arg(long, value_name = "TYPE")]
    pub entry_type: Option<String>,
    /// Ledger: hold invoices to credit limits and on-hold status (default: not,
    /// as past invoices were issued already).
    #[arg(long)]
    pub check_credit: bool,
    /// Sheet of a workbook (default: the one holding the data, not a notes sheet).
    #[arg(long, value_name = "NAME")]
    pub sheet: Option<String>,
    /// Row number of the header row, as the spreadsheet shows it (default: found).
    #[arg(long, value_name = "N")]
    pub header_row: Option<u64>,
    /// Map columns by hand: 'Header=field,…' (field key, its label, a dimension, or ignore).
    #[arg(long, value_name = "'Header=field,…'")]
    pub map: Option<String>,
    /// Start from a saved mapping.
    #[arg(long, value_name = "NAME")]
    pub mapping: Option<String>,
    /// Save the mapping used under this name for next time.
    #[arg(long, value_name = "NAME")]
    pub save_mapping: Option<String>,
    /// What to do with a row matching a stored customer (tax ID, code, then name).
    #[arg(long, value_enum, default_value_t = OnDuplicate::Skip)]
    pub on_duplicate: OnDuplicate,
    /// Import nothing if any row is rejected.
    #[arg(long)]
    pub all_or_nothing: bool,
    /// Refuse rows whose classification value (行业, 地区…) is not one of its
    /// dimension's values (default: add the new value, with a warning).
    #[arg(long)]
    pub strict_values: bool,
    /// Check every row and report, writing nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Write the rejected rows (plus an "error" column) to this .csv or .xlsx.
    #[arg(long, value_name = "OUT")]
    pub rejects: Option<PathBuf>,
    /// Write a blank template (.xlsx or .csv) with the headers, an example and notes.
    #[arg(long, value_name = "OUT", conflicts_with = "file")]
    pub template: Option<PathBuf>,
    /// Replace the --rejects or --template file if it exists.
    #[arg(long)]
    pub force: bool,
    /// Output format of the report.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
    /// Put every new customer of this import up for review (待审核) until a
    /// supervisor approves it (kehu review); with the review setting on, always.
    #[arg(long)]
    pub review: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ImportKind {
    Customers,
    Ledger,
    /// The tax platform's issued-invoice exports and 数电票 XML files.
    Invoices,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum OnDuplicate {
    Skip,
    Update,
    Stop,
}

#[derive(Debug, Subcommand)]
pub enum ImportCmd {
    /// Undo an import: delete the customers it added, restore the fields it changed.
    Undo {
        /// The batch number shown by the import and by `kehu import history`.
        batch: i64,
    },
    /// List past imports (batches), newest first.
    History {
        #[command(flatten)]
        format: FormatArg,
    },
}

pub fn run(cli: &Cli, args: &ImportArgs) -> CliResult {
    match &args.action {
        Some(ImportCmd::Undo { batch }) => return undo(cli, *batch),
        Some(ImportCmd::History { format }) => return history(cli, format.format),
        None => {}
    }
    if let Some(out) = &args.template {
        let rules = rules(cli, args.force)?;
        outfile::check(out, OutFormat::SHEETS, &rules).map_err(|e| refused(cli, e))?;
        let store = open_store(cli)?;
        let catalog = store.catalog()?;
        outfile::write(out, OutFormat::SHEETS, &rules, |tmp, _| {
            import::write_template(tmp, &catalog)
        })
        .map_err(|e| refused(cli, e))?;
        output::say(Message::new("import.template_written").with("path", out.display()))?;
        return Ok(());
    }
    let Some(file) = &args.file else {
        return Err(Failure::usage_msg(Message::new("import.needs_file")));
    };
    if !args.more.is_empty() && args.kind != ImportKind::Invoices {
        return Err(Failure::usage_msg(Message::new("invoice.more_files")));
    }
    match args.kind {
        ImportKind::Customers => import_file(cli, args, file),
        ImportKind::Ledger => super::import_ledger::import_ledger(cli, args, file),
        ImportKind::Invoices => {
            let files = std::iter::once(file.clone())
                .chain(args.more.iter().cloned())
                .collect();
            super::import_invoices::import_invoices(cli, args, files)
        }
    }
}

/// Where `--rejects` goes: checked now (a dry run too, so a mistake shows),
/// written to a temporary file during the run. A dry run writes nothing.
pub(super) fn rejects_target(
    cli: &Cli,
    args: &ImportArgs,
    file: &Path,
) -> Result<Option<Pending>, Failure> {
    let Some(out) = &args.rejects else {
        return Ok(None);
    };
    let rules = rules(cli, args.force)?.input(file);
    if args.dry_run {
        outfile::check(out, OutFormat::SHEETS, &rules).map_err(|e| refused(cli, e))?;
        output::tell(
            crate::messages::Message::new("import.dry_run_rejects").with("path", out.display()),
        );
        return Ok(None);
    }
    let (pending, _) =
        Pending::begin(out, OutFormat::SHEETS, &rules).map_err(|e| refused(cli, e))?;
    Ok(Some(pending))
}

/// Puts the rejected rows in place, or (none rejected) writes nothing and says so.
pub(super) fn finish_rejects(
    cli: &Cli,
    pending: Option<Pending>,
    rejected: u64,
) -> Result<Option<PathBuf>, Failure> {
    let Some(pending) = pending else {
        return Ok(None);
    };
    if rejected == 0 {
        output::note!(
            "no rows were rejected: {} not written",
            pending.target().display()
        );
        return Ok(None);
    }
    pending.commit().map(Some).map_err(|e| refused(cli, e))
}

fn import_file(cli: &Cli, args: &ImportArgs, file: &Path) -> CliResult {
    let rejects = rejects_target(cli, args, file)?;
    let source = Source::open(file).map_err(import_failure)?;
    let mut store = open_store(cli)?;
    let catalog = store.catalog()?;
    let layout = import::layout(&source, args.sheet.as_deref(), args.header_row, &catalog)
        .map_err(import_failure)?;
    let mut mapping = Mapping::auto(&layout.headers, &catalog);
    if let Some(name) = &args.mapping {
        mapping.apply_saved(&store.mapping(name)?, &catalog);
    }
    if let Some(spec) = &args.map {
        mapping
            .apply_spec(spec, &catalog)
            .map_err(|e| Failure::usage_msg(e.message()))?;
    }
    mapping
        .validate()
        .map_err(|e| Failure::usage_msg(e.message()))?;
    if let Some(name) = &args.save_mapping {
        store.save_mapping(name, &mapping.to_saved())?;
    }
    let lang = lang(cli);
    let mut settings = Settings::new(&layout, mapping);
    settings.policy = match args.on_duplicate {
        OnDuplicate::Skip => Policy::Skip,
        OnDuplicate::Update => Policy::Update,
        OnDuplicate::Stop => Policy::Stop,
    };
    settings.all_or_nothing = args.all_or_nothing;
    settings.review = args.review;
    settings.strict_values = args.strict_values;
    settings.rejects = rejects.as_ref().map(|p| p.temp().to_path_buf());
    settings.lang = lang;

    let show_progress = args.format != Format::Json && std::io::stderr().is_terminal();
    let pause = (!args.dry_run)
        .then(|| std::env::var_os("KEHU_TEST_PAUSE_IN_COMMIT"))
        .flatten()
        .map(PathBuf::from);
    if pause.is_some() {
        // A tiny cache makes the import write pages to the file (under the
        // rollback journal) before the pause, so the kill finds a hot journal.
        settings.cache_kib = 64;
    }
    let mut ticker = Ticker::new(show_progress, pause);
    let mut on_progress = |p: &Progress| ticker.tick(p);
    let control = Control {
        progress: Some(&mut on_progress),
        cancel: None,
    };
    let mut report = if args.dry_run {
        import::plan(&mut store, &source, &settings, control)
    } else {
        import::commit(&mut store, &source, &settings, control)
    }
    .map_err(import_failure)?;
    report.rejects_file = finish_rejects(cli, rejects, report.rejected)?;
    if show_progress {
        super::output::progress("\r\x1b[K");
    }
    let columns = customer_columns(&settings, lang, &catalog);
    print_report(&source, &layout, &columns, &report, args.format, lang)?;
    exit_for(&report)
}

pub(super) fn exit_for(report: &Report) -> CliResult {
    if report.rejected > 0 || report.stopped_at.is_some() {
        Err(Failure {
            message: String::new(),
            code: 1,
        })
    } else {
        Ok(())
    }
}

/// Prints progress at most every 200 ms, and holds the commit open for the
/// crash test (KEHU_TEST_PAUSE_IN_COMMIT=marker: after 300 written rows, the
/// marker file is created and the run waits until it is deleted, at most 60 s).
pub(super) struct Ticker {
    show: bool,
    last: Instant,
    pause: Option<PathBuf>,
}

impl Ticker {
    pub(super) fn new(show: bool, pause: Option<PathBuf>) -> Ticker {
        Ticker {
            show,
            last: Instant::now(),
            pause,
        }
    }

    pub(super) fn tick(&mut self, p: &Progress) {
        if self.show && self.last.elapsed() >= Duration::from_millis(200) {
            self.last = Instant::now();
            super::output::progress(&format!(
                "\r{} rows ({:.0}%): {} new, {} updated, {} skipped, {} rejected",
                p.rows,
                p.fraction * 100.0,
                p.inserted,
                p.updated,
                p.skipped,
                p.rejected
            ));
        }
        if p.inserted >= 300
            && let Some(marker) = self.pause.take()
            && std::fs::write(&marker, b"paused").is_ok()
        {
            let until = Instant::now() + Duration::from_secs(60);
            while marker.exists() && Instant::now() < until {
                std::thread::sleep(Duration::from_millis(20));
            }
        }
    }
}

fn undo(cli: &Cli, batch: i64) -> CliResult {
    let mut store = open_store(cli)?;
    let undone = store.undo_batch(batch)?;
    if undone.values_removed > 0 {
        output::say(Message::new("import.undone_values").with("values", undone.values_removed))?;
    }
    if undone.entries_removed > 0 {
        return output::say(
            Message::new("import.undone_entries")
                .with("batch", undone.batch)
                .with("entries", undone.entries_removed)
                .with("deleted", undone.deleted)
                .with("restored", undone.restored),
        );
    }
    output::say(
        Message::new("import.undone")
            .with("batch", undone.batch)
            .with("deleted", undone.deleted)
            .with("restored", undone.restored),
    )?;
    Ok(())
}

fn history(cli: &Cli, format: Format) -> CliResult {
    let store = open_store(cli)?;
    let batches = store.batches()?;
    let rows: Vec<Vec<String>> = batches
        .iter()
        .map(|b| {
            vec![
                b.id.to_string(),
                b.at.clone(),
                b.operator.clone(),
                b.file_name.clone(),
                b.sheet.clone(),
                b.rows.to_string(),
                b.inserted.to_string(),
                b.updated.to_string(),
                b.skipped.to_string(),
                b.rejected.to_string(),
                b.undone_at.clone().unwrap_or_default(),
            ]
        })
        .collect();
    output::print_rows(
        format,
        &[
            "batch",
            "at",
            "operator",
            "file",
            "sheet",
            "rows",
            "inserted",
            "updated",
            "skipped",
            "rejected",
            "undone_at",
        ],
        &rows,
        &batches,
    )
}

/// The language of messages: `--lang`, the config file, `LC_ALL`,
/// `LC_MESSAGES`, `LANG`, English (the TUI's order: `config::choose_lang`).
pub fn lang(cli: &Cli) -> Lang {
    crate::config::process_lang(cli.lang.as_deref())
}

pub fn import_failure(e: ImportError) -> Failure {
    let unusable = e.is_unreadable() || matches!(e, ImportError::Mapping(_));
    Failure {
        message: super::render(e.message()),
        code: if unusable { 2 } else { 1 },
    }
}
