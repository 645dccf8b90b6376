//! PDF documents sent to customers: the statement of account (对账单) they
//! sign and return, the reconciliation statement (余额调节表) and reminder
//! letters (催款函). A4, set in a Chinese font found on the system, with our
//! company's header, page numbers, the table header on every page and
//! amounts right-aligned with thousands separators.
//!
//! Figures come from the store in integer fen and are only formatted here.
//! Everything is laid out into pages of drawing operations first (`page`),
//! then written as PDF (`render`), so a document is built in memory and
//! handed to `outfile` whole.

mod blocks;
mod customer_statement;
pub mod font;
mod page;
mod reconciliation;
mod reminder;
mod render;
mod report_table;
mod statement;

use std::path::{Path, PathBuf};

use crate::domain::Lang;
use crate::domain::company::Company;
use crate::messages::Message;

pub use customer_statement::{
    StatementDocError, configured_font, configured_kit, customer_statement_pdf,
};
pub use font::{CANDIDATES, Face};
pub use reconciliation::reconciliation_pdf;
pub use reminder::{Reminder, reminders_pdf};
pub use render::Seal;
pub use report_table::{ReportDoc, report_pdf};
pub use statement::statement_pdf;

#[derive(Debug)]
pub enum DocError {
    NoFont { tried: Vec<PathBuf> },
    FontUnreadable { path: PathBuf, detail: String },
    FontNoChinese { path: PathBuf },
    CompanyNotSet,
    Seal { path: PathBuf, detail: String },
    Pdf { detail: String },
}

impl DocError {
    pub fn message(&self) -> Message {
        match self {
            DocError::NoFont { tried } => Message::new("document.no_font").with(
                "tried",
                tried
                    .iter()
                    .map(|p| p.display().to_string())
                    .collect::<Vec<_>>()
                    .join(", "),
            ),
            DocError::FontUnreadable { path, detail } => Message::new("document.font_unreadable")
                .with("path", path.display())
                .with("detail", detail),
            DocError::FontNoChinese { path } => {
                Message::new("document.font_no_chinese").with("path", path.display())
            }
            DocError::CompanyNotSet => Message::new("company.not_set"),
            DocError::Seal { path, detail } => Message::new("document.seal")
                .with("path", path.display())
                .with("detail", detail),
            DocError::Pdf { detail } => Message::new("document.pdf").with("detail", detail),
        }
    }
}

impl std::fmt::Display for DocError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} [{}]", self.message(), self.message().code)
    }
}

impl std::error::Error for DocError {}

/// What every document needs: the font, our company and its seal, the language.
pub struct Kit {
    pub face: Face,
    pub company: Company,
    pub seal: Option<Seal>,
    pub lang: Lang,
}

impl Kit {
    /// Finds the font (`font`: the config's `pdf_font`), reads the seal;
    /// refuses when our company is not set (documents name the sender).
    pub fn load(company: Company, font: Option<&Path>, lang: Lang) -> Result<Kit, DocError> {
        if !company.is_set() {
            return Err(DocError::CompanyNotSet);
        }
        let face = font::find(font, CANDIDATES)?;
        let seal = company.seal.as_deref().map(Seal::load).transpose()?;
        Ok(Kit {
            face,
            company,
            seal,
            lang,
        })
    }

    /// A label from the message table in the document's language.
    pub(crate) fn say(&self, message: Message) -> String {
        message.text(self.lang)
    }
}
