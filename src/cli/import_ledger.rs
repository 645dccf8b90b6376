//! `kehu import --kind ledger FILE …`: ledger entries from CSV/Excel through
//! the import pipeline, with the customer import's options, output and exit
//! codes (0 nothing rejected, 1 rows rejected, 2 unreadable file or usage).

use crate::messages::Message;
use std::io::IsTerminal;
use std::path::Path;

use super::import::{ImportArgs, OnDuplicate, Ticker, exit_for, import_failure, lang};
use super::import_report::print_report;
use super::{Cli, CliResult, Failure, Format, open_store};
use crate::domain::ledger::EntryKind;
use crate::import::ledger::{self, LedgerMapping, LedgerSettings};
use crate::import::{Control, Policy, Progress, Source};
use crate::store::CreditCheck;

pub fn import_ledger(cli: &Cli, args: &ImportArgs, file: &Path) -> CliResult {
    let default_kind = match args.entry_type.as_deref() {
        None => None,
        Some(text) => Some(EntryKind::parse(text).ok_or_else(|| {
            Failure::usage_msg(Message::new("import.entry_type").with("text", text))
        })?),
    };
    let on_duplicate = match args.on_duplicate {
        OnDuplicate::Skip => Policy::Skip,
        OnDuplicate::Stop => Policy::Stop,
        OnDuplicate::Update => {
            return Err(Failure::usage_msg(Message::new("import.ledger_update")));
        }
    };
    let rejects = super::import::rejects_target(cli, args, file)?;
    let source = Source::open(file).map_err(import_failure)?;
    let mut store = open_store(cli)?;
    let layout =
        ledger::layout(&source, args.sheet.as_deref(), args.header_row).map_err(import_failure)?;
    let mut mapping = LedgerMapping::auto(&layout.headers);
    if let Some(name) = &args.mapping {
        mapping.apply_saved(&store.mapping(name)?);
    }
    if let Some(spec) = &args.map {
        mapping
            .apply_spec(spec)
            .map_err(|e| Failure::usage_msg(e.message()))?;
    }
    mapping
        .validate(default_kind.is_some())
        .map_err(|e| Failure::usage_msg(e.message()))?;
    if let Some(name) = &args.save_mapping {
        store.save_mapping(name, &mapping.to_saved())?;
    }
    let lang = lang(cli);
    let columns = mapping.describe();
    let mut settings = LedgerSettings::new(&layout, mapping);
    settings.default_kind = default_kind;
    settings.credit = if args.check_credit {
        CreditCheck::Enforce
    } else {
        CreditCheck::Skip
    };
    settings.on_duplicate = on_duplicate;
    settings.all_or_nothing = args.all_or_nothing;
    settings.rejects = rejects.as_ref().map(|p| p.temp().to_path_buf());
    settings.lang = lang;

    let show_progress = args.format != Format::Json && std::io::stderr().is_terminal();
    let mut ticker = Ticker::new(show_progress, None);
    let mut on_progress = |p: &Progress| ticker.tick(p);
    let control = Control {
        progress: Some(&mut on_progress),
        cancel: None,
    };
    let mut report = if args.dry_run {
        ledger::plan(&mut store, &source, &settings, control)
    } else {
        ledger::commit(&mut store, &source, &settings, control)
    }
    .map_err(import_failure)?;
    report.rejects_file = super::import::finish_rejects(cli, rejects, report.rejected)?;
    if show_progress {
        super::output::progress("\r\x1b[K");
    }
    print_report(&source, &layout, &columns, &report, args.format, lang)?;
    exit_for(&report)
}
