//! One customer's statement of account as a PDF, the same from the CLI and
//! the TUI: our letterhead, the customer's address, the aging of what is open
//! at the period's end, the sign-off block.

use super::{DocError, Kit, statement_pdf};
use crate::config::{Config, config_path};
use crate::domain::Lang;
use crate::messages::Message;
use crate::store::{Statement, Store, StoreError};

/// Why a statement document could not be made.
#[derive(Debug)]
pub enum StatementDocError {
    Store(StoreError),
    Doc(DocError),
}

impl StatementDocError {
    pub fn message(&self) -> Message {
        match self {
            StatementDocError::Store(e) => e.message(),
            StatementDocError::Doc(e) => e.message(),
        }
    }
}

impl From<StoreError> for StatementDocError {
    fn from(e: StoreError) -> Self {
        StatementDocError::Store(e)
    }
}

impl From<DocError> for StatementDocError {
    fn from(e: DocError) -> Self {
        StatementDocError::Doc(e)
    }
}

/// The PDF font named in config.toml (`pdf_font`), if any.
pub fn configured_font() -> Option<std::path::PathBuf> {
    config_path()
        .and_then(|p| Config::load(&p).ok())
        .and_then(|c| c.pdf_font)
}

/// The kit for documents: our company (refused when not set) and the font
/// from config.toml, else the system's.
pub fn configured_kit(store: &Store, lang: Lang) -> Result<Kit, StatementDocError> {
    Ok(Kit::load(
        store.company()?,
        configured_font().as_deref(),
        lang,
    )?)
}

/// The statement of account of `statement`'s customer as PDF bytes.
pub fn customer_statement_pdf(
    store: &Store,
    kit: &Kit,
    customer_id: i64,
    statement: &Statement,
) -> Result<Vec<u8>, StatementDocError> {
    let address = store
        .customer(&statement.code)?
        .map(|c| c.data.registered_address)
        .unwrap_or_default();
    let aged = store.customer_aging(customer_id, statement.to)?;
    Ok(statement_pdf(kit, statement, &address, &aged)?)
}
