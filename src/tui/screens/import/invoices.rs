//! Invoices from the tax platform (`kehu import --kind invoices`): the
//! export or 数电票 XML booked by the core (`import::invoices`) on a worker
//! with its own connection, with a bar of invoices booked and Esc to cancel
//! (the core rolls a cancelled run back: nothing is written).

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use super::invoice_result::InvoiceResultStep;
use super::progress::{bar, reload_after};
use super::view::grouped;
use super::{Flow, Step};
use crate::import::ImportError;
use crate::import::invoices::{self, InvoiceReport, Watch};
use crate::tui::app::Ctx;
use crate::tui::i18n::Msg;
use crate::tui::keymap::Action;
use crate::tui::widgets::truncate;
use crate::tui::worker::Worker;

/// As the customer import: a smooth bar without flooding the channel.
const SEND_EVERY: Duration = Duration::from_millis(50);

/// Invoices done and read, as last reported.
type Done = (u64, u64);

pub(crate) struct InvoiceRunStep {
    file: PathBuf,
    worker: Worker<InvoiceReport, ImportError, Done>,
    done: Done,
    cancelling: bool,
}

impl InvoiceRunStep {
    pub fn start(ctx: &mut Ctx, file: PathBuf) -> InvoiceRunStep {
        let paths = vec![file.clone()];
        let pause = ctx.import.pause_after_rows;
        let worker = match ctx.store.path().map(Path::to_path_buf) {
            Some(db) => {
                Worker::on_database(db, ctx.store.operator().to_string(), move |store, task| {
                    let mut last: Option<Instant> = None;
                    let mut paused = false;
                    let mut progress = |done: u64, total: u64| {
                        // Tests: wait after `pause` invoices until cancelled.
                        let pause_now = !paused && pause.is_some_and(|n| done >= n);
                        if pause_now || last.is_none_or(|t| t.elapsed() >= SEND_EVERY) {
                            last = Some(Instant::now());
                            task.report((done, total));
                        }
                        if pause_now {
                            paused = true;
                            while !task.is_cancelled() {
                                std::thread::sleep(Duration::from_millis(2));
                            }
                        }
                    };
                    let watch = Watch {
                        progress: &mut progress,
                        cancel: task.cancel_flag(),
                    };
                    invoices::commit_watched(store, &paths, watch)
                })
            }
            // An in-memory database cannot be opened twice: at once.
            None => Worker::finished(invoices::commit(&mut ctx.store, &paths)),
        };
        InvoiceRunStep {
            file,
            worker,
            done: (0, 0),
            cancelling: false,
        }
    }

    pub fn handle_key(&mut self, action: Option<Action>) -> Flow {
        if action == Some(Action::Cancel) {
            self.worker.cancel();
            self.cancelling = true;
        }
        Flow::Stay
    }

    /// Takes in progress; when the run is over, the result step (and, after
    /// a commit, the customer list reloads: it may have new customers).
    pub fn poll(&mut self, ctx: &mut Ctx) -> (bool, Flow) {
        let before = self.done;
        let result = self.worker.poll();
        if let Some(done) = self.worker.progress() {
            self.done = *done;
        }
        let Some(result) = result else {
            return (self.done != before, Flow::Stay);
        };
        let committed = result.as_ref().is_ok_and(|r| r.committed);
        let failed = reload_after(committed, ctx);
        let step = InvoiceResultStep::new(self.file.clone(), result);
        let finish = Flow::Finish(Box::new(Step::InvoiceResult(Box::new(step))));
        (true, finish.saying(failed))
    }

    pub fn render(&self, frame: &mut Frame, area: Rect, ctx: &Ctx) {
        let theme = &ctx.theme;
        let width = area.width as usize;
        let line = |text: String| Line::raw(truncate(&text, width).into_owned());
        let (done, total) = self.done;
        let fraction = if total == 0 {
            0.0
        } else {
            done as f64 / total as f64
        };
        let name = self.file.file_name().map_or_else(
            || self.file.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        let mut lines = vec![
            line(format!(" {} {name}…", ctx.t(Msg::ImportingInvoices))),
            Line::raw(""),
            Line::raw(format!(" {}", bar(fraction, width.saturating_sub(2)))),
            Line::raw(""),
            line(format!(
                " {} / {} {}",
                grouped(done),
                grouped(total),
                ctx.t(Msg::InvoicesWord)
            )),
            Line::raw(""),
        ];
        if self.cancelling {
            lines.push(Line::styled(
                format!(" {}", ctx.t(Msg::Cancelling)),
                theme.warning,
            ));
        } else {
            lines.push(line(format!(" {}", ctx.t(Msg::CancelNote))));
        }
        frame.render_widget(Paragraph::new(lines), area);
    }
}
