//! One customer: every field by group, the classification and the audit
//! history, with the status changes at hand.

use crossterm::event::KeyEvent;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use super::Outcome;
use super::form::FormScreen;
use super::ledger::LedgerScreen;
use super::ledger::figures::AccountFigures;
use crate::domain::Lang;
use crate::domain::customer::{Customer, CustomerData, Status as CustomerStatus};
use crate::domain::field::Field;
use crate::domain::ledger::credit::limit_label;
use crate::store::{AuditEntry, StoreError};
use crate::tui::actions::{archive_body, delete, delete_body, set_status};
use crate::tui::app::Ctx;
use crate::tui::component::{Component, Reply, Status, ask};
use crate::tui::i18n::Msg;
use crate::tui::keymap::{Action, Scope};
use crate::tui::widgets::confirm::Confirm;
use crate::tui::widgets::{fit, truncate};

enum Asking {
    Archive,
    Delete,
    MergeInto,
}

pub struct DetailScreen {
    customer: Customer,
    history: Vec<AuditEntry>,
    figures: AccountFigures,
    scroll: u16,
    /// What the open confirm question is about.
    asking: Option<Asking>,
    /// Set once the customer was deleted: the screen only offers Back.
    gone: bool,
}

impl DetailScreen {
    /// The customer shown, unless it was deleted here.
    fn code(&self) -> Option<&str> {
        (!self.gone).then_some(self.customer.data.code.as_str())
    }

    pub fn open(ctx: &Ctx, code: &str) -> Result<DetailScreen, StoreError> {
        let customer = ctx
            .store
            .customer(code)?
            .ok_or_else(|| StoreError::NotFound(code.to_string()))?;
        let history = ctx.store.audit_history(customer.id)?;
        let (figures, _) = AccountFigures::load(&ctx.store, customer.id, ctx.today)?;
        Ok(DetailScreen {
            customer,
            history,
            figures,
            scroll: 0,
            asking: None,
            gone: false,
        })
    }

    /// Re-reads the customer (after an edit on a screen above, or a status change).
    /// What went wrong, for the status line.
    fn reload(&mut self, ctx: &Ctx) -> Option<Status> {
        match DetailScreen::open(ctx, &self.customer.data.code) {
            Ok(fresh) => {
                self.customer = fresh.customer;
                self.history = fresh.history;
                self.figures = fresh.figures;
            }
            Err(StoreError::NotFound(_)) => self.gone = true,
            Err(e) => return Some(Status::error(e.message().text(ctx.lang))),
        }
        None
    }

    /// Fields by group (left column), then classification, times and
    /// history (right column on wide screens, below on narrow ones).
    fn lines(&self, ctx: &Ctx, width: usize) -> (Vec<Line<'static>>, Vec<Line<'static>>) {
        let (lang, theme) = (ctx.lang, &ctx.theme);
        let data = &self.customer.data;
        let label_width = Field::ALL
            .iter()
            .map(|f| f.label(lang).width())
            .chain(ctx.catalog.dimensions.iter().map(|d| d.label(lang).width()))
            .max()
            .unwrap_or(10)
            + 2;
        let value_width = width.saturating_sub(label_width + 2);
        let pair = |label: &str, value: String| {
            Line::from(vec![
                Span::styled(format!("  {}", fit(label, label_width)), theme.dim),
                Span::raw(truncate(&value, value_width).into_owned()),
            ])
        };
        let mut fields = vec![Line::styled(
            truncate(&format!("{}  {}", data.code, data.name), width).into_owned(),
            theme.title,
        )];
        let mut group = None;
        for field in Field::ALL {
            if group != Some(field.group()) {
                group = Some(field.group());
                fields.push(Line::styled(
                    field.group().label(lang).to_string(),
                    theme.title,
                ));
            }
            fields.push(pair(field.label(lang), display_value(*field, data, lang)));
            if *field == Field::CreditLimit {
                // The limit is the field above; the ledger's figures follow it.
                for (label, value) in self.figures.pairs(lang) {
                    if label != ctx.t(Msg::ColCredit) {
                        fields.push(pair(label, value));
                    }
                }
            }
        }
        let mut side = vec![Line::styled(
            ctx.t(Msg::Classification).to_string(),
            theme.title,
        )];
        for dim in &ctx.catalog.dimensions {
            let value = data
                .classification
                .get(&dim.code)
                .cloned()
                .unwrap_or_default();
            side.push(pair(dim.label(lang), value));
        }
        side.push(pair(
            ctx.t(Msg::Created),
            short_time(&self.customer.created_at),
        ));
        side.push(pair(
            ctx.t(Msg::Updated),
            short_time(&self.customer.updated_at),
        ));
        side.push(Line::styled(ctx.t(Msg::History).to_string(), theme.title));
        if self.history.is_empty() {
            side.push(Line::styled(
                format!("  {}", ctx.t(Msg::NoHistory)),
                theme.dim,
            ));
        }
        for entry in &self.history {
            side.push(Line::raw(
                truncate(&history_line(entry, lang), width).into_owned(),
            ));
        }
        (fields, side)
    }
}

