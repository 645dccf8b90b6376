//! Merging a duplicate (`M` on the list or the details): a picker chooses
//! the duplicate to merge into the current customer, then both are shown
//! side by side, field by field; Space (or ←/→) chooses per field which
//! value the kept customer ends with, Enter asks a reason and merges
//! (`Store::merge_customers`). Clashing documents are shown as the store
//! lists them and the merge is refused until one is renamed.

use crossterm::event::KeyEvent;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use crate::domain::customer::Customer;
use crate::domain::field::Field;
use crate::store::StoreError;
use crate::tui::actions::refusal_text;
use crate::tui::app::Ctx;
use crate::tui::component::{Component, Outcome, Reply, Status, ask};
use crate::tui::i18n::{Msg, colon};
use crate::tui::index::Text;
use crate::tui::keymap::{Action, Scope};
use crate::tui::screens::detail::display_value;
use crate::tui::widgets::picker::{Item, Picker};
use crate::tui::widgets::prompt::Prompt;
use crate::tui::widgets::{fit, table, truncate, wrap};

/// Lines above the rows (title, blank, column heads).
const ABOVE: u16 = 3;

/// The picker of the duplicate to merge into `keep`: every other customer.
pub fn pick_duplicate(ctx: &Ctx, keep: &str) -> Outcome {
    let index = &ctx.customers.index;
    let items = (0..index.len() as u32)
        .filter(|&row| index.text(row, Text::Code) != keep)
        .map(|row| {
            let code = index.text(row, Text::Code);
            Item::new(code, format!("{code} {}", index.text(row, Text::Name)))
        })
        .collect();
    ask(Picker::new(
        format!("{}{}{keep}", ctx.t(Msg::MergePick), colon(ctx.lang)),
        items,
        None,
    ))
}

/// The picker's answer: the merge screen for `keep` and the chosen one.
pub fn open(ctx: &mut Ctx, keep: &str, reply: Reply) -> Outcome {
    let Reply::Chose(drop) = reply else {
        return Outcome::Stay;
    };
    let found = |code: &str| -> Result<Customer, StoreError> {
        ctx.store
            .customer(code)?
            .ok_or_else(|| StoreError::NotFound(code.to_string()))
    };
    match found(keep).and_then(|k| Ok((k, found(&drop)?))) {
        Ok((keep, drop)) => Outcome::Push(Box::new(MergeScreen::new(ctx, keep, drop))),
        Err(e) => Outcome::error(refusal_text(&e, ctx)),
    }
}

/// One field of both customers.
struct Row {
    /// The field key or classification dimension, as the store takes it.
    key: String,
    label: String,
    keep: String,
    drop: String,
    /// The kept customer takes the dropped one's value.
    take: bool,
}

pub struct MergeScreen {
    keep: Customer,
    drop: Customer,
    rows: Vec<Row>,
    selected: usize,
    offset: usize,
    /// The store's last refusal (clashing documents), drawn under the rows.
    refused: Option<String>,
}

impl MergeScreen {
    fn new(ctx: &Ctx, keep: Customer, drop: Customer) -> MergeScreen {
        // Choices as the form shows them (企业, 专票), not their stored keys.
        let shown = |f: &Field, c: &Customer| match f {
            Field::Kind | Field::InvoiceType | Field::Settlement => {
                display_value(*f, &c.data, ctx.lang)
            }
            _ => f.text_of(&c.data),
        };
        let mut rows: Vec<Row> = Field::ALL
            .iter()
            .filter(|f| !matches!(f, Field::Code | Field::Status | Field::Mnemonic))
            .map(|f| Row {
                key: f.key().to_string(),
                label: f.label(ctx.lang).to_string(),
                keep: shown(f, &keep),
                drop: shown(f, &drop),
                take: false,
            })
            .collect();
        for d in &ctx.catalog.dimensions {
            let value = |c: &Customer| c.data.classification.get(&d.code).cloned();
            let (k, x) = (value(&keep), value(&drop));
            if k.is_some() || x.is_some() {
                rows.push(Row {
                    key: d.code.clone(),
                    label: d.label(ctx.lang).to_string(),
                    keep: k.unwrap_or_default(),
                    drop: x.unwrap_or_default(),
                    take: false,
                });
            }
        }
        // Only fields with something to show; an empty value kept while the
        // duplicate has one starts as "take it".
        rows.retain(|r| !(r.keep.is_empty() && r.drop.is_empty()));
        for r in &mut rows {
            r.take = r.keep.is_empty() && !r.drop.is_empty();
        }
        MergeScreen {
            keep,
            drop,
            rows,
            selected: 0,
            offset: 0,
            refused: None,
        }
    }

