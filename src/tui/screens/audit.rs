//! The audit you can read (`A` from the list): what `kehu audit` shows,
//! every trail newest last, filtered by customer, operator, action and
//! dates (`f`). Enter on a customer's deletion shows its snapshot, which
//! `r` restores as a new customer (`Store::restore_deleted`).

mod snapshot;

use chrono::NaiveDate;
use crossterm::event::KeyEvent;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use self::snapshot::Snapshot;
use crate::domain::date::{iso, parse_date};
use crate::domain::field::FieldValues;
use crate::store::{AuditFilter, AuditRecord};
use crate::tui::actions::refusal_text;
use crate::tui::app::Ctx;
use crate::tui::component::{Component, Outcome, Reply, Status, ask};
use crate::tui::i18n::{Msg, colon};
use crate::tui::keymap::{Action, Scope};
use crate::tui::widgets::prompt::Prompt;
use crate::tui::widgets::{table, truncate};

/// Lines above the rows (title with the filter, blank).
const ABOVE: u16 = 2;
/// The newest this many rows are read.
const LIMIT: usize = 1_000;

/// Which popup is open.
enum Asked {
    Filter,
    Restore(i64),
}

pub struct AuditScreen {
    filter: AuditFilter,
    records: Vec<AuditRecord>,
    selected: usize,
    offset: usize,
    asked: Option<Asked>,
}

impl AuditScreen {
    /// The screen, pushed, with what went wrong reading the trail.
    pub fn open(ctx: &mut Ctx) -> Outcome {
        let mut screen = AuditScreen {
            filter: AuditFilter {
                limit: Some(LIMIT),
                ..AuditFilter::default()
            },
            records: Vec::new(),
            selected: 0,
            offset: 0,
            asked: None,
        };
        let failed = screen.reload(ctx);
        // Newest at the bottom, where the view starts.
        screen.selected = screen.records.len().saturating_sub(1);
        Outcome::Push(Box::new(screen)).saying(failed)
    }

    /// What went wrong, for the status line.
    fn reload(&mut self, ctx: &Ctx) -> Option<Status> {
        let failed = match ctx.store.audit_log(&self.filter) {
            Ok(records) => {
                self.records = records;
                None
            }
            Err(e) => Some(Status::error(refusal_text(&e, ctx))),
        };
        self.selected = self.selected.min(self.records.len().saturating_sub(1));
        failed
    }

    fn filter_prompt(&self, ctx: &Ctx) -> Prompt {
        let f = &self.filter;
        let date = |d: Option<NaiveDate>| d.map(iso).unwrap_or_default();
        Prompt::new(
            Msg::AuditFilterTitle,
            ctx.t(Msg::AuditFilterHint),
            &[
                (Msg::AuditCustomer, f.customer.clone().unwrap_or_default()),
                (Msg::AuditOperator, f.operator.clone().unwrap_or_default()),
                (Msg::AuditAction, f.actions.join(" ")),
                (Msg::AuditFrom, date(f.from)),
                (Msg::AuditTo, date(f.to)),
            ],
        )
    }

    /// The filter typed: dates checked (a bad one keeps the prompt open).
    fn set_filter(&mut self, values: &[String], ctx: &mut Ctx) -> Outcome {
        let text = |i: usize| {
            let v = values.get(i).map_or("", |v| v.trim());
            (!v.is_empty()).then(|| v.to_string())
        };
        let mut dates = [None, None];
        for (slot, i) in dates.iter_mut().zip([3, 4]) {
            if let Some(t) = text(i) {
                match parse_date(&t) {
                    Ok(d) => *slot = Some(d),
                    Err(_) => {
                        let bad = format!("{}{}{t}", ctx.t(Msg::AuditBadDate), colon(ctx.lang));
                        return Outcome::Keep.saying(Status::error(bad));
                    }
                }
            }
        }
        self.filter = AuditFilter {
            customer: text(0),
            operator: text(1),
            actions: text(2)
                .map(|a| {
                    a.split([' ', ','])
                        .filter(|s| !s.is_empty())
                        .map(str::to_string)
                        .collect()
                })
                .unwrap_or_default(),
            from: dates[0],
            to: dates[1],
            limit: Some(LIMIT),
        };
        let failed = self.reload(ctx);
        self.selected = self.records.len().saturating_sub(1);
        Outcome::Stay.saying(failed)
    }

    /// Enter: a deletion's snapshot, else nothing more than the status line.
    fn view(&mut self, ctx: &mut Ctx) -> Outcome {
        let Some(r) = self.records.get(self.selected) else {
            return Outcome::Stay;
        };
        let values: Option<FieldValues> = (r.source == "customer" && r.action == "delete")
            .then(|| r.old.as_deref().and_then(|o| serde_json::from_str(o).ok()))
            .flatten();
        let Some(values) = values else {
            return Outcome::info(ctx.t(Msg::AuditNoSnapshot));
        };
        let about = format!(
            "{} · {} · {}",
            r.customer.as_deref().unwrap_or("-"),
            r.at.get(..16).unwrap_or(&r.at),
            r.operator
        );
        self.asked = Some(Asked::Restore(r.id));
        ask(Snapshot::new(about, &values))
    }