/// "2026-11-20T09:30:00+08:00" → "2026-11-20 09:30"
fn short_time(at: &str) -> String {
    at.chars().take(16).collect::<String>().replace('T', " ")
}

/// A field's value as a person reads it: choice labels in the UI language,
/// amounts with separators.
pub fn display_value(field: Field, data: &CustomerData, lang: Lang) -> String {
    match field {
        Field::Kind => data.kind.label(lang).to_string(),
        Field::Status => data.status.label(lang).to_string(),
        Field::InvoiceType => data
            .invoice_type
            .map(|v| v.label(lang).to_string())
            .unwrap_or_default(),
        Field::Settlement => data
            .settlement
            .map(|v| v.label(lang).to_string())
            .unwrap_or_default(),
        Field::CreditLimit => limit_label(data.credit_limit, lang),
        other => other.text_of(data),
    }
}

/// "2026-11-20 09:30  王会计  信用额度: 50000.00 → 80000.00", or the action
/// for whole-record rows (created, deleted).
fn history_line(entry: &AuditEntry, lang: Lang) -> String {
    let at = short_time(&entry.at);
    if entry.field == "*" {
        let action = match entry.action.as_str() {
            "create" => Msg::ActionCreate.get(lang),
            "update" => Msg::ActionUpdate.get(lang),
            "status" => Msg::ActionStatus.get(lang),
            "delete" => Msg::ActionDelete.get(lang),
            other => other,
        };
        return format!("  {at}  {}  {action}", entry.operator);
    }
    let label = Field::from_key(&entry.field).map_or(entry.field.as_str(), |f| f.label(lang));
    format!(
        "  {at}  {}  {label}{}{} → {}",
        entry.operator,
        crate::tui::i18n::colon(lang),
        entry.old.as_deref().unwrap_or(""),
        entry.new.as_deref().unwrap_or("")
    )
}

impl Component for DetailScreen {
    fn scope(&self, _ctx: &Ctx) -> Scope {
        Scope::Detail
    }

    /// The archive or delete question answered.
    fn answer(&mut self, reply: Reply, ctx: &mut Ctx) -> Outcome {
        let code = self.customer.data.code.clone();
        let done = match (self.asking.take(), reply) {
            (Some(Asking::MergeInto), reply) => return super::merge::open(ctx, &code, reply),
            (Some(Asking::Archive), Reply::Yes) => set_status(ctx, &code, CustomerStatus::Archived),
            (Some(Asking::Delete), Reply::Yes) => delete(ctx, &code),
            _ => return Outcome::Stay,
        };
        let failed = self.reload(ctx);
        if self.gone {
            return done.then(Outcome::Pop.saying(failed));
        }
        done.then_say(failed)
    }

