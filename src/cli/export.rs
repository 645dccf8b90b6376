//! `kehu export OUT.xlsx|OUT.csv [--force]`

use crate::messages::Message;
use std::path::Path;

use super::outfiles::{refused, rules};
use super::{Cli, CliResult, open_store, output};
use crate::outfile::{self, Format};

pub fn run(cli: &Cli, out: &Path, force: bool) -> CliResult {
    let rules = rules(cli, force)?;
    // Refused before the database is even opened.
    outfile::check(out, Format::SHEETS, &rules).map_err(|e| refused(cli, e))?;
    let store = open_store(cli)?;
    let mut count = 0;
    outfile::write(out, Format::SHEETS, &rules, |tmp, _| {
        crate::import::export(&store, tmp).map(|n| count = n)
    })
    .map_err(|e| refused(cli, e))?;
    output::say(
        Message::new("import.exported")
            .with("count", count)
            .with("path", out.display()),
    )?;
    Ok(())
}