    fn row(r: &AuditRecord) -> String {
        let change = match (&r.old, &r.new) {
            (Some(old), Some(new)) => format!("{old} → {new}"),
            (Some(old), None) => old.clone(),
            (None, Some(new)) => new.clone(),
            (None, None) => String::new(),
        };
        format!(
            " {}  {:<9} {:<14} {:<8} {}  {change}",
            r.at.get(..16).unwrap_or(&r.at),
            r.source,
            r.action,
            r.customer.as_deref().unwrap_or("-"),
            r.subject
        )
    }
}

impl Component for AuditScreen {
    fn scope(&self, _ctx: &Ctx) -> Scope {
        Scope::Audit
    }

    fn handle_key(
        &mut self,
        _key: &KeyEvent,
        action: Option<Action>,
        page: u16,
        ctx: &mut Ctx,
    ) -> Outcome {
        match action {
            Some(Action::Back) => return Outcome::Pop,
            Some(Action::AuditFilter) => {
                self.asked = Some(Asked::Filter);
                return ask(self.filter_prompt(ctx));
            }
            Some(Action::View) => return self.view(ctx),
            Some(other) => {
                let rows = page.saturating_sub(ABOVE + 1) as usize;
                self.selected = table::moved(self.selected, other, rows, self.records.len());
                self.offset = table::in_view(self.selected, self.offset, rows);
            }
            None => {}
        }
        Outcome::Stay
    }

    fn answer(&mut self, reply: Reply, ctx: &mut Ctx) -> Outcome {
        match (self.asked.take(), reply) {
            (Some(Asked::Filter), Reply::Submit(values)) => {
                let outcome = self.set_filter(&values, ctx);
                if matches!(outcome.carried(), Outcome::Keep) {
                    self.asked = Some(Asked::Filter);
                }
                outcome
            }
            (Some(Asked::Restore(id)), Reply::Yes) => match ctx.store.restore_deleted(id) {
                Ok(saved) => {
                    let code = saved.customer.data.code.clone();
                    let said = match ctx.reload_index() {
                        Err(e) => Status::error(refusal_text(&e, ctx)),
                        Ok(()) => Status::info(format!(
                            "{}{}{code}",
                            ctx.t(Msg::AuditRestored),
                            colon(ctx.lang)
                        )),
                    };
                    // A failed re-read is said last, replacing the above.
                    let said = self.reload(ctx).unwrap_or(said);
                    Outcome::Saved(saved.customer.id, Box::new(Outcome::Stay)).saying(said)
                }
                Err(e) => Outcome::error(refusal_text(&e, ctx)),
            },
            _ => Outcome::Stay,
        }
    }

    fn status_line(&self, width: usize, ctx: &Ctx) -> Line<'static> {
        let text = self
            .records
            .get(self.selected)
            .map(|r| format!("{} {} · {}", ctx.t(Msg::AuditBy), r.operator, r.at))
            .unwrap_or_default();
        Line::styled(truncate(&text, width).into_owned(), ctx.theme.dim)
    }

    fn render(&self, frame: &mut Frame, area: Rect, ctx: &Ctx) {
        let theme = &ctx.theme;
        let width = area.width as usize;
        let f = &self.filter;
        let mut shown: Vec<String> = Vec::new();
        shown.extend(f.customer.clone());
        shown.extend(f.operator.clone());
        shown.extend(f.actions.iter().cloned());
        shown.extend(f.from.map(|d| format!("≥ {}", iso(d))));
        shown.extend(f.to.map(|d| format!("≤ {}", iso(d))));
        let filter = if shown.is_empty() {
            String::new()
        } else {
            format!(
                "  {}{}{}",
                ctx.t(Msg::Filter),
                colon(ctx.lang),
                shown.join(" · ")
            )
        };
        let title = format!(
            " {} ({}){filter}",
            ctx.t(Msg::AuditTitle),
            self.records.len()
        );
        let mut lines = vec![
            Line::styled(truncate(&title, width).into_owned(), theme.title),
            Line::raw(""),
        ];
        if self.records.is_empty() {
            lines.push(Line::raw(format!(" {}", ctx.t(Msg::AuditEmpty))));
        }
        let rows = area.height.saturating_sub(ABOVE) as usize;
        let offset = table::in_view(self.selected, self.offset, rows);
        for (i, r) in self.records.iter().enumerate().skip(offset).take(rows) {
            let style = if i == self.selected {
                theme.selected
            } else {
                theme.popup
            };
            let text = AuditScreen::row(r);
            lines.push(Line::styled(truncate(&text, width).into_owned(), style));
        }
        frame.render_widget(Paragraph::new(lines), area);
    }
}