    fn handle_key(
        &mut self,
        _key: &KeyEvent,
        action: Option<Action>,
        page: u16,
        ctx: &mut Ctx,
    ) -> Outcome {
        let code = self.customer.data.code.clone();
        let Some(action) = action else {
            return Outcome::Stay;
        };
        match action {
            Action::Back => return Outcome::Pop,
            _ if self.gone => {}
            Action::Edit => {
                return match FormScreen::edit(ctx, &code) {
                    Ok(form) => Outcome::Push(Box::new(form)),
                    Err(e) => Outcome::error(e.message().text(ctx.lang)),
                };
            }
            Action::Ledger => {
                return match LedgerScreen::open(ctx, &code) {
                    Ok(ledger) => Outcome::Push(Box::new(ledger)),
                    Err(e) => Outcome::error(e.message().text(ctx.lang)),
                };
            }
            Action::Reconcile => return super::reconcile::open(ctx, &code),
            Action::Archive => {
                let body = archive_body(ctx, &code);
                self.asking = Some(Asking::Archive);
                return ask(Confirm::new(Msg::ArchiveTitle, body));
            }
            Action::MergeInto => {
                self.asking = Some(Asking::MergeInto);
                return super::merge::pick_duplicate(ctx, &code);
            }
            Action::Delete => {
                let body = delete_body(ctx, &code);
                self.asking = Some(Asking::Delete);
                return ask(Confirm::new(Msg::DeleteTitle, body));
            }
            Action::Unarchive | Action::Hold => {
                let status = if action == Action::Hold {
                    CustomerStatus::OnHold
                } else {
                    CustomerStatus::Active
                };
                let done = set_status(ctx, &code, status);
                return done.then_say(self.reload(ctx));
            }
            Action::Down => self.scroll(1, page, ctx),
            Action::Up => self.scroll(-1, page, ctx),
            Action::PageDown => self.scroll(i32::from(page), page, ctx),
            Action::PageUp => self.scroll(-i32::from(page), page, ctx),
            _ => {}
        }
        Outcome::Stay
    }

    fn scroll(&mut self, delta: i32, _page: u16, _ctx: &mut Ctx) {
        let next = (i32::from(self.scroll) + delta).max(0);
        self.scroll = u16::try_from(next).unwrap_or(u16::MAX);
    }

    fn status_line(&self, width: usize, ctx: &Ctx) -> Line<'static> {
        let c = &self.customer.data;
        let text = format!("{} {} · {}", c.code, c.name, c.status.label(ctx.lang));
        Line::styled(fit(&text, width), ctx.theme.dim)
    }

    fn render(&self, frame: &mut Frame, area: Rect, ctx: &Ctx) {
        if area.width >= 100 {
            let left_width = area.width * 9 / 20;
            let left = Rect {
                width: left_width,
                ..area
            };
            let right = Rect {
                x: area.x + left_width + 1,
                width: area.width - left_width - 1,
                ..area
            };
            let (fields, _) = self.lines(ctx, left.width as usize);
            let (_, side) = self.lines(ctx, right.width as usize);
            let rows = fields.len().max(side.len()) as u16;
            let scroll = self.scroll.min(rows.saturating_sub(area.height));
            frame.render_widget(Paragraph::new(fields).scroll((scroll, 0)), left);
            frame.render_widget(Paragraph::new(side).scroll((scroll, 0)), right);
        } else {
            let (mut lines, side) = self.lines(ctx, area.width as usize);
            lines.extend(side);
            let max = (lines.len() as u16).saturating_sub(area.height);
            frame.render_widget(
                Paragraph::new(lines).scroll((self.scroll.min(max), 0)),
                area,
            );
        }
    }

    fn on_return(&mut self, ctx: &mut Ctx) -> Outcome {
        Outcome::Stay.saying(self.reload(ctx))
    }

    fn customer_code(&self) -> Option<&str> {
        self.code()
    }
}
