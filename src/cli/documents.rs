//! What the CLI's PDF documents share: the font and our company (a `Kit`),
//! and writing the bytes through `outfile`.

use std::path::Path;

use super::outfiles::refused;
use super::{Cli, Failure};
use crate::config::{Config, config_path};
use crate::documents::{DocError, Kit};
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
    let config = config_path()
        .and_then(|p| Config::load(&p).ok())
        .unwrap_or_default();
    Kit::load(
        store.company()?,
        config.pdf_font.as_deref(),
        document_lang(cli),
    )
    .map_err(doc_failure)
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
