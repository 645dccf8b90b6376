//! What the CLI's PDF documents share: the font and our company (a `Kit`),
//! and writing the bytes through `outfile`.

use std::path::Path;

use super::outfiles::refused;
use super::{Cli, Failure};
use crate::documents::{DocError, Kit, StatementDocError};
use crate::domain::Lang;
use crate::outfile::{self, Format as OutFormat, Rules};
use crate::store::Store;

/// Language of documents written to files: `--lang`, else Chinese (they go to customers).
pub(super) fn document_lang(cli: &Cli) -> Lang {
    cli.lang
        .as_deref()
        .and_then(Lang::parse)
        .unwrap_or(Lang::Zh)
}

pub(super) fn doc_failure(e: DocError) -> Failure {
    let code = e.message().code;
    Failure::data(format!("{} [{code}]", super::render(e.message())))
}

/// The font (config `pdf_font`, else the system's), our company and its seal.
pub(super) fn kit(cli: &Cli, store: &Store) -> Result<Kit, Failure> {
    Ok(crate::documents::configured_kit(store, document_lang(cli))?)
}

impl From<StatementDocError> for Failure {
    fn from(e: StatementDocError) -> Failure {
        match e {
            StatementDocError::Store(e) => e.into(),
            StatementDocError::Doc(e) => doc_failure(e),
        }
    }
}

/// Writes finished PDF bytes to `path` (checked like every file kehu writes).
pub(super) fn write_pdf(
    cli: &Cli,
    path: &Path,
    rules: &Rules,
    bytes: &[u8],
) -> Result<(), Failure> {
    outfile::write(path, OutFormat::PDF, rules, |tmp, _| {
        std::fs::write(tmp, bytes)
    })
    .map_err(|e| refused(cli, e))?;
    Ok(())
}
