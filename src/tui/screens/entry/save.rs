//! Saving an entry: field problems block it, a customer on hold or archived
//! is refused outright, and an invoice over the credit limit opens a dialog
//! with the figures (limit, balance, this invoice, excess) that issues it
//! only with a reason, which the store records.

use crossterm::event::KeyEvent;
use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};
use unicode_width::UnicodeWidthStr;

use super::{Asking, EntryScreen, TEXT_FIELDS};
use crate::domain::Lang;
use crate::domain::ledger::credit::limit_label;
use crate::domain::ledger::credit::{CreditDecision, OverLimit};
use crate::store::{AddOptions, StoreError};
use crate::tui::app::Ctx;
use crate::tui::component::{Component, Outcome, Reply, Status, ask};
use crate::tui::i18n::Msg;
use crate::tui::keymap::{self, Action, Scope};
use crate::tui::theme::Theme;
use crate::tui::widgets::input::LineInput;
use crate::tui::widgets::{centered, fit, truncate, wrap};

/// The credit-limit refusal, with the override reason being typed.
pub struct Refusal {
    pub figures: OverLimit,
    /// "C000001 深圳市华强电子有限公司"
    pub customer: String,
    pub reason: LineInput,
    /// Enter was pressed with no reason: said in the dialog, where the eye
    /// is, as well as on the status line.
    pub missing: bool,
}

impl EntryScreen {
    /// "C000001 深圳市华强电子有限公司", as the core names customers in messages.
    pub(super) fn customer_label(&self) -> String {
        format!("{} {}", self.customer.data.code, self.customer.data.name)
    }

    /// Ctrl-S. A failed check is said first; what the save says replaces it.
    pub(super) fn save(&mut self, ctx: &mut Ctx) -> Outcome {
        let failed = self.validate(ctx);
        self.save_checked(ctx).saying(failed)
    }

    fn save_checked(&mut self, ctx: &mut Ctx) -> Outcome {
        let Some(check) = &self.check else {
            return Outcome::Stay;
        };
        if check.problems.has_errors() {
            let first = check.problems.errors().next().map(|p| p.field.clone());
            if let Some(field) = first {
                self.focus_key(&field);
            }
            return Outcome::error(ctx.t(Msg::FixBeforeSave));
        }
        match check.credit {
            CreditDecision::Allowed => self.write(None, ctx),
            CreditDecision::OverLimit(figures) => {
                self.asking = Some(Asking::Override);
                ask(Refusal {
                    figures,
                    customer: self.customer_label(),
                    reason: LineInput::default(),
                    missing: false,
                })
            }
            refused => match refused.problem(&self.customer_label()) {
                Some(p) => Outcome::error(p.message(ctx.lang)),
                None => Outcome::Stay,
            },
        }
    }

    /// The field named `key` (`type`, `date`, `doc_no`, `amount`, …) focused;
    /// false when there is none.
    pub(super) fn focus_key(&mut self, key: &str) -> bool {
        if key == "type" {
            self.focus = 0;
        } else if let Some(i) = TEXT_FIELDS.iter().position(|f| f.key() == key) {
            self.focus = i + 1;
        } else {
            return false;
        }
        true
    }

    /// The over-limit dialog answered with a reason (it refuses an empty one itself).
    pub(super) fn answer_refusal(&mut self, reply: Reply, ctx: &mut Ctx) -> Outcome {
        let Reply::Submit(values) = reply else {
            return Outcome::Stay;
        };
        let reason = values.concat().trim().to_string();
        if reason.is_empty() {
            return Outcome::Keep.saying(Status::error(ctx.t(Msg::ReasonRequired)));
        }
        self.write(Some(reason), ctx)
    }

    /// Adds the entry; back to where the form was opened from on success.
    fn write(&mut self, override_reason: Option<String>, ctx: &mut Ctx) -> Outcome {
        let options = AddOptions {
            override_reason,
            ..AddOptions::default()
        };
        let code = self.customer.data.code.clone();
        match ctx.store.add_entry(&code, &self.input(), &options) {
            Ok(added) => {
                // What was recorded is said, which replaced a failed refresh.
                let _ = ctx.refresh_customer(self.customer.id);
                let e = &added.entry.data;
                let mut text = format!(
                    "{}{}{} {} {} · {} {}",
                    ctx.t(Msg::Recorded),
                    crate::tui::i18n::colon(ctx.lang),
                    e.kind.label(ctx.lang),
                    e.doc_no,
                    e.amount.grouped(),
                    ctx.t(Msg::ColBalance),
                    added.standing.balance.grouped()
                );
                if !added.allocations.is_empty() {
                    let docs: Vec<String> = added
                        .allocations
                        .iter()
                        .map(|a| {
                            let doc = if a.credit_id == added.entry.id {
                                &a.debit_doc
                            } else {
                                &a.credit_doc
                            };
                            format!("{doc} {}", a.amount.grouped())
                        })
                        .collect();
                    text.push_str(&format!(
                        " · {} {}",
                        ctx.t(Msg::AllocatedTo),
                        docs.join(", ")
                    ));
                }
                Outcome::Pop.saying(Status::info(text))
            }
            // The over-limit dialog, if open, closes: the fields need fixing.
            Err(StoreError::Invalid(problems)) => {
                let first = problems
                    .errors()
                    .next()
                    .map(|p| p.message(ctx.lang).to_string());
                Outcome::error(first.unwrap_or_else(|| ctx.t(Msg::FixBeforeSave).to_string()))
            }
            // The over-limit dialog, if open, stays with its reason.
            Err(e) => Outcome::Keep.saying(Status::error(e.message().text(ctx.lang))),
        }
    }
}

