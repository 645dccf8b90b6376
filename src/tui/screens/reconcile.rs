//! Reconciliation (`r` on a customer): first a small dialog picks the
//! customer's statement file and confirms which way round its debit and
//! credit are (`setup.rs`); then our ledger and their statement side by
//! side, aligned on matched pairs, differences marked by kind (`rows.rs`,
//! `view.rs`), with keys to match by hand, unmatch, note, book an adjusting
//! entry, re-match, save, confirm and export (`actions.rs`).

mod actions;
mod keys;
mod rows;
mod setup;
mod sides;
mod view;
mod writes;

use std::collections::BTreeSet;

use crossterm::event::KeyEvent;

use self::actions::{Ask, ConfirmFor};
use self::rows::DisplayRow;
use self::setup::{Setup, SetupOutcome};
use super::Outcome;
use crate::domain::date::iso;
use crate::import::statement::prepare::Prepared;
use crate::reconcile::{Line, Reconciliation, Side};
use crate::store::{EntryKinds, SessionSource, SessionStatus, StoreError};
use crate::tui::app::Ctx;
use crate::tui::component::{Component, Reply, Status, ask};
use crate::tui::i18n::Msg;
use crate::tui::keymap::{Action, Scope};
use crate::tui::widgets::table;
use ratatui::Frame;
use ratatui::layout::Rect;

/// The customer being reconciled.
#[derive(Clone, Debug)]
pub struct Who {
    pub id: i64,
    pub code: String,
    pub name: String,
}

pub struct ReconcileScreen {
    who: Who,
    phase: Phase,
}

enum Phase {
    Setup(Box<Setup>),
    Bench(Box<Bench>),
}

/// The two statements at work.
pub(super) struct Bench {
    session: Option<i64>,
    status: SessionStatus,
    source: SessionSource,
    recon: Reconciliation,
    kinds: EntryKinds,
    /// Changed since the last save.
    dirty: bool,
    rows: Vec<DisplayRow>,
    /// Positions in `rows` on screen (all, or only the unmatched).
    shown: Vec<usize>,
    /// Position in `shown` of the cursor.
    selected: usize,
    offset: usize,
    /// The side the cursor is on.
    side: Side,
    marked: BTreeSet<(Side, usize)>,
    unmatched_only: bool,
    /// What the open prompt and confirm question (on the app's popup
    /// stack) are for; a confirm may stand over a prompt.
    prompt_for: Option<Ask>,
    confirm_for: Option<ConfirmFor>,
    /// A dialog the key being handled asked for, opened when it is done.
    open: Option<Box<dyn Component>>,
    /// The export file the overwrite question is about.
    overwrite_file: Option<std::path::PathBuf>,
    /// The statement file read (not known for a saved session): protected from exports.
    statement: Option<std::path::PathBuf>,
}

/// The screen for `code` pushed, or the reason on the status line.
pub fn open(ctx: &mut Ctx, code: &str) -> Outcome {
    match ReconcileScreen::new(ctx, code) {
        Ok(screen) => Outcome::Push(Box::new(screen)),
        Err(e) => Outcome::error(e.message().text(ctx.lang)),
    }
}

/// A new reconciliation of a period a confirmed one already locked: said
/// at once, before any match or adjustment is made again.
fn warn_if_confirmed(ctx: &Ctx, who: &Who, source: &SessionSource) -> Option<Status> {
    let Ok(Some(until)) = ctx.store.confirmed_until(who.id) else {
        return None;
    };
    let lang = ctx.lang;
    (source.from <= until).then(|| {
        Status::error(format!(
            "{} {}{}{}",
            Msg::AlreadyConfirmedUntil.get(lang),
            iso(until),
            crate::tui::i18n::colon(lang),
            Msg::AlreadyConfirmedHint.get(lang)
        ))
    })
}

