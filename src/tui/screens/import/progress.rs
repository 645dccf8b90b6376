//! Step 6: the import itself, on a worker thread: a progress bar with rows
//! per second and the time left, the counts so far, and Esc to cancel (the
//! core rolls the whole run back: nothing is written).

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use super::result::{ResultStep, TempFile};
use super::view::{grouped, pairs};
use super::worker::{Core, Job, Kind, Running};
use super::{Chosen, Flow, Step};
use crate::import::Report;
use crate::tui::app::Ctx;
use crate::tui::component::Status;
use crate::tui::i18n::Msg;
use crate::tui::keymap::Action;
use crate::tui::widgets::truncate;

pub(crate) struct ProgressStep {
    chosen: Chosen,
    run: Running,
    /// Where the run writes its rejected rows, for "save rejected rows".
    rejects: TempFile,
    /// A ledger run: its result lists the problems (there is no preview).
    ledger: bool,
}

/// A fresh name for a run's rejected rows in the temporary folder.
fn rejects_file() -> TempFile {
    static NEXT: AtomicU64 = AtomicU64::new(0);
    let n = NEXT.fetch_add(1, Ordering::Relaxed);
    TempFile::new(std::env::temp_dir().join(format!("kehu-rejects-{}-{n}.csv", std::process::id())))
}

impl ProgressStep {
    pub fn start(ctx: &mut Ctx, chosen: Chosen, mut settings: Core) -> ProgressStep {
        let rejects = rejects_file();
        let ledger = matches!(settings, Core::Ledger(_));
        settings.set_output(rejects.path().to_path_buf(), ctx.lang);
        // A database file: the worker opens its own connection, and the
        // app hands its own over until the run ends, so that the import is
        // alone with the file (a rollback journal, not WAL: `load_mode`).
        let run = match ctx.store.path().map(std::path::Path::to_path_buf) {
            Some(db) => {
                ctx.hand_over_store();
                Running::start(
                    Kind::Commit,
                    Job {
                        db,
                        operator: ctx.store.operator().to_string(),
                        source: chosen.source.clone(),
                        settings,
                        pause_after_rows: ctx.import.pause_after_rows,
                    },
                )
            }
            None => Running::inline(Kind::Commit, &mut ctx.store, &chosen.source, &settings),
        };
        ProgressStep {
            chosen,
            run,
            rejects,
            ledger,
        }
    }

    pub fn chosen(&self) -> &Chosen {
        &self.chosen
    }

    pub fn handle_key(&mut self, action: Option<Action>, _ctx: &mut Ctx) -> Flow {
        if action == Some(Action::Cancel) {
            self.run.cancel();
        }
        Flow::Stay
    }

    /// Takes in progress; when the run is over, the result step (and, after
    /// a commit, the customer list reloads).
    pub fn poll(&mut self, ctx: &mut Ctx) -> (bool, Flow) {
        let before = self.run.progress;
        let Some(result) = self.run.poll() else {
            return (self.run.progress != before, Flow::Stay);
        };
        // Done, cancelled, failed or stopped: the app's connection first.
        let failed = ctx.take_store_back().or_else(|| match &result {
            Ok(report) => after_run(report, ctx),
            Err(_) => None,
        });
        let rejects = std::mem::replace(&mut self.rejects, TempFile::none());
        let mut step = ResultStep::new(self.chosen.clone(), result, rejects);
        if self.ledger {
            step = step.listing_problems();
        }
        let finish = Flow::Finish(Box::new(Step::Result(Box::new(step))));
        (true, finish.saying(failed))
    }

    pub fn render(&self, frame: &mut Frame, area: Rect, ctx: &Ctx) {
        let theme = &ctx.theme;
        let width = area.width as usize;
        let p = &self.run.progress;
        let line = |text: String| Line::raw(truncate(&text, width).into_owned());
        let mut lines = vec![
            line(format!(
                " {} {}…",
                ctx.t(Msg::Importing),
                self.chosen.source.file_name()
            )),
            Line::raw(""),
            Line::raw(format!(" {}", bar(p.fraction, width.saturating_sub(2)))),
            Line::raw(""),
            line(format!(
                " {}",
                pairs(
                    &[
                        (grouped(p.rows), ctx.t(Msg::RowsLabel)),
                        (grouped(p.inserted), ctx.t(Msg::Inserted)),
                        (grouped(p.updated), ctx.t(Msg::UpdatedCount)),
                        (grouped(p.skipped), ctx.t(Msg::Skipped)),
                        (grouped(p.rejected), ctx.t(Msg::Rejected)),
                    ],
                    width.saturating_sub(1),
                )
            )),
        ];
        let rate = self
            .run
            .rate()
            .map_or_else(|| "–".to_string(), |r| grouped(r.round() as u64));
        let eta = self.run.eta().map_or_else(|| "–".to_string(), clock);
        lines.push(line(format!(
            " {rate} {} · {} {eta}",
            ctx.t(Msg::PerSecond),
            ctx.t(Msg::Eta)
        )));
        lines.push(Line::raw(""));
        if self.run.cancelling {
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

/// After a run: a commit changed the customers, so the list (and the
/// classification values an import may add) are read again. What went
/// wrong, for the status line.
fn after_run(report: &Report, ctx: &mut Ctx) -> Option<Status> {
    ctx.import.last_rollback_journal = Some(report.rollback_journal);
    reload_after(report.committed, ctx)
}

/// After a run that `committed`, the list is read again; what went wrong.
pub(super) fn reload_after(committed: bool, ctx: &mut Ctx) -> Option<Status> {
    if committed && let Err(e) = ctx.reload_index_later() {
        return Some(Status::error(e.message().text(ctx.lang)));
    }
    None
}

/// A bar `width` columns wide: filled part, empty part, percentage.
pub(crate) fn bar(fraction: f64, width: usize) -> String {
    let fraction = fraction.clamp(0.0, 1.0);
    let percent = format!("{:>4.0}%", fraction * 100.0);
    let room = width.saturating_sub(percent.len() + 1);
    let filled = ((room as f64) * fraction).round() as usize;
    format!(
        "{}{} {percent}",
        "█".repeat(filled),
        "░".repeat(room - filled.min(room))
    )
}

/// 0:07, 12:30, 1:02:03.
fn clock(d: Duration) -> String {
    let s = d.as_secs();
    let (h, m, s) = (s / 3600, s / 60 % 60, s % 60);
    if h > 0 {
        format!("{h}:{m:02}:{s:02}")
    } else {
        format!("{m}:{s:02}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_width::UnicodeWidthStr;

    #[test]
    fn the_bar_fills_its_width_and_the_clock_reads_like_one() {
        assert_eq!(bar(0.5, 20), "███████░░░░░░░   50%");
        assert_eq!(bar(0.5, 20).width(), 20);
        assert_eq!(bar(1.5, 12), "██████  100%");
        assert_eq!(bar(0.0, 12), "░░░░░░    0%");
        assert_eq!(clock(Duration::from_secs(7)), "0:07");
        assert_eq!(clock(Duration::from_secs(750)), "12:30");
        assert_eq!(clock(Duration::from_secs(3723)), "1:02:03");
    }
}
