//! The statement of account written from the ledger screen: xlsx / csv
//! headed by our company with the sign-off block, or the PDF the customer
//! signs (our company, the font from the config or the system), as
//! `kehu statement --out` writes them.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::config::{Config, config_path};
use crate::documents::{self, DocError, Kit};
use crate::outfile::{self, Format as OutFormat, OutputError, Rules};
use crate::report::write_statement_from;
use crate::store::{Store, StoreError};

/// Why a statement was not written.
pub(super) enum ExportError {
    Output(OutputError),
    Store(StoreError),
    Document(DocError),
}

impl From<OutputError> for ExportError {
    fn from(e: OutputError) -> Self {
        ExportError::Output(e)
    }
}

impl From<StoreError> for ExportError {
    fn from(e: StoreError) -> Self {
        ExportError::Store(e)
    }
}

/// Writes customer `id`'s statement for `from`..=`to` to `path`, checked
/// by `rules`; the file written.
pub(super) fn write(
    store: &Store,
    (id, code): (i64, &str),
    (from, to): (NaiveDate, NaiveDate),
    path: &Path,
    rules: &Rules,
    lang: crate::domain::Lang,
) -> Result<PathBuf, ExportError> {
    let kind = outfile::check(path, OutFormat::SHEETS_OR_PDF, rules)?;
    let statement = store.statement(id, from, to)?;
    let company = store.company()?;
    if kind != OutFormat::Pdf {
        return Ok(outfile::write(path, OutFormat::SHEETS, rules, |tmp, _| {
            write_statement_from(tmp, &statement, &company, lang)
        })?);
    }
    let font = config_path()
        .and_then(|p| Config::load(&p).ok())
        .and_then(|c| c.pdf_font);
    let kit = Kit::load(company, font.as_deref(), lang).map_err(ExportError::Document)?;
    let address = store
        .customer(code)?
        .map(|c| c.data.registered_address)
        .unwrap_or_default();
    let aged = store.customer_aging(id, to)?;
    let bytes = documents::statement_pdf(&kit, &statement, &address, &aged)
        .map_err(ExportError::Document)?;
    Ok(outfile::write(path, OutFormat::PDF, rules, |tmp, _| {
        std::fs::write(tmp, &bytes)
    })?)
}