impl ReconcileScreen {
    /// Opens on the dialog that picks the statement.
    pub fn new(ctx: &Ctx, code: &str) -> Result<ReconcileScreen, StoreError> {
        let customer = ctx
            .store
            .customer(code)?
            .ok_or_else(|| StoreError::NotFound(code.to_string()))?;
        let who = Who {
            id: customer.id,
            code: customer.data.code,
            name: customer.data.name,
        };
        let setup = Setup::new(ctx, &who)?;
        Ok(ReconcileScreen {
            who,
            phase: Phase::Setup(Box::new(setup)),
        })
    }

    /// While the dialog is up, the screen below stays visible.
    fn in_setup(&self) -> bool {
        matches!(self.phase, Phase::Setup(_))
    }
}

impl Bench {
    fn new(prepared: Prepared) -> Bench {
        // Only these stay: the rest goes before the rows are laid out.
        let Prepared {
            source,
            reconciliation,
            ours,
            theirs,
            file,
            ..
        } = prepared;
        drop((theirs, file, ours.lines));
        Bench::with(source, reconciliation, ours.kinds)
    }

    fn with(source: SessionSource, recon: Reconciliation, kinds: EntryKinds) -> Bench {
        let mut bench = Bench {
            session: None,
            status: SessionStatus::Draft,
            source,
            recon,
            kinds,
            dirty: true,
            rows: Vec::new(),
            shown: Vec::new(),
            selected: 0,
            offset: 0,
            side: Side::Ours,
            marked: BTreeSet::new(),
            unmatched_only: false,
            prompt_for: None,
            confirm_for: None,
            open: None,
            overwrite_file: None,
            statement: None,
        };
        bench.refresh();
        // Open on the first difference: that is where the work is.
        if let Some(first) = bench
            .shown
            .iter()
            .position(|&i| !bench.rows[i].kind.is_matched())
        {
            bench.selected = first;
        }
        bench
    }

    /// A saved session as it was saved (a confirmed one stays read-only).
    fn saved(ctx: &Ctx, id: i64) -> Result<Bench, StoreError> {
        let session = ctx.store.reconciliation(id)?;
        let info = session.info;
        // Our entry types for the screen; the lines themselves are the saved ones.
        let kinds = ctx
            .store
            .reconcile_ours(info.customer_id, info.from, info.to)
            .map(|o| o.kinds)
            .unwrap_or_default();
        let mut bench = Bench::with(info.source(), session.reconciliation, kinds);
        bench.session = Some(id);
        bench.status = info.status;
        bench.dirty = false;
        Ok(bench)
    }

    fn read_only(&self) -> bool {
        self.status == SessionStatus::Confirmed
    }

    /// Rows again after a change, the cursor kept on the same line when it
    /// is still shown.
    fn refresh(&mut self) {
        let keep = self.current().map(|(side, l)| (side, l.id));
        self.rows = rows::rows(&self.recon);
        self.shown = (0..self.rows.len())
            .filter(|&i| !self.unmatched_only || !self.rows[i].kind.is_matched())
            .collect();
        if let Some((side, id)) = keep
            && let Some(pos) = self
                .shown
                .iter()
                .position(|&i| self.rows[i].line(side).is_some_and(|l| l.id == id))
        {
            self.selected = pos;
        }
        self.selected = self.selected.min(self.shown.len().saturating_sub(1));
        let lines: BTreeSet<(Side, usize)> = self
            .rows
            .iter()
            .filter(|r| !r.kind.is_matched())
            .flat_map(|r| {
                [Side::Ours, Side::Theirs]
                    .into_iter()
                    .filter_map(|s| r.line(s).map(|l| (s, l.id)))
            })
            .collect();
        self.marked.retain(|m| lines.contains(m));
    }

    fn row(&self) -> Option<&DisplayRow> {
        self.shown
            .get(self.selected)
            .and_then(|&i| self.rows.get(i))
    }

    /// The line under the cursor: on the cursor's side, else the other.
    fn current(&self) -> Option<(Side, &Line)> {
        let row = self.row()?;
        let on = |side: Side| {
            let line = row.line(side)?.line(&self.recon, side)?;
            Some((side, line))
        };
        on(self.side).or_else(|| on(self.side.other()))
    }

    fn navigate(&mut self, action: Action, rows: usize) {
        self.selected = table::moved(self.selected, action, rows, self.shown.len());
        self.offset = table::in_view(self.selected, self.offset, rows);
    }
}

