//! The import wizard (`i`): choose the file → sheet and header row → column
//! mapping → preview of every row's problems → duplicate policy → the import
//! on a worker with a progress bar → the result, with the rejected rows to
//! save. Each step is its own type in `import/`; the wizard keeps them on a
//! stack so Esc goes back a step with everything as it was left. The core
//! (`crate::import`) does the work; these screens only gather choices.

pub mod complete;
mod file;
pub mod history;
mod invoice_result;
mod invoices;
mod kind;
mod mapping;
mod policy;
mod preview;
mod progress;
pub mod recent;
mod result;
mod sheet;
mod values;
mod view;
mod worker;

use std::sync::Arc;

use crossterm::event::KeyEvent;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;

use self::file::FileStep;
use self::invoice_result::InvoiceResultStep;
use self::invoices::InvoiceRunStep;
use self::mapping::MappingStep;
use self::policy::PolicyStep;
use self::preview::PreviewStep;
use self::progress::ProgressStep;
use self::result::ResultStep;
use self::sheet::SheetStep;
use self::values::ValuesStep;
use super::{Outcome, Screen};
use crate::import::{Layout, Mapping, Source};
use crate::tui::app::Ctx;
use crate::tui::component::{Component, Reply, Status};
use crate::tui::i18n::Msg;
use crate::tui::keymap::{Action, Scope};
use crate::tui::widgets::truncate;

/// What the steps so far have settled: the file, where its header is, and
/// (from the mapping step on) where each column goes.
#[derive(Clone)]
pub(crate) struct Chosen {
    pub source: Arc<Source>,
    pub layout: Layout,
    pub mapping: Option<Mapping>,
}

pub(crate) enum Step {
    File(FileStep),
    Sheet(SheetStep),
    Mapping(MappingStep),
    Preview(Box<PreviewStep>),
    Values(Box<ValuesStep>),
    Policy(PolicyStep),
    Progress(ProgressStep),
    Result(Box<ResultStep>),
    /// Invoices from the tax platform: their run and its result.
    InvoiceRun(InvoiceRunStep),
    InvoiceResult(Box<InvoiceResultStep>),
}

/// What a step asks of the wizard.
pub(crate) enum Flow {
    Stay,
    /// On to this step (Esc there comes back here).
    Next(Box<Step>),
    /// Back one step (from the first, the wizard closes).
    Back,
    /// The run is over: this step alone is left (there is no going back
    /// into an import that has happened).
    Finish(Box<Step>),
    /// Open another screen over the wizard (the import history).
    Open(Screen),
    Close,
    /// A popup over the step; its reply comes to the step's `answer`.
    Ask(Box<dyn Component>),
    /// From `answer`: see [`Outcome::Keep`], [`Outcome::FollowUp`], [`Outcome::CloseBelow`].
    Keep,
    FollowUp(Box<dyn Component>),
    CloseBelow,
    /// See [`Outcome::Say`]: the message, then the flow it carries.
    Say(Status, Box<Flow>),
}

impl Flow {
    /// `status` said, then this flow (as [`Outcome::saying`]).
    pub(crate) fn saying(self, status: impl Into<Option<Status>>) -> Flow {
        match status.into() {
            Some(status) => Flow::Say(status, Box::new(self)),
            None => self,
        }
    }
}

impl From<Status> for Flow {
    fn from(status: Status) -> Flow {
        Flow::Stay.saying(status)
    }
}

pub struct ImportWizard {
    steps: Vec<Step>,
}

impl ImportWizard {
    pub fn new(ctx: &Ctx) -> ImportWizard {
        ImportWizard {
            steps: vec![Step::File(FileStep::new(ctx))],
        }
    }

    fn current(&self) -> Option<&Step> {
        self.steps.last()
    }

    fn apply(&mut self, flow: Flow) -> Outcome {
        match flow {
            Flow::Stay => Outcome::Stay,
            Flow::Next(step) => {
                self.steps.push(*step);
                Outcome::Stay
            }
            Flow::Back => {
                self.steps.pop();
                if self.steps.is_empty() {
                    Outcome::Pop
                } else {
                    Outcome::Stay
                }
            }
            Flow::Finish(step) => {
                self.steps = vec![*step];
                Outcome::Stay
            }
            Flow::Open(screen) => Outcome::Push(screen),
            Flow::Close => Outcome::Pop,
            Flow::Ask(popup) => Outcome::Ask(popup),
            Flow::Keep => Outcome::Keep,
            Flow::FollowUp(popup) => Outcome::FollowUp(popup),
            Flow::CloseBelow => Outcome::CloseBelow,
            Flow::Say(status, then) => self.apply(*then).saying(status),
        }
    }
}

impl Component for ImportWizard {
    fn scope(&self, _ctx: &Ctx) -> Scope {
        match self.current() {
            Some(Step::File(_)) | None => Scope::ImportFile,
            Some(Step::Sheet(_)) => Scope::ImportSheet,
            Some(Step::Mapping(s)) => s.scope(),
            Some(Step::Preview(_)) => Scope::ImportPreview,
            Some(Step::Values(s)) => s.scope(),
            Some(Step::Policy(_)) => Scope::ImportPolicy,
            Some(Step::Progress(_)) => Scope::ImportProgress,
            Some(Step::Result(s)) => s.scope(),
            Some(Step::InvoiceRun(_)) => Scope::ImportProgress,
            Some(Step::InvoiceResult(_)) => Scope::ImportResult,
        }
    }

