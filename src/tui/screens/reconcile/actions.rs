//! What the reconciliation's keys do: marks and manual matches, unmatching,
//! the dialogs for notes, adjustments, re-matching, export and confirmation,
//! and what their answers change (the writes are in `writes.rs`).

use super::{Bench, Who};
use crate::domain::date::iso;
use crate::domain::money::Money;
use crate::reconcile::{ItemKind, MatchOptions, ReconcileError, Side};
use crate::tui::app::Ctx;
use crate::tui::component::Status;
use crate::tui::i18n::Msg;
use crate::tui::widgets::confirm::Confirm;
use crate::tui::widgets::prompt::Prompt;

/// What an open dialog is for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Ask {
    /// The selected lines' sums differ: a note forces the match.
    Force {
        ours: Vec<usize>,
        theirs: Vec<usize>,
    },
    Note {
        side: Side,
        id: usize,
    },
    Adjust {
        side: Side,
        id: usize,
    },
    Rematch,
    Export,
    OpeningNote,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ConfirmFor {
    Confirm,
    Leave,
    /// The export's file exists: replace it (`Bench::overwrite_file`)?
    Overwrite,
}

/// A dialog's action done (`Ok`: the dialog closes) or refused (`Err`: it
/// stays), with what to say either way (none when a question follows).
pub(super) type Done = Result<Option<Status>, Option<Status>>;

pub(super) fn engine_error(e: &ReconcileError, ctx: &Ctx) -> Status {
    Status::error(e.text().get(ctx.lang))
}

impl Bench {
    /// Why the line could not be marked, if it could not.
    pub(super) fn toggle_mark(&mut self, ctx: &Ctx) -> Option<Status> {
        let row = self.row()?;
        let Some(line) = row.line(self.side) else {
            return Some(Status::error(ctx.t(Msg::NoLineHere)));
        };
        if row.kind.is_matched() {
            let e = ReconcileError::AlreadyMatched {
                side: self.side,
                id: line.id,
            };
            return Some(engine_error(&e, ctx));
        }
        let key = (self.side, line.id);
        if !self.marked.remove(&key) {
            self.marked.insert(key);
        }
        None
    }

    /// Matches the marked lines (or, with none marked, the cursor's row);
    /// why not, if refused.
    pub(super) fn match_marked(&mut self, note: Option<&str>, ctx: &Ctx) -> Option<Status> {
        let (ours, theirs) = if self.marked.is_empty() {
            match self.row() {
                Some(row) if !row.kind.is_matched() => (
                    row.ours.iter().map(|l| l.id).collect(),
                    row.theirs.iter().map(|l| l.id).collect(),
                ),
                _ => (Vec::new(), Vec::new()),
            }
        } else {
            let pick = |side: Side| -> Vec<usize> {
                self.marked
                    .iter()
                    .filter(|(s, _)| *s == side)
                    .map(|(_, id)| *id)
                    .collect()
            };
            (pick(Side::Ours), pick(Side::Theirs))
        };
        match self.match_lines(ours, theirs, note, ctx) {
            Ok(said) | Err(said) => said,
        }
    }

    fn match_lines(
        &mut self,
        ours: Vec<usize>,
        theirs: Vec<usize>,
        note: Option<&str>,
        ctx: &Ctx,
    ) -> Done {
        match self.recon.match_by_hand(&ours, &theirs, note) {
            Ok(()) => {
                self.marked.clear();
                self.dirty = true;
                self.refresh();
                Ok(None)
            }
            Err(ReconcileError::SumsDiffer {
                ours: sum_ours,
                theirs: sum_theirs,
            }) if note.is_none() => {
                let body = format!(
                    "{} {} · {} {} · {}",
                    ctx.t(Msg::OursShort),
                    sum_ours.grouped(),
                    ctx.t(Msg::TheirsShort),
                    sum_theirs.grouped(),
                    ctx.t(Msg::ForceBody)
                );
                let prompt = Prompt::new(Msg::ForceTitle, body, &[(Msg::NoteLabel, String::new())]);
                self.ask_prompt(Ask::Force { ours, theirs }, prompt);
                Err(None)
            }
            Err(e) => Err(Some(engine_error(&e, ctx))),
        }
    }

    /// Why not, if refused.
    pub(super) fn unmatch(&mut self, ctx: &Ctx) -> Option<Status> {
        let (side, id) = self.current().map(|(s, l)| (s, l.id))?;
        match self.recon.unmatch(side, id) {
            Ok(_) => {
                self.dirty = true;
                self.refresh();
                None
            }
            Err(e) => Some(engine_error(&e, ctx)),
        }
    }

    pub(super) fn open_note(&mut self) {
        let Some((side, line)) = self.current() else {
            return;
        };
        let id = line.id;
        let body = format!("{} {}", line.doc, line.amount.grouped());
        let note = self.recon.note(side, id).unwrap_or("").to_string();
        let prompt = Prompt::new(Msg::NoteTitle, body, &[(Msg::NoteLabel, note)]);
        self.ask_prompt(Ask::Note { side, id }, prompt);
    }

