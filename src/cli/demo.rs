//! `kehu demo`

use super::{Cli, CliResult, open_store, output};
use crate::messages::Message;

pub fn run(cli: &Cli) -> CliResult {
    let mut store = open_store(cli)?;
    let (added, skipped) = crate::demo::load(&mut store)?;
    output::say(
        Message::new("demo.customers")
            .with("added", added)
            .with("skipped", skipped),
    )?;
    let entries = crate::demo::ledger::load(&mut store, chrono::Local::now().date_naive())?;
    output::say(Message::new("demo.entries").with("entries", entries))?;
    Ok(())
}
