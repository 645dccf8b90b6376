use std::process::ExitCode;

use clap::Parser;
use kehu::cli::{self, Cli};

fn main() -> ExitCode {
    let cli = Cli::parse();
    match &cli.command {
        Some(command) => cli::run(&cli, command),
        None => kehu::tui::run(&cli),
    }
}
