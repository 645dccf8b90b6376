//! What list keys do to the store: open the form, change a status, delete,
//! load the demo data.

use super::super::{Outcome, Screen};
use crate::domain::customer::Status;
use crate::domain::{Lang, Money};
use crate::tui::app::Ctx;
use crate::tui::i18n::{self, Msg};
use crate::tui::screens::form::FormScreen;
use crate::tui::screens::import::ImportWizard;
use crate::tui::screens::import::history::HistoryScreen as ImportHistory;

/// The add form, from a template when one is named (a missing template is
/// reported and the form opens empty).
pub(super) fn open_form(ctx: &mut Ctx, template: Option<&str>) -> Outcome {
    let template = match template.map(|name| ctx.store.template(name)) {
        Some(Ok(t)) => Some(t),
        Some(Err(e)) => {
            ctx.error(e.message().text(ctx.lang));
            None
        }
        None => None,
    };
    match FormScreen::add(ctx, template) {
        Ok(form) => Outcome::Push(Screen::Form(Box::new(form))),
        Err(e) => {
            ctx.error(e.message().text(ctx.lang));
            Outcome::Stay
        }
    }
}

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

pub fn set_status(ctx: &mut Ctx, code: &str, status: Status) {
    match ctx.store.set_status(code, status) {
        Ok(c) => {
            ctx.refresh_customer(c.id);
            let done = match status {
                Status::Archived => Msg::Archived,
                Status::OnHold => Msg::OnHold,
                Status::Active => Msg::Unarchived,
                Status::PendingReview => Msg::PendingReview,
            };
            ctx.info(format!("{}: {} {}", ctx.t(done), c.data.code, c.data.name));
        }
        Err(e) => ctx.error(e.message().text(ctx.lang)),
    }
}

pub fn delete(ctx: &mut Ctx, code: &str) {
    let id = ctx
        .index
        .row_of_code(code)
        .and_then(|r| ctx.index.get(r))
        .map(|r| r.id);
    match ctx.store.delete_customer(code) {
        Ok(()) => {
            if let Some(id) = id {
                ctx.refresh_customer(id);
            }
            ctx.info(format!("{}: {code}", ctx.t(Msg::Deleted)));
        }
        Err(e) => ctx.error(e.message().text(ctx.lang)),
    }
}

pub(super) fn load_demo(ctx: &mut Ctx) {
    let today = ctx.today;
    let loaded = crate::demo::load(&mut ctx.store).and_then(|(added, _)| {
        // Their ledgers too, dated back from today, so balances, overdue
        // marks and the dashboard have something to show.
        crate::demo::ledger::load(&mut ctx.store, today)?;
        ctx.reload_index()?;
        Ok(added)
    });
    match loaded {
        Ok(added) => ctx.info(format!(
            "{}: {}",
            ctx.t(Msg::DemoLoaded),
            i18n::count(added, Msg::Customers, ctx.lang)
        )),
        Err(e) => ctx.error(e.message().text(ctx.lang)),
    }
}

/// `i`: the import wizard, starting at the choice of file.
pub(super) fn open_import_wizard(ctx: &mut Ctx) -> Outcome {
    Outcome::Push(Screen::Import(Box::new(ImportWizard::new(ctx))))
}

/// `I`: past imports, with undo.
pub(super) fn open_import_history(ctx: &mut Ctx) -> Outcome {
    match ImportHistory::open(ctx) {
        Ok(history) => Outcome::Push(Screen::ImportHistory(Box::new(history))),
        Err(e) => {
            ctx.error(e.message().text(ctx.lang));
            Outcome::Stay
        }
    }
}
