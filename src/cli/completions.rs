//! `kehu completions bash|zsh|fish|powershell|elvish`: a completion script
//! generated from the same clap grammar the binary parses, so it cannot
//! drift from the commands.

use clap::CommandFactory;
use clap_complete::Shell;

use super::{Cli, CliResult, output};

pub fn run(shell: Shell) -> CliResult {
    let mut command = Cli::command();
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut command, "kehu", &mut script);
    output::raw(&String::from_utf8_lossy(&script))
}