    /// A check or an import is running on a worker.
    fn is_loading(&self) -> bool {
        self.steps.iter().any(|s| match s {
            Step::Preview(p) => p.is_running(),
            Step::Progress(_) | Step::InvoiceRun(_) => true,
            _ => false,
        })
    }

    fn handle_key(
        &mut self,
        key: &KeyEvent,
        action: Option<Action>,
        page: u16,
        ctx: &mut Ctx,
    ) -> Outcome {
        let flow = match self.steps.last_mut() {
            Some(Step::File(s)) => s.handle_key(key, action, ctx),
            Some(Step::Sheet(s)) => s.handle_key(action, ctx),
            Some(Step::Mapping(s)) => s.handle_key(action, ctx),
            Some(Step::Preview(s)) => s.handle_key(action, page, ctx),
            Some(Step::Values(s)) => s.handle_key(action, ctx),
            Some(Step::Policy(s)) => s.handle_key(action, ctx),
            Some(Step::Progress(s)) => s.handle_key(action, ctx),
            Some(Step::Result(s)) => s.handle_key(action, ctx),
            Some(Step::InvoiceRun(s)) => s.handle_key(action),
            Some(Step::InvoiceResult(s)) => s.handle_key(action, ctx),
            None => Flow::Close,
        };
        self.apply(flow)
    }

    /// A popup the current step opened answered.
    fn answer(&mut self, reply: Reply, ctx: &mut Ctx) -> Outcome {
        let flow = match self.steps.last_mut() {
            Some(Step::Mapping(s)) => s.answer(reply, ctx),
            Some(Step::Values(s)) => s.answer(reply),
            Some(Step::Result(s)) => s.answer(reply, ctx),
            _ => Flow::Stay,
        };
        self.apply(flow)
    }

    /// Popups stand over the step, below the wizard's steps line.
    fn popup_area(&self, area: Rect) -> Rect {
        view::body_area(area)
    }

    /// Takes in the workers' news: `None` when nothing changed, else what
    /// to say (the step's flow is taken in here; only its messages go on).
    fn poll(&mut self, ctx: &mut Ctx) -> Option<Outcome> {
        let (changed, flow) = match self.steps.last_mut() {
            Some(Step::Preview(s)) => (s.poll(ctx), Flow::Stay),
            Some(Step::Progress(s)) => s.poll(ctx),
            Some(Step::InvoiceRun(s)) => s.poll(ctx),
            _ => (false, Flow::Stay),
        };
        let said = self.apply(flow).messages();
        (changed || !matches!(said, Outcome::Stay)).then_some(said)
    }

    fn render(&self, frame: &mut Frame, area: Rect, ctx: &Ctx) {
        let Some(step) = self.current() else {
            return;
        };
        let (index, chosen) = match step {
            Step::File(_) => (0, None),
            Step::Sheet(s) => (1, Some(s.chosen())),
            Step::Mapping(s) => (2, Some(s.chosen())),
            Step::Preview(s) => (3, Some(s.chosen())),
            Step::Values(s) => (3, Some(s.chosen())),
            Step::Policy(s) => (4, Some(s.chosen())),
            Step::Progress(s) => (5, Some(s.chosen())),
            Step::Result(s) => (6, Some(s.chosen())),
            Step::InvoiceRun(_) => (5, None),
            Step::InvoiceResult(_) => (6, None),
        };
        let title = match step {
            Step::InvoiceRun(_) | Step::InvoiceResult(_) => Msg::ImportInvoicesTitle,
            _ => Msg::ImportTitle,
        };
        let body = view::chrome(frame, area, index, chosen, title, ctx);
        match step {
            Step::File(s) => s.render(frame, body, ctx),
            Step::Sheet(s) => s.render(frame, body, ctx),
            Step::Mapping(s) => s.render(frame, body, ctx),
            Step::Preview(s) => s.render(frame, body, ctx),
            Step::Values(s) => s.render(frame, body, ctx),
            Step::Policy(s) => s.render(frame, body, ctx),
            Step::Progress(s) => s.render(frame, body, ctx),
            Step::Result(s) => s.render(frame, body, ctx),
            Step::InvoiceRun(s) => s.render(frame, body, ctx),
            Step::InvoiceResult(s) => s.render(frame, body, ctx),
        }
    }

    fn status_line(&self, width: usize, ctx: &Ctx) -> Line<'static> {
        let hint = match self.current() {
            Some(Step::File(_)) => Msg::FileHint,
            Some(Step::Sheet(_)) => Msg::HeaderHint,
            Some(Step::Mapping(_)) => Msg::MappingHint,
            Some(Step::Preview(_)) => Msg::PreviewHint,
            Some(Step::Values(_)) => Msg::NewValuesHint,
            Some(Step::Policy(_)) => Msg::BackupNote,
            Some(Step::Progress(_) | Step::InvoiceRun(_)) => Msg::ProgressHint,
            Some(Step::Result(_) | Step::InvoiceResult(_)) | None => Msg::ResultHint,
        };
        Line::styled(truncate(ctx.t(hint), width).into_owned(), ctx.theme.dim)
    }
}
