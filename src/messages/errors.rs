//! The core's errors as messages: each exposes its stable `code()` and a
//! [`Message`] carrying its fields, which a front renders in its language.

use rusqlite::ErrorCode;

use super::{Message, io_cause};
use crate::domain::Lang;
use crate::import::ImportError;
use crate::import::mapping::MappingError;
use crate::import::statement::StatementMappingError;
use crate::import::statement::prepare::PrepareError;
use crate::report::ReportError;
use crate::store::StoreError;

/// SQLite's own failures in words: a full disk, a database another process
/// holds; `path` is filled in by whoever knows which file it was.
fn sqlite(e: &rusqlite::Error) -> Message {
    match e.sqlite_error_code() {
        Some(ErrorCode::DiskFull) => Message::new("db.disk_full"),
        // A write that failed with ENOSPC outside SQLite's write path
        // (journal truncate, fsync) comes back as a generic I/O error; the
        // OS error number of the failed call is still the thread's errno.
        Some(ErrorCode::SystemIoFailure)
            if std::io::Error::last_os_error().raw_os_error() == Some(28) =>
        {
            Message::new("db.disk_full")
        }
        Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => Message::new("db.busy"),
        _ => Message::new("db.error").with("detail", e),
    }
}

impl StoreError {
    pub fn code(&self) -> &'static str {
        match self {
            StoreError::Invalid(_) => "store.invalid",
            other => other.message().code,
        }
    }

    /// The message with its fields. `Invalid` lists problems, each with its
    /// own code and both texts; its message is the first one's.
    pub fn message(&self) -> Message {
        match self {
            StoreError::Invalid(problems) => match problems.iter().next() {
                Some(p) => Message::new("problem.error")
                    .with("field", &p.field)
                    .with_text("message", p.message.clone())
                    .with("code", p.code),
                None => Message::new("db.refused").with("detail", "invalid"),
            },
            StoreError::NotFound(code) => Message::new("customer.not_found").with("code", code),
            StoreError::HasLedger { code } => {
                Message::new("customer.has_ledger").with("code", code)
            }
            StoreError::NoTemplate(name) => Message::new("template.not_found").with("name", name),
            StoreError::Refused(detail) => Message::new("db.refused").with("detail", detail),
            StoreError::SchemaTooNew {
                path,
                found,
                supported,
            } => Message::new("db.schema_too_new")
                .with("path", path.display())
                .with("found", found)
                .with("supported", supported),
            StoreError::Open { path, source } => match sqlite(source) {
                m if m.code == "db.error" => Message::new("db.open")
                    .with("path", path.display())
                    .with("detail", source),
                m => m.with("path", path.display()),
            },
            StoreError::Io { path, source } => Message::new("db.folder")
                .with("path", path.display())
                .with_msg("cause", io_cause(source)),
            StoreError::Migration(rusqlite_migration::Error::RusqliteError { err, .. })
                if sqlite(err).code != "db.error" =>
            {
                sqlite(err)
            }
            StoreError::Migration(e) => Message::new("db.migration").with("detail", e),
            StoreError::Sqlite(e) => sqlite(e),
            StoreError::Coded(m) => m.clone(),
            StoreError::BadBackup { path, reason } => Message::new("backup.bad")
                .with("path", path.display())
                .with("reason", reason),
            StoreError::Output(e) => Message::new("output.refused").with_text(
                "text",
                crate::domain::Text::new(e.text(Lang::En), e.text(Lang::Zh)),
            ),
        }
    }
}

impl MappingError {
    pub fn message(&self) -> Message {
        match self {
            MappingError::Syntax(spec) => Message::new("mapping.syntax").with("spec", spec),
            MappingError::NoColumn(header, headers) => Message::new("mapping.no_column")
                .with("header", header)
                .with("headers", headers),
            MappingError::NoTarget(target) => {
                Message::new("mapping.no_target").with("target", target)
            }
            MappingError::Twice(first, second, target) => Message::new("mapping.twice")
                .with("first", first)
                .with("second", second)
                .with("target", target),
            MappingError::NoName => Message::new("mapping.no_name"),
            MappingError::Missing(field, key) => Message::new("mapping.missing")
                .with("field", field)
                .with("key", key),
        }
    }
}

