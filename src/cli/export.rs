//! `kehu export OUT.xlsx|OUT.csv`

use crate::messages::Message;
use std::path::Path;

use super::import::import_failure;
use super::{Cli, CliResult, open_store, output};

pub fn run(cli: &Cli, out: &Path) -> CliResult {
    let store = open_store(cli)?;
    let count = crate::import::export(&store, out).map_err(import_failure)?;
    output::say(
        Message::new("import.exported")
            .with("count", count)
            .with("path", out.display()),
    )?;
    Ok(())
}