    /// The dialog for an adjusting entry: its reason (the difference's note)
    /// and date (the period's end). Why not, when there is nothing to adjust.
    pub(super) fn open_adjust(&mut self, ctx: &Ctx) -> Option<Status> {
        let (side, id) = self.current().map(|(s, l)| (s, l.id))?;
        let items = self.recon.reconciling_items();
        let Some(item) = items.iter().find(|i| {
            matches!(
                i.kind,
                ItemKind::OnlyOurs | ItemKind::OnlyTheirs | ItemKind::AmountMismatch
            ) && i.side(side).iter().any(|l| l.id == id)
        }) else {
            return Some(Status::error(ctx.t(Msg::NothingToAdjust)));
        };
        let body = format!(
            "{} {} · {}",
            ctx.t(Msg::AdjustBody),
            item.effect.grouped(),
            item.kind.label(ctx.lang)
        );
        let reason = item.note.unwrap_or("").to_string();
        let prompt = Prompt::new(
            Msg::AdjustTitle,
            body,
            &[(Msg::Reason, reason), (Msg::ColDate, iso(self.source.to))],
        );
        self.ask_prompt(Ask::Adjust { side, id }, prompt);
        None
    }

    /// A note on the difference between the openings (期初余额不符); when
    /// they agree, says so instead.
    pub(super) fn open_opening_note(&mut self, ctx: &Ctx) -> Option<Status> {
        let r = &self.recon;
        if r.our_opening() == r.their_opening() {
            return Some(Status::info(ctx.t(Msg::OpeningsAgree)));
        }
        let body = format!(
            "{} {} · {} {}",
            ctx.t(Msg::OursShort),
            r.our_opening().grouped(),
            ctx.t(Msg::TheirsShort),
            r.their_opening().grouped()
        );
        let note = r.opening_note().unwrap_or("").to_string();
        let prompt = Prompt::new(Msg::KeyOpeningNote, body, &[(Msg::NoteLabel, note)]);
        self.ask_prompt(Ask::OpeningNote, prompt);
        None
    }

    pub(super) fn open_rematch(&mut self) {
        let days = self.recon.options().tolerance_days.to_string();
        let prompt = Prompt::new(Msg::RematchTitle, "", &[(Msg::ToleranceDays, days)]);
        self.ask_prompt(Ask::Rematch, prompt);
    }

    pub(super) fn open_export(&mut self, ctx: &mut Ctx, who: &Who) {
        let to = iso(self.source.to);
        let file = match ctx.lang {
            crate::domain::Lang::Zh => format!("余额调节表-{}-{to}.xlsx", who.code),
            crate::domain::Lang::En => format!("reconciliation-{}-{to}.xlsx", who.code),
        };
        let body = format!("{} {}", who.code, who.name);
        let prompt = Prompt::new(Msg::ExportTitle, body, &[(Msg::StatementFile, file)]);
        self.ask_prompt(Ask::Export, prompt);
    }

    pub(super) fn open_confirm(&mut self, ctx: &mut Ctx, who: &Who) {
        let r = &self.recon;
        let body = format!(
            "{} {} · {} {} · {} {} ({} {})",
            who.code,
            who.name,
            ctx.t(Msg::ConfirmReconBody),
            iso(self.source.to),
            ctx.t(Msg::Unexplained),
            r.unexplained_difference().grouped(),
            ctx.t(Msg::Closes),
            ctx.t(if r.closes() {
                Msg::YesWord
            } else {
                Msg::NoWord
            }),
        );
        self.ask_confirm(
            ConfirmFor::Confirm,
            Confirm::new(Msg::ConfirmReconTitle, body),
        );
    }

    /// Runs a dialog's action; `Err` keeps the dialog open.
    pub(super) fn submit(&mut self, ask: Ask, values: &[String], ctx: &mut Ctx, who: &Who) -> Done {
        let value = |i: usize| values.get(i).map(String::as_str).unwrap_or("").trim();
        match ask {
            Ask::Force { ours, theirs } => {
                if value(0).is_empty() {
                    return Err(Some(Status::error(ctx.t(Msg::ReasonRequired))));
                }
                self.match_lines(ours, theirs, Some(value(0)), ctx)
            }
            Ask::Note { side, id } => match self.recon.set_note(side, id, value(0)) {
                Ok(()) => {
                    self.dirty = true;
                    self.refresh();
                    Ok(None)
                }
                Err(e) => Err(Some(engine_error(&e, ctx))),
            },
            Ask::Adjust { side, id } => self.adjust(side, id, value(0), value(1), ctx, who),
            Ask::Rematch => match value(0).parse::<u32>() {
                Ok(days) if days <= 366 => {
                    let options = MatchOptions {
                        tolerance_days: days,
                        ..*self.recon.options()
                    };
                    match self.recon.rematch(&options) {
                        Ok(()) => {
                            self.dirty = true;
                            self.refresh();
                            Ok(Some(Status::info(format!(
                                "{}{days} {}",
                                ctx.t(Msg::Rematched),
                                ctx.t(Msg::DaysShort)
                            ))))
                        }
                        Err(e) => Err(Some(engine_error(&e, ctx))),
                    }
                }
                _ => Err(Some(Status::error(ctx.t(Msg::BadTolerance)))),
            },
            Ask::Export => self.export(value(0), false, ctx, who),
            Ask::OpeningNote => {
                self.recon.set_opening_note(value(0));
                self.dirty = true;
                Ok(None)
            }
        }
    }

    /// Σ of the marked lines per side, for the status line.
    pub(super) fn marked_sums(&self) -> (Money, Money) {
        let sum = |side: Side| {
            Money::from_fen(
                self.marked
                    .iter()
                    .filter(|(s, _)| *s == side)
                    .filter_map(|(s, id)| self.recon.line(*s, *id))
                    .map(|l| l.amount.fen())
                    .sum(),
            )
        };
        (sum(Side::Ours), sum(Side::Theirs))
    }
}
