//! Actions several screens share (a status change from the list or the
//! details, a refused write from the ledger or the reconciliation), kept
//! out of the screens that first needed them.

mod customer;
mod refusal;

pub use customer::{archive_body, delete, delete_body, set_status};
pub use refusal::refusal_text;
