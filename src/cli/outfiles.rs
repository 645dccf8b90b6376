//! How the CLI names what a written file must not touch (the database, the
//! file read) and reports a refusal: see `outfile`.

use super::{Cli, Failure, db_path};
use crate::outfile::{OutputError, Rules};

/// The open database is protected; `force` replaces an existing file.
pub(super) fn rules(cli: &Cli, force: bool) -> Result<Rules, Failure> {
    Ok(Rules::new(Some(&db_path(cli)?)).force(force))
}

/// A refused path is a usage error (exit 2); a failed write a data error (1).
pub(super) fn refused(cli: &Cli, e: OutputError) -> Failure {
    let text = e.text(super::import::lang(cli));
    match e {
        OutputError::Write { .. } => Failure::data(text),
        _ => Failure::usage(text),
    }
}
