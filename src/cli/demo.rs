//! `kehu demo`

use super::{Cli, CliResult, open_store};

pub fn run(cli: &Cli) -> CliResult {
    let mut store = open_store(cli)?;
    let (added, skipped) = crate::demo::load(&mut store)?;
    println!("added {added} sample customers ({skipped} already there)");
    Ok(())
}
