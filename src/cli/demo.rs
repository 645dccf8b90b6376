//! `kehu demo`

use super::{Cli, CliResult, open_store, output};

pub fn run(cli: &Cli) -> CliResult {
    let mut store = open_store(cli)?;
    let (added, skipped) = crate::demo::load(&mut store)?;
    output::outln!("added {added} sample customers ({skipped} already there)")?;
    let entries = crate::demo::ledger::load(&mut store, chrono::Local::now().date_naive())?;
    output::outln!("added {entries} sample ledger entries (invoices, receipts, a few overdue)")?;
    Ok(())
}