    fn merge(&mut self, reason: &str, ctx: &mut Ctx) -> Outcome {
        let take: Vec<String> = self
            .rows
            .iter()
            .filter(|r| r.take && r.keep != r.drop)
            .map(|r| r.key.clone())
            .collect();
        let reason = Some(reason.trim()).filter(|r| !r.is_empty());
        let (keep, drop) = (self.keep.data.code.clone(), self.drop.data.code.clone());
        match ctx.store.merge_customers(&keep, &drop, &take, reason) {
            Ok(merged) => {
                let said = match ctx.reload_index() {
                    Err(e) => Status::error(refusal_text(&e, ctx)),
                    Ok(()) => Status::info(format!(
                        "{}{}{drop} → {keep} (#{})",
                        ctx.t(Msg::Merged),
                        colon(ctx.lang),
                        merged.id
                    )),
                };
                Outcome::Saved(merged.kept.id, Box::new(Outcome::Pop)).saying(said)
            }
            Err(e) => {
                let text = refusal_text(&e, ctx);
                self.refused = Some(text.clone());
                Outcome::error(text)
            }
        }
    }
}

impl Component for MergeScreen {
    fn scope(&self, _ctx: &Ctx) -> Scope {
        Scope::Merge
    }

    fn handle_key(
        &mut self,
        _key: &KeyEvent,
        action: Option<Action>,
        page: u16,
        _ctx: &mut Ctx,
    ) -> Outcome {
        match action {
            Some(Action::Back) => return Outcome::Pop,
            Some(Action::ToggleTake) => {
                if let Some(r) = self.rows.get_mut(self.selected) {
                    r.take = !r.take;
                }
            }
            Some(Action::Confirm) => {
                let body = format!("{} → {}", self.drop.data.code, self.keep.data.code);
                return ask(Prompt::new(
                    Msg::MergeTitle,
                    body,
                    &[(Msg::MergeReason, String::new())],
                ));
            }
            Some(other) => {
                let rows = page.saturating_sub(ABOVE + 3) as usize;
                self.selected = table::moved(self.selected, other, rows, self.rows.len());
                self.offset = table::in_view(self.selected, self.offset, rows);
            }
            None => {}
        }
        Outcome::Stay
    }

    fn answer(&mut self, reply: Reply, ctx: &mut Ctx) -> Outcome {
        match reply {
            Reply::Submit(values) => self.merge(values.first().map_or("", String::as_str), ctx),
            _ => Outcome::Stay,
        }
    }

    fn render(&self, frame: &mut Frame, area: Rect, ctx: &Ctx) {
        let theme = &ctx.theme;
        let width = area.width as usize;
        let label_width = self
            .rows
            .iter()
            .map(|r| r.label.width())
            .max()
            .unwrap_or(0)
            .min(16)
            + 1;
        let side = width.saturating_sub(label_width + 6) / 2;
        let title = format!(
            " {}{}{} {} ← {} {}",
            ctx.t(Msg::MergeTitle),
            colon(ctx.lang),
            self.keep.data.code,
            self.keep.data.name,
            self.drop.data.code,
            self.drop.data.name
        );
        let head = format!(
            "   {}{}  {}",
            fit("", label_width),
            fit(
                &format!("{} {}", ctx.t(Msg::MergeKeep), self.keep.data.code),
                side
            ),
            fit(
                &format!("{} {}", ctx.t(Msg::MergeDrop), self.drop.data.code),
                side
            ),
        );
        let mut lines = vec![
            Line::styled(truncate(&title, width).into_owned(), theme.title),
            Line::raw(""),
            Line::styled(truncate(&head, width).into_owned(), theme.dim),
        ];
        let refusal = self
            .refused
            .as_deref()
            .map(|t| wrap(t, width.saturating_sub(1)))
            .unwrap_or_default();
        let rows = area.height.saturating_sub(ABOVE + 1 + refusal.len() as u16) as usize;
        let offset = table::in_view(self.selected, self.offset, rows);
        for (i, r) in self.rows.iter().enumerate().skip(offset).take(rows) {
            let (keep_mark, drop_mark) = if r.take { (" ", "✓") } else { ("✓", " ") };
            let chosen = if r.take { theme.dim } else { theme.popup };
            let other = if r.take { theme.popup } else { theme.dim };
            let marker = if i == self.selected { ">" } else { " " };
            let label_style = if i == self.selected {
                theme.selected
            } else {
                theme.popup
            };
            lines.push(Line::from(vec![
                Span::styled(
                    format!("{marker} {}", fit(&r.label, label_width)),
                    label_style,
                ),
                Span::styled(format!("{keep_mark}{}", fit(&r.keep, side)), chosen),
                Span::raw(" "),
                Span::styled(format!("{drop_mark}{}", fit(&r.drop, side)), other),
            ]));
        }
        lines.push(Line::raw(""));
        for l in refusal {
            lines.push(Line::styled(format!(" {l}"), theme.error));
        }
        frame.render_widget(Paragraph::new(lines), area);
    }
}
