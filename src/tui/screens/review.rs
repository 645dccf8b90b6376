//! The review queue (`R` from the list): new customers and credit-limit
//! raises awaiting a supervisor, oldest first (`Store::review_queue`). `a`
//! approves the selected one, `x` asks a reason and rejects it. The store
//! checks the permission: a bookkeeper's attempt shows its coded refusal.

use crossterm::event::KeyEvent;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use crate::store::ReviewItem;
use crate::tui::actions::refusal_text;
use crate::tui::app::Ctx;
use crate::tui::component::{Component, Outcome, Reply, Status, ask};
use crate::tui::i18n::{Msg, colon};
use crate::tui::keymap::{Action, Scope};
use crate::tui::widgets::prompt::Prompt;
use crate::tui::widgets::{table, truncate};

/// Lines above the rows (title, blank).
const ABOVE: u16 = 2;

pub struct ReviewScreen {
    items: Vec<ReviewItem>,
    selected: usize,
    offset: usize,
    /// Rejecting this customer's item, once a reason is given.
    rejecting: Option<String>,
}

impl ReviewScreen {
    /// The screen, pushed, with what went wrong reading the queue.
    pub fn open(ctx: &mut Ctx) -> Outcome {
        let mut screen = ReviewScreen {
            items: Vec::new(),
            selected: 0,
            offset: 0,
            rejecting: None,
        };
        let failed = screen.reload(ctx);
        Outcome::Push(Box::new(screen)).saying(failed)
    }

    /// What went wrong, for the status line.
    fn reload(&mut self, ctx: &Ctx) -> Option<Status> {
        let failed = match ctx.store.review_queue() {
            Ok(items) => {
                self.items = items;
                None
            }
            Err(e) => Some(Status::error(refusal_text(&e, ctx))),
        };
        self.selected = self.selected.min(self.items.len().saturating_sub(1));
        failed
    }

    /// One row: code, name, what awaits, who asked and when.
    fn row(item: &ReviewItem, ctx: &Ctx) -> String {
        let what = if item.kind == "credit_limit" {
            let shown = |v: &Option<String>| {
                v.clone()
                    .unwrap_or_else(|| ctx.t(Msg::ReviewNotControlled).to_string())
            };
            format!(
                "{}{}{} → {}",
                ctx.t(Msg::ReviewCreditLimit),
                colon(ctx.lang),
                shown(&item.old),
                shown(&item.new)
            )
        } else {
            ctx.t(Msg::ReviewNewCustomer).to_string()
        };
        let by = item.requested_by.as_deref().unwrap_or("-");
        format!(
            " {}  {}  {what}  {} {by}  {}",
            item.code,
            item.name,
            ctx.t(Msg::ReviewRequestedBy),
            item.requested_at.get(..16).unwrap_or(&item.requested_at)
        )
    }

    /// After a decision: the queue and the list again, and what to say
    /// (what was decided, unless re-reading failed).
    fn decided(&mut self, done: Msg, code: &str, ctx: &mut Ctx) -> Status {
        let said = match ctx.reload_index() {
            Err(e) => Status::error(refusal_text(&e, ctx)),
            Ok(()) => Status::info(format!("{}{}{code}", ctx.t(done), colon(ctx.lang))),
        };
        self.reload(ctx).unwrap_or(said)
    }
}

impl Component for ReviewScreen {
    fn scope(&self, _ctx: &Ctx) -> Scope {
        Scope::Review
    }

    fn handle_key(
        &mut self,
        _key: &KeyEvent,
        action: Option<Action>,
        page: u16,
        ctx: &mut Ctx,
    ) -> Outcome {
        let code = self.items.get(self.selected).map(|i| i.code.clone());
        match (action, code) {
            (Some(Action::Back), _) => return Outcome::Pop,
            (Some(Action::Approve), Some(code)) => {
                return match ctx.store.approve_review(&code) {
                    Ok(_) => self.decided(Msg::ReviewApproved, &code, ctx).into(),
                    Err(e) => Outcome::error(refusal_text(&e, ctx)),
                };
            }
            (Some(Action::Reject), Some(code)) => {
                let body = self
                    .items
                    .get(self.selected)
                    .map(|i| format!("{} {}", i.code, i.name))
                    .unwrap_or_default();
                self.rejecting = Some(code);
                return ask(Prompt::new(
                    Msg::RejectTitle,
                    body,
                    &[(Msg::RejectReason, String::new())],
                ));
            }
            (Some(other), _) => {
                let rows = page.saturating_sub(ABOVE) as usize;
                self.selected = table::moved(self.selected, other, rows, self.items.len());
                self.offset = table::in_view(self.selected, self.offset, rows);
            }
            (None, _) => {}
        }
        Outcome::Stay
    }

    /// The reason for a rejection: an empty one is refused by the store
    /// (coded) and the prompt stays open.
    fn answer(&mut self, reply: Reply, ctx: &mut Ctx) -> Outcome {
        let Reply::Submit(values) = reply else {
            self.rejecting = None;
            return Outcome::Stay;
        };
        let Some(code) = self.rejecting.clone() else {
            return Outcome::Stay;
        };
        let reason = values.first().map_or("", String::as_str);
        match ctx.store.reject_review(&code, reason) {
            Ok(_) => {
                self.rejecting = None;
                self.decided(Msg::ReviewRejected, &code, ctx).into()
            }
            Err(e) => {
                let said = Status::error(refusal_text(&e, ctx));
                if e.message().code == "review.reason_required" {
                    Outcome::Keep.saying(said)
                } else {
                    self.rejecting = None;
                    said.into()
                }
            }
        }
    }

    fn render(&self, frame: &mut Frame, area: Rect, ctx: &Ctx) {
        let theme = &ctx.theme;
        let width = area.width as usize;
        let title = format!(" {} ({})", ctx.t(Msg::ReviewTitle), self.items.len());
        let mut lines = vec![
            Line::styled(truncate(&title, width).into_owned(), theme.title),
            Line::raw(""),
        ];
        if self.items.is_empty() {
            lines.push(Line::raw(format!(" {}", ctx.t(Msg::ReviewEmpty))));
        }
        let rows = area.height.saturating_sub(ABOVE) as usize;
        let offset = table::in_view(self.selected, self.offset, rows);
        for (i, item) in self.items.iter().enumerate().skip(offset).take(rows) {
            let style = if i == self.selected {
                theme.selected
            } else {
                theme.popup
            };
            let text = ReviewScreen::row(item, ctx);
            lines.push(Line::styled(truncate(&text, width).into_owned(), style));
        }
        frame.render_widget(Paragraph::new(lines), area);
    }
}
