use std::process::ExitCode;

use clap::{CommandFactory, Parser};
use kehu::cli::{self, Cli};

fn main() -> ExitCode {
    let cli = Cli::parse();
    match &cli.command {
        Some(command) => cli::run(&cli, command),
        None => {
            // The TUI opens here once it lands; until then, the CLI help.
            let _ = Cli::command().print_help();
            ExitCode::SUCCESS
        }
    }
}
