//! `kehu export OUT.xlsx|OUT.csv`

use std::path::Path;

use super::import::import_failure;
use super::{Cli, CliResult, open_store, output};

pub fn run(cli: &Cli, out: &Path) -> CliResult {
    let store = open_store(cli)?;
    let count = crate::import::export(&store, out).map_err(import_failure)?;
    output::outln!("exported {count} customer(s) to {}", out.display())?;
    Ok(())
}
