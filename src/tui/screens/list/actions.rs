//! What list keys do: open the form, the import wizard and its history, load
//! the demo data. Status changes and deleting, which the details screen
//! offers too, are in `tui::actions`.

use super::super::Outcome;
use crate::tui::app::Ctx;
use crate::tui::component::Status;
use crate::tui::i18n::{self, Msg};
use crate::tui::screens::form::FormScreen;
use crate::tui::screens::import::ImportWizard;
use crate::tui::screens::import::history::HistoryScreen as ImportHistory;

/// The add form, from a template when one is named (a missing template is
/// reported and the form opens empty).
pub(super) fn open_form(ctx: &mut Ctx, template: Option<&str>) -> Outcome {
    let (template, missing) = match template.map(|name| ctx.store.template(name)) {
        Some(Ok(t)) => (Some(t), None),
        Some(Err(e)) => (None, Some(Status::error(e.message().text(ctx.lang)))),
        None => (None, None),
    };
    match FormScreen::add(ctx, template) {
        Ok(form) => Outcome::Push(Box::new(form)).saying(missing),
        Err(e) => Outcome::error(e.message().text(ctx.lang)),
    }
}

pub(super) fn load_demo(ctx: &mut Ctx) -> Outcome {
    let today = ctx.today;
    let loaded = crate::demo::load(&mut ctx.store).and_then(|(added, _)| {
        // Their ledgers too, dated back from today, so balances, overdue
        // marks and the dashboard have something to show.
        crate::demo::ledger::load(&mut ctx.store, today)?;
        ctx.reload_index()?;
        Ok(added)
    });
    match loaded {
        Ok(added) => Outcome::info(format!(
            "{}{}{}",
            ctx.t(Msg::DemoLoaded),
            crate::tui::i18n::colon(ctx.lang),
            i18n::count(added, Msg::Customers, ctx.lang)
        )),
        Err(e) => Outcome::error(e.message().text(ctx.lang)),
    }
}

/// `i`: the import wizard, starting at the choice of file.
pub(super) fn open_import_wizard(ctx: &mut Ctx) -> Outcome {
    Outcome::Push(Box::new(ImportWizard::new(ctx)))
}

/// `I`: past imports, with undo.
pub(super) fn open_import_history(ctx: &mut Ctx) -> Outcome {
    match ImportHistory::open(ctx) {
        Ok(history) => Outcome::Push(Box::new(history)),
        Err(e) => Outcome::error(e.message().text(ctx.lang)),
    }
}

/// `activity=KEY` picked: the customers with that activity today (computed
/// from the ledger, so not in the list's class text).
pub(super) fn activity_filter(
    value: &str,
    ctx: &Ctx,
) -> Option<Result<std::sync::Arc<std::collections::HashSet<i64>>, Status>> {
    let key = value
        .strip_prefix(crate::domain::activity::CODE)?
        .strip_prefix('=')?;
    let wanted = crate::domain::activity::Activity::parse(key)?;
    match ctx.store.activity_of_customers(ctx.today) {
        Ok(all) => Some(Ok(std::sync::Arc::new(
            all.into_iter()
                .filter(|(_, a)| *a == wanted)
                .map(|(id, _)| id)
                .collect(),
        ))),
        Err(e) => Some(Err(Status::error(crate::tui::actions::refusal_text(
            &e, ctx,
        )))),
    }
}