impl ImportError {
    /// A refusal's own code (`import.unbalanced_quote`, …), else the message's.
    pub fn code(&self) -> &'static str {
        match self {
            ImportError::Refused(r) => r.code,
            other => other.message().code,
        }
    }

    pub fn message(&self) -> Message {
        let path = |p: &std::path::Path| p.display().to_string();
        match self {
            ImportError::Io { path: p, source } => Message::new("import.io")
                .with("path", path(p))
                .with_msg("cause", io_cause(source)),
            ImportError::Empty { path: p } => Message::new("import.empty").with("path", path(p)),
            ImportError::NotSpreadsheet { path: p, what } => Message::new("import.not_spreadsheet")
                .with("path", path(p))
                .with("what", what),
            ImportError::Workbook { path: p, message } => Message::new("import.workbook")
                .with("path", path(p))
                .with("detail", message),
            ImportError::Read {
                path: p,
                row,
                message,
            } => Message::new("import.read")
                .with("path", path(p))
                .with("row", row)
                .with("detail", message),
            ImportError::NoSheet {
                path: p,
                sheet,
                sheets,
            } => Message::new("import.no_sheet")
                .with("path", path(p))
                .with("sheet", sheet)
                .with("sheets", sheets),
            ImportError::NoHeader { path: p, searched } => Message::new("import.no_header")
                .with("path", path(p))
                .with("searched", searched),
            ImportError::NoSuchRow { path: p, row, rows } => Message::new("import.no_such_row")
                .with("path", path(p))
                .with("row", row)
                .with("rows", rows),
            ImportError::HeadersChanged { row } => {
                Message::new("import.headers_changed").with("row", row)
            }
            ImportError::Mapping(e) => e.message(),
            ImportError::Write { path: p, message } => {
                if message.contains("No space left") || message.contains("os error 28") {
                    return Message::new("import.write")
                        .with("path", path(p))
                        .with_msg("detail", Message::new("io.disk_full"));
                }
                Message::new("import.write")
                    .with("path", path(p))
                    .with("detail", message)
            }
            ImportError::Store(e) => e.message(),
            // A refusal's own code names the case; its text says row, column and fix.
            ImportError::Refused(r) => Message::new("import.refused")
                .with("path", path(&r.path))
                .with_text("message", r.message.clone()),
            #[allow(unreachable_patterns)]
            other => Message::new("db.refused").with("detail", other),
        }
    }
}

impl ReportError {
    pub fn code(&self) -> &'static str {
        self.message().code
    }

    pub fn message(&self) -> Message {
        match self {
            ReportError::UnknownKind(path) => {
                Message::new("report.unknown_kind").with("path", path.display())
            }
            ReportError::Io { path, source } => Message::new("report.write")
                .with("path", path.display())
                .with_msg("detail", io_cause(source)),
            ReportError::Xlsx { path, source } => Message::new("report.write")
                .with("path", path.display())
                .with("detail", source),
            ReportError::Csv { path, source } => Message::new("report.write")
                .with("path", path.display())
                .with("detail", source),
            #[allow(unreachable_patterns)]
            other => Message::new("db.refused").with("detail", other),
        }
    }
}

impl StatementMappingError {
    pub fn message(&self) -> Message {
        match self {
            StatementMappingError::Syntax(spec) => {
                Message::new("statement_mapping.syntax").with("spec", spec)
            }
            StatementMappingError::NoColumn(header, headers) => {
                Message::new("statement_mapping.no_column")
                    .with("header", header)
                    .with("headers", headers)
            }
            StatementMappingError::NoTarget(target) => {
                Message::new("statement_mapping.no_target").with("target", target)
            }
            StatementMappingError::NoDate => Message::new("statement_mapping.no_date"),
            StatementMappingError::NoAmount => Message::new("statement_mapping.no_amount"),
            StatementMappingError::AmountTwice => Message::new("statement_mapping.amount_twice"),
        }
    }
}

impl PrepareError {
    pub fn code(&self) -> &'static str {
        self.message().code
    }

    pub fn message(&self) -> Message {
        match self {
            PrepareError::Import(e) => e.message(),
            PrepareError::Mapping(e) => e.message(),
            PrepareError::Rows(rows) => Message::new("reconcile.rows").with("count", rows.len()),
            PrepareError::NoLines => Message::new("reconcile.no_lines"),
            PrepareError::Store(e) => e.message(),
            PrepareError::Engine(e) => Message::new("reconcile.engine").with_text("text", e.text()),
        }
    }
}
