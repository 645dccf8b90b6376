//! The dialog before the two tables: which statement file and period (blank
//! dates take the statement's own), which saved mapping; then which way
//! round their debit and credit are, with the detected way offered first.
//! Reading the file and matching run on worker threads; the loop keeps
//! drawing.

mod view;

pub(super) use view::sign_label;

use std::path::PathBuf;

use chrono::NaiveDate;
use crossterm::event::KeyEvent;

use super::Who;
use crate::domain::date::{iso, parse_date};
use crate::import::statement::prepare::{self, PrepareError, Prepared, ReadRequest};
use crate::import::statement::{PeriodSource, StatementFile};
use crate::reconcile::{MatchOptions, SignConvention};
use crate::store::{OurSide, Store, StoreError};
use crate::tui::app::Ctx;
use crate::tui::component::{Reply, Status};
use crate::tui::i18n::Msg;
use crate::tui::keymap::{self, Action, Scope};
use crate::tui::widgets::picker::{Item, Picker};
use crate::tui::widgets::prompt::{Prompt, Prompted};
use crate::tui::worker::{Failed, Worker};

pub(super) enum SetupOutcome {
    Still,
    Cancelled,
    Ready(Box<Prepared>),
    /// Open a saved session (the file left blank: the last one).
    Open(i64),
    /// Ask which way round the statement is (its reply comes to `answer`).
    Ask(Box<Picker>),
}

/// A statement read, with our side for its period when the worker could
/// open the database itself.
type Read = (StatementFile, Option<OurSide>);

/// The worker under way: reading the file (and our side), or matching.
enum Job {
    Reading(Worker<Read, PrepareError>),
    Matching(Worker<Prepared, PrepareError>),
}

/// The file is read; which way round is it? (asked by a picker)
struct SignChoice {
    file: StatementFile,
    ours: OurSide,
}

pub(super) struct Setup {
    prompt: Prompt,
    job: Option<Job>,
    sign: Option<SignChoice>,
    /// The period typed (None = the statement's).
    period: (Option<NaiveDate>, Option<NaiveDate>),
    /// A mapping name typed that is not saved yet: saved with the sign chosen.
    new_mapping: Option<String>,
    /// The file and period once read, for the status line.
    context: Option<String>,
    /// The customer's latest saved session.
    last: Option<i64>,
    /// The statement file being read: an export must not overwrite it.
    path: Option<PathBuf>,
}

/// A worker's answer.
enum Done {
    Read(Result<Box<Read>, Failed<PrepareError>>),
    Matched(Result<Box<Prepared>, Failed<PrepareError>>),
}

/// A worker's failure in the UI language.
fn failed(e: &Failed<PrepareError>, ctx: &Ctx) -> String {
    match e {
        Failed::Error(e) => failure(e, ctx),
        Failed::Stopped => e.message().text(ctx.lang),
    }
}

fn failure(e: &PrepareError, ctx: &Ctx) -> String {
    let lines = e.lines(ctx.lang);
    match lines.split_first() {
        Some((first, rest)) if !rest.is_empty() => format!("{first} (+{})", rest.len()),
        Some((first, _)) => first.clone(),
        None => e.message().text(ctx.lang),
    }
}

impl Setup {
    /// The statement file last given to read.
    pub fn statement_path(&self) -> Option<PathBuf> {
        self.path.clone()
    }

    pub fn new(ctx: &Ctx, who: &Who) -> Result<Setup, StoreError> {
        let sessions = ctx.store.reconciliations(who.id)?;
        // With a saved session the line offers it (the customer is on the
        // status line): one line is all the dialog shows.
        let body = match sessions.first() {
            Some(last) => {
                let status = match last.status {
                    crate::store::SessionStatus::Draft => ctx.t(Msg::Draft),
                    crate::store::SessionStatus::Confirmed => ctx.t(Msg::ConfirmedStatus),
                };
                format!(
                    "#{} {}..{} {status} · {}",
                    last.id,
                    iso(last.from),
                    iso(last.to),
                    ctx.t(Msg::LastReconciliation),
                )
            }
            None => format!("{} {}", who.code, who.name),
        };
        let prompt = Prompt::new(
            Msg::ReconcileSetup,
            body,
            &[
                (Msg::StatementPath, String::new()),
                (Msg::PeriodFrom, String::new()),
                (Msg::PeriodTo, String::new()),
                (Msg::StatementMappingName, String::new()),
            ],
        );
        Ok(Setup {
            prompt,
            job: None,
            sign: None,
            period: (None, None),
            new_mapping: None,
            context: None,
            last: sessions.first().map(|s| s.id),
            path: None,
        })
    }

