//! A customer's status changes and deleting, with the questions asked
//! first: offered by the list and by a customer's details alike.

use crate::domain::customer::Status;
use crate::domain::{Lang, Money};
use crate::tui::app::Ctx;
use crate::tui::component::Outcome;
use crate::tui::i18n::{self, Msg};

/// The archive question: what archiving does and, for a customer who still
/// owes money, that archiving does not settle it.
pub fn archive_body(ctx: &Ctx, code: &str) -> String {
    let lang = ctx.lang;
    let mut body = format!("{code}{}{}", i18n::colon(lang), ctx.t(Msg::ArchiveBody));
    let owed = ctx
        .store
        .customer(code)
        .ok()
        .flatten()
        .and_then(|c| ctx.store.balance(c.id).ok())
        .map(|b| b.standing.balance)
        .filter(|owed| *owed > Money::ZERO);
    if let Some(owed) = owed {
        let space = if lang == Lang::En { " " } else { "" };
        body.push_str(&format!(
            "{space}{} {}{}",
            ctx.t(Msg::ArchiveOwes),
            owed.grouped(),
            ctx.t(Msg::ArchiveOwesTail)
        ));
    }
    body
}

/// The delete question.
pub fn delete_body(ctx: &Ctx, code: &str) -> String {
    format!("{code}{}{}", i18n::colon(ctx.lang), ctx.t(Msg::DeleteBody))
}

/// Changes a customer's status; says what was done or why not.
pub fn set_status(ctx: &mut Ctx, code: &str, status: Status) -> Outcome {
    match ctx.store.set_status(code, status) {
        Ok(c) => {
            // A failed refresh is overwritten by what was done, as before.
            let _ = ctx.refresh_customer(c.id);
            let done = match status {
                Status::Archived => Msg::Archived,
                Status::OnHold => Msg::OnHold,
                Status::PendingReview => Msg::PendingReview,
                Status::Active => Msg::Unarchived,
            };
            Outcome::info(format!(
                "{}{}{} {}",
                ctx.t(done),
                crate::tui::i18n::colon(ctx.lang),
                c.data.code,
                c.data.name
            ))
        }
        Err(e) => Outcome::error(e.message().text(ctx.lang)),
    }
}

/// Deletes a customer; says it was deleted or why not.
pub fn delete(ctx: &mut Ctx, code: &str) -> Outcome {
    let id = ctx
        .customers
        .index
        .row_of_code(code)
        .and_then(|r| ctx.customers.index.get(r))
        .map(|r| r.id);
    match ctx.store.delete_customer(code) {
        Ok(()) => {
            if let Some(id) = id {
                let _ = ctx.refresh_customer(id);
            }
            Outcome::info(format!(
                "{}{}{code}",
                ctx.t(Msg::Deleted),
                crate::tui::i18n::colon(ctx.lang)
            ))
        }
        Err(e) => Outcome::error(e.message().text(ctx.lang)),
    }
}
