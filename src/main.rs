use std::process::ExitCode;

use clap::Parser;
use kehu::cli::{self, Cli};

fn main() -> ExitCode {
    kehu::store::configure_sqlite();
    kehu::import::guard::install_quiet_hook();
    let cli = Cli::parse();
    match &cli.command {
        Some(command) => cli::run(&cli, command),
        None => kehu::tui::run(&cli),
    }
}

/// mimalloc instead of glibc's malloc: an import allocates a few dozen small
/// strings per row on its reading thread and frees them on its writing
/// thread, which glibc serialises on the reading arena's lock.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