    pub fn context(&self) -> Option<&str> {
        self.context.as_deref()
    }

    pub fn scope(&self) -> Scope {
        Scope::Prompt
    }

    /// The sign picked (Esc: back to the dialog, the period filled in).
    /// What went wrong, for the status line.
    pub fn answer(&mut self, reply: Reply, ctx: &mut Ctx) -> Option<Status> {
        let (Some(choice), Reply::Chose(value)) = (self.sign.take(), reply) else {
            return None;
        };
        let sign = SignConvention::parse(&value).unwrap_or_default();
        self.start_matching(choice.ours, choice.file, sign, ctx)
    }

    pub fn is_loading(&self) -> bool {
        self.job.is_some()
    }

    /// What next, and what to say.
    pub fn handle_key(
        &mut self,
        key: &KeyEvent,
        ctx: &mut Ctx,
        who: &Who,
    ) -> (SetupOutcome, Option<Status>) {
        if self.job.is_some() {
            // Esc leaves the worker to finish unheard.
            if keymap::action(Scope::Prompt, key) == Some(Action::Cancel) {
                self.job = None;
            }
            return (SetupOutcome::Still, None);
        }
        match self.prompt.handle_key(key) {
            Prompted::Still => (SetupOutcome::Still, None),
            Prompted::Cancelled => (SetupOutcome::Cancelled, None),
            Prompted::Submit(values) => {
                let file = values.first().map_or("", |v| v.trim());
                match self.last {
                    Some(id) if file.is_empty() => (SetupOutcome::Open(id), None),
                    _ => (SetupOutcome::Still, self.start_reading(&values, ctx, who)),
                }
            }
        }
    }

    /// Why the reading could not start, if it could not.
    fn start_reading(&mut self, values: &[String], ctx: &mut Ctx, who: &Who) -> Option<Status> {
        let value = |i: usize| values.get(i).map(String::as_str).unwrap_or("").trim();
        if value(0).is_empty() {
            return Some(Status::error(ctx.t(Msg::StatementPathRequired)));
        }
        let date = |text: &str| -> Result<Option<NaiveDate>, String> {
            if text.is_empty() {
                return Ok(None);
            }
            parse_date(text)
                .map(Some)
                .map_err(|e| e.text().get(ctx.lang).to_string())
        };
        self.period = match (date(value(1)), date(value(2))) {
            (Ok(from), Ok(to)) => (from, to),
            (Err(e), _) | (_, Err(e)) => return Some(Status::error(e)),
        };
        let name = value(3);
        let saved = if name.is_empty() {
            None
        } else {
            match ctx.store.statement_mapping(name) {
                Ok(saved) => Some(saved),
                // A new name: the mapping is saved once the sign is chosen.
                Err(_) => {
                    self.new_mapping = Some(name.to_string());
                    None
                }
            }
        };
        self.path = Some(PathBuf::from(value(0)));
        let request = ReadRequest {
            path: PathBuf::from(value(0)),
            ..ReadRequest::default()
        };
        let period = self.period;
        // Our side is read on the worker too (its own connection), so a
        // customer with a long ledger does not stall the loop.
        let db = ctx.store.path().map(std::path::Path::to_path_buf);
        let customer = who.id;
        self.job = Some(Job::Reading(Worker::spawn(move |_| {
            let file = prepare::read_with(&request, saved.as_ref())?;
            let ours = match db {
                Some(db) => {
                    let (from, to) = prepare::period(&file, period.0, period.1)?;
                    Some(Store::open(&db)?.reconcile_ours(customer, from, to)?)
                }
                None => None,
            };
            Ok((file, ours))
        })));
        None
    }

    fn start_matching(
        &mut self,
        ours: OurSide,
        file: StatementFile,
        sign: SignConvention,
        ctx: &mut Ctx,
    ) -> Option<Status> {
        let mut failed = None;
        if let Some(name) = self.new_mapping.take() {
            let mut saved = file.mapping.to_saved();
            saved.sign = Some(sign);
            if let Err(e) = ctx.store.save_statement_mapping(&name, &saved) {
                failed = Some(Status::error(e.message().text(ctx.lang)));
            }
        }
        self.job = Some(Job::Matching(Worker::spawn(move |_| {
            prepare::match_moving(ours, file, Some(sign), &MatchOptions::default())
        })));
        failed
    }

