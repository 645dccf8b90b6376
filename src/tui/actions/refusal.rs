//! A refused write in the UI language: the ledger and the reconciliation
//! both book entries and show the store's refusal the same way.

use crate::store::StoreError;
use crate::tui::app::Ctx;

/// Problems of a refused write in the UI language, one line.
pub fn refusal_text(e: &StoreError, ctx: &Ctx) -> String {
    match e {
        StoreError::Invalid(problems) => problems
            .iter()
            .map(|p| p.message(ctx.lang).to_string())
            .collect::<Vec<_>>()
            .join(" "),
        other => other.message().text(ctx.lang),
    }
}