/// Typing is the reason; Enter issues the invoice with it, Esc goes back.
impl Component for Refusal {
    fn scope(&self, _ctx: &Ctx) -> Scope {
        Scope::Override
    }

    fn handle_key(
        &mut self,
        key: &KeyEvent,
        action: Option<Action>,
        _: u16,
        _: &mut Ctx,
    ) -> Outcome {
        match action {
            Some(Action::Cancel) => return Outcome::Answer(Reply::Cancelled),
            Some(Action::Confirm) => {
                let reason = self.reason.value().trim().to_string();
                // Said in the dialog, where the eye is, as well as on the status line.
                self.missing = reason.is_empty();
                return Outcome::Answer(Reply::Submit(vec![reason]));
            }
            _ => {
                if self.reason.edit(key) {
                    self.missing = false;
                }
            }
        }
        Outcome::Stay
    }

    fn render(&self, frame: &mut Frame, area: Rect, ctx: &Ctx) {
        self.draw(frame, area, &ctx.theme, ctx.lang)
    }
}

impl Refusal {
    fn draw(&self, frame: &mut Frame, area: Rect, theme: &Theme, lang: Lang) {
        let customer = self.customer.as_str();
        // 60 columns, or what there is; the height follows the wrapped hint.
        let width = usize::from(area.width.min(60).saturating_sub(2));
        let height = 12 + wrap(Msg::OverrideHint.get(lang), width).len() as u16;
        let area = centered(area, 60, height);
        crate::tui::widgets::clear(frame, area);
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(theme.border)
            .title(Span::styled(
                format!(" {} ", Msg::OverLimitTitle.get(lang)),
                theme.title,
            ));
        let inner = block.inner(area);
        frame.render_widget(block, area);
        let f = &self.figures;
        // A limit of 0 says "cash only" (现款): the reason for the refusal.
        let figures = [
            (Msg::ColCredit, limit_label(Some(f.limit), lang)),
            (Msg::ColBalance, f.balance.grouped()),
            (Msg::ThisInvoice, f.invoice.grouped()),
            (Msg::Excess, f.excess.grouped()),
        ];
        // Labels padded by display width, amounts right-aligned in one column.
        let label_width = figures
            .iter()
            .map(|(m, _)| m.get(lang).width())
            .max()
            .unwrap_or(0)
            + 2;
        let mut lines = vec![
            Line::styled(truncate(customer, width).into_owned(), theme.focused),
            Line::raw(""),
        ];
        for (msg, amount) in figures {
            let style = if msg == Msg::Excess {
                theme.error
            } else {
                theme.popup
            };
            lines.push(Line::styled(
                format!(
                    "  {}{}{amount}",
                    fit(msg.get(lang), label_width),
                    " ".repeat(14usize.saturating_sub(amount.width()))
                ),
                style,
            ));
        }
        lines.push(Line::raw(""));
        lines.extend(
            wrap(Msg::OverrideHint.get(lang), width)
                .into_iter()
                .map(Line::raw),
        );
        let label = format!("{} > ", Msg::Reason.get(lang));
        let reason_row = lines.len();
        lines.push(Line::from(vec![
            Span::styled(label.clone(), theme.focused),
            Span::raw(self.reason.value().to_string()),
        ]));
        lines.push(if self.missing {
            Line::styled(Msg::ReasonRequired.get(lang), theme.error)
        } else {
            Line::raw("")
        });
        let hints = keymap::hints(Scope::Override, lang)
            .into_iter()
            .map(|(k, l)| format!("{k} {l}"))
            .collect::<Vec<_>>()
            .join("   ");
        lines.push(Line::styled(hints, theme.dim));
        frame.render_widget(Paragraph::new(lines), inner);
        let x = label.width() + self.reason.before_cursor().width();
        frame.set_cursor_position(Position {
            x: inner.x + (x as u16).min(inner.width.saturating_sub(1)),
            y: inner.y + reason_row as u16,
        });
    }
}