    /// Takes in what a worker finished: (something changed, what next,
    /// what to say).
    pub fn poll(&mut self, ctx: &mut Ctx, who: &Who) -> (bool, SetupOutcome, Option<Status>) {
        let done = match &mut self.job {
            None => None,
            Some(Job::Reading(worker)) => worker.poll().map(|r| Done::Read(r.map(Box::new))),
            Some(Job::Matching(worker)) => worker.poll().map(|r| Done::Matched(r.map(Box::new))),
        };
        let Some(done) = done else {
            return (false, SetupOutcome::Still, None);
        };
        self.job = None;
        match done {
            Done::Read(Ok(read)) => {
                let (file, ours) = *read;
                let (next, said) = self.read(file, ours, ctx, who);
                (true, next, said)
            }
            Done::Matched(Ok(prepared)) => (true, SetupOutcome::Ready(prepared), None),
            // The dialog is there to try again.
            Done::Read(Err(e)) | Done::Matched(Err(e)) => (
                true,
                SetupOutcome::Still,
                Some(Status::error(failed(&e, ctx))),
            ),
        }
    }

    /// The statement is read: our side for its period, then the sign (a
    /// picker to ask unless the mapping says it); with what to say.
    fn read(
        &mut self,
        file: StatementFile,
        ours: Option<OurSide>,
        ctx: &mut Ctx,
        who: &Who,
    ) -> (SetupOutcome, Option<Status>) {
        let (from, to, source) =
            match prepare::period_with_source(&file, self.period.0, self.period.1) {
                Ok(p) => p,
                Err(e) => {
                    return (SetupOutcome::Still, Some(Status::error(failure(&e, ctx))));
                }
            };
        let period = (from, to);
        let shown = self.show_period(&file, period, source, ctx);
        self.context = Some(format!(
            "{} {}..{}",
            file.file_name,
            iso(period.0),
            iso(period.1)
        ));
        let ours =
            match ours.map_or_else(|| ctx.store.reconcile_ours(who.id, period.0, period.1), Ok) {
                Ok(o) => o,
                Err(e) => {
                    let failed = Status::error(e.message().text(ctx.lang));
                    return (SetupOutcome::Still, Some(failed));
                }
            };
        if let Some(sign) = file.mapping.sign {
            let from_mapping = Status::info(format!(
                "{}{}{}",
                ctx.t(Msg::SignFromMapping),
                crate::tui::i18n::colon(ctx.lang),
                sign_label(sign, ctx)
            ));
            // A mapping that could not be saved is said last.
            let failed = self.start_matching(ours, file, sign, ctx);
            return (SetupOutcome::Still, failed.or(Some(from_mapping)));
        }
        let (suggested, _) = prepare::suggest_sign(&ours, &file);
        let items = SignConvention::ALL
            .iter()
            .map(|&s| {
                let mut label = sign_label(s, ctx).to_string();
                if s == suggested {
                    label.push_str(&format!(" · {}", ctx.t(Msg::SignDetected)));
                }
                Item::new(s.key(), label)
            })
            .collect();
        let title = ctx.t(Msg::SignTitle);
        self.sign = Some(SignChoice { file, ours });
        let picker = Picker::new(title, items, Some(suggested.key()));
        (SetupOutcome::Ask(Box::new(picker)), Some(shown))
    }

    /// The period the statement gave, written into the empty date fields so
    /// Esc from the sign choice shows it for changing; returns the period
    /// and the rows skipped with their reasons, for the status line.
    fn show_period(
        &mut self,
        file: &StatementFile,
        (from, to): (NaiveDate, NaiveDate),
        source: PeriodSource,
        ctx: &Ctx,
    ) -> Status {
        if self.period.0.is_none() {
            self.prompt.set_value(1, iso(from));
        }
        if self.period.1.is_none() {
            self.prompt.set_value(2, iso(to));
        }
        let from_where = match source {
            PeriodSource::Given => None,
            PeriodSource::Title => Some(Msg::PeriodFromTitle),
            PeriodSource::BalanceRows => Some(Msg::PeriodFromBalances),
            PeriodSource::Lines => Some(Msg::PeriodFromLines),
        };
        let mut text = format!("{} {}..{}", ctx.t(Msg::StatementPeriod), iso(from), iso(to));
        if let Some(msg) = from_where {
            text.push_str(&format!(" ({})", ctx.t(msg)));
        }
        if !file.skipped.is_empty() {
            let rows: Vec<String> = file
                .skipped
                .iter()
                .map(|s| format!("{} {}", s.row, s.reason.text().get(ctx.lang)))
                .collect();
            text.push_str(&format!(
                " · {}{}{}",
                ctx.t(Msg::RowsSkipped),
                crate::tui::i18n::colon(ctx.lang),
                rows.join(", ")
            ));
        }
        Status::info(text)
    }
}