impl Component for ReconcileScreen {
    fn scope(&self, _ctx: &Ctx) -> Scope {
        match &self.phase {
            Phase::Setup(s) => s.scope(),
            // Confirmed: the footer offers only what still works.
            Phase::Bench(b) if b.read_only() => Scope::ReconcileConfirmed,
            Phase::Bench(_) => Scope::Reconcile,
        }
    }

    fn is_loading(&self) -> bool {
        matches!(&self.phase, Phase::Setup(s) if s.is_loading())
    }

    fn has_unsaved_changes(&self) -> bool {
        matches!(&self.phase, Phase::Bench(b) if b.dirty)
    }

    /// Takes in a finished worker (statement read, lines matched).
    fn poll(&mut self, ctx: &mut Ctx) -> Option<Outcome> {
        let Phase::Setup(setup) = &mut self.phase else {
            return None;
        };
        let (changed, outcome, said) = setup.poll(ctx, &self.who);
        let warned = match outcome {
            SetupOutcome::Ready(prepared) => {
                let mut bench = Bench::new(*prepared);
                bench.statement = setup.statement_path();
                let warned = warn_if_confirmed(ctx, &self.who, &bench.source);
                self.phase = Phase::Bench(Box::new(bench));
                warned
            }
            // Which way round is the statement? (a picker over the dialog)
            SetupOutcome::Ask(picker) => return Some(ask(*picker).saying(said)),
            _ => None,
        };
        let said = warned.or(said);
        (changed || said.is_some()).then(|| Outcome::Stay.saying(said))
    }

    fn handle_key(
        &mut self,
        key: &KeyEvent,
        action: Option<Action>,
        page: u16,
        ctx: &mut Ctx,
    ) -> Outcome {
        match &mut self.phase {
            Phase::Setup(setup) => {
                let (next, said) = setup.handle_key(key, ctx, &self.who);
                let then = match next {
                    SetupOutcome::Cancelled => Outcome::Pop,
                    SetupOutcome::Ready(prepared) => {
                        let mut bench = Bench::new(*prepared);
                        bench.statement = setup.statement_path();
                        let warned = warn_if_confirmed(ctx, &self.who, &bench.source);
                        self.phase = Phase::Bench(Box::new(bench));
                        Outcome::Stay.saying(warned)
                    }
                    SetupOutcome::Open(id) => match Bench::saved(ctx, id) {
                        Ok(bench) => {
                            self.phase = Phase::Bench(Box::new(bench));
                            Outcome::Stay
                        }
                        Err(e) => Outcome::error(e.message().text(ctx.lang)),
                    },
                    SetupOutcome::Ask(picker) => ask(*picker),
                    SetupOutcome::Still => Outcome::Stay,
                };
                then.saying(said)
            }
            Phase::Bench(bench) => bench.handle_key(action, page, ctx, &self.who),
        }
    }

    fn answer(&mut self, reply: Reply, ctx: &mut Ctx) -> Outcome {
        match &mut self.phase {
            Phase::Bench(bench) => bench.answer(reply, ctx, &self.who),
            Phase::Setup(setup) => Outcome::Stay.saying(setup.answer(reply, ctx)),
        }
    }

    fn scroll(&mut self, delta: i32, page: u16, _ctx: &mut Ctx) {
        if let Phase::Bench(b) = &mut self.phase {
            let action = if delta < 0 { Action::Up } else { Action::Down };
            for _ in 0..delta.unsigned_abs() {
                b.navigate(action, view::table_rows(page));
            }
        }
    }

    /// Drawn by `view.rs`.
    fn render(&self, frame: &mut Frame, area: Rect, ctx: &Ctx) {
        self.draw(frame, area, ctx)
    }

    fn status_line(&self, width: usize, ctx: &Ctx) -> ratatui::text::Line<'static> {
        self.status_text(width, ctx)
    }

    /// The set-up dialog stands over the screen it was opened from.
    fn is_overlay(&self) -> bool {
        self.in_setup()
    }
}
