//! Step 7: what the import did — inserted, updated, skipped, rejected, the
//! batch (undone from the import history) and the backup — and `r` to save
//! the rejected rows as they were plus an "error" column, CSV or XLSX by the
//! extension typed, ready to fix and import again.

use std::path::{Path, PathBuf};

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use super::history::HistoryScreen;
use super::view::{grouped, pairs, wrapped};
use super::{Chosen, Flow};
use crate::import::{ImportError, Report, save_rejects};
use crate::outfile::{self, Format as OutFormat};
use crate::tui::app::Ctx;
use crate::tui::component::{Reply, Status};
use crate::tui::i18n::Msg;
use crate::tui::keymap::{Action, Scope};
use crate::tui::outfile::{self as tui_outfile, Overwrite};
use crate::tui::widgets::prompt::Prompt;
use crate::tui::widgets::truncate;
use crate::tui::worker::Failed;

/// A file in the temporary folder, removed when dropped.
pub(crate) struct TempFile(Option<PathBuf>);

impl TempFile {
    pub fn new(path: PathBuf) -> TempFile {
        TempFile(Some(path))
    }

    pub fn none() -> TempFile {
        TempFile(None)
    }

    pub fn path(&self) -> &Path {
        self.0.as_deref().unwrap_or(Path::new(""))
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        if let Some(path) = self.0.take() {
            let _ = std::fs::remove_file(path);
        }
    }
}

/// The rejects' file name being asked for, or whether to replace it.
enum Asking {
    File,
    Overwrite(PathBuf),
}

pub(crate) struct ResultStep {
    chosen: Chosen,
    outcome: Result<Report, Failed<ImportError>>,
    rejects: TempFile,
    /// What the open popup is for.
    asking: Option<Asking>,
    /// A save refused because the file exists: the question to ask next.
    overwrite: Option<Box<Overwrite>>,
    /// Where the rejected rows were saved last.
    saved_to: Option<PathBuf>,
    /// List each problem by row and column (a ledger run: no preview).
    problems: bool,
}

impl ResultStep {
    pub fn new(
        chosen: Chosen,
        outcome: Result<Report, Failed<ImportError>>,
        rejects: TempFile,
    ) -> ResultStep {
        ResultStep {
            chosen,
            outcome,
            rejects,
            asking: None,
            overwrite: None,
            saved_to: None,
            problems: false,
        }
    }

    pub fn listing_problems(mut self) -> ResultStep {
        self.problems = true;
        self
    }

    pub fn chosen(&self) -> &Chosen {
        &self.chosen
    }

    pub fn scope(&self) -> Scope {
        Scope::ImportResult
    }

    fn rejected(&self) -> u64 {
        self.outcome.as_ref().map_or(0, |r| r.rejected)
    }

    /// The file prompt answered (refused: it stays, or asks to replace an
    /// existing file), or the replace question over it.
    pub fn answer(&mut self, reply: Reply, ctx: &mut Ctx) -> Flow {
        match (self.asking.take(), reply) {
            (Some(Asking::File), Reply::Submit(values)) => {
                let file = values.first().map_or("", |v| v.trim()).to_string();
                let refusal = match self.save(Path::new(&file), false, ctx) {
                    Ok(saved) => return saved.into(),
                    Err(refusal) => refusal,
                };
                if let Some(overwrite) = self.overwrite.take() {
                    self.asking = Some(Asking::Overwrite(overwrite.file));
                    return Flow::FollowUp(Box::new(overwrite.confirm)).saying(refusal);
                }
                self.asking = Some(Asking::File);
                Flow::Keep.saying(refusal)
            }
            (Some(Asking::Overwrite(file)), reply) => {
                self.asking = Some(Asking::File);
                if reply == Reply::Yes {
                    return match self.save(&file, true, ctx) {
                        Ok(saved) => {
                            self.asking = None;
                            Flow::CloseBelow.saying(saved)
                        }
                        Err(refusal) => Flow::Stay.saying(refusal),
                    };
                }
                Flow::Stay
            }
            _ => Flow::Stay,
        }
    }

    pub fn handle_key(&mut self, action: Option<Action>, ctx: &mut Ctx) -> Flow {
        match action {
            Some(Action::Back) => Flow::Close,
            Some(Action::SaveRejects) => {
                if self.rejected() == 0 {
                    return Status::info(ctx.t(Msg::NoRejects)).into();
                }
                let default = self.default_rejects_path(ctx);
                self.asking = Some(Asking::File);
                Flow::Ask(Box::new(Prompt::new(
                    Msg::RejectsTitle,
                    ctx.t(Msg::RejectsBody),
                    &[(Msg::RejectsFile, default.display().to_string())],
                )))
            }
            Some(Action::ImportHistory) => match HistoryScreen::open(ctx) {
                Ok(history) => Flow::Open(Box::new(history)),
                Err(e) => Status::error(e.message().text(ctx.lang)).into(),
            },
            _ => Flow::Stay,
        }
    }

    /// Beside the imported file: `客户档案-未导入.csv` / `customers-rejected.csv`.
    fn default_rejects_path(&self, ctx: &Ctx) -> PathBuf {
        let source = self.chosen.source.path();
        let stem = source.file_stem().map_or_else(
            || "import".to_string(),
            |s| s.to_string_lossy().into_owned(),
        );
        let name = format!("{stem}{}.csv", ctx.t(Msg::RejectsSuffix));
        match source.parent() {
            Some(dir) => dir.join(name),
            None => PathBuf::from(name),
        }
    }

    /// Writes the rejected rows to `file`: what was written, or (`Err`) why
    /// it was refused and the prompt should stay (none when an existing
    /// file's question follows). An existing file is replaced only with
    /// `force` (after the user said yes).
    fn save(&mut self, path: &Path, force: bool, ctx: &Ctx) -> Result<Status, Option<Status>> {
        let rules = tui_outfile::rules(ctx, Some(self.chosen.source.path()), force);
        let written = outfile::write(path, OutFormat::SHEETS, &rules, |tmp, _| {
            save_rejects(self.rejects.path(), tmp).map(|_| ())
        });
        match written {
            Ok(written) => {
                let shown = std::path::absolute(&written).unwrap_or(written);
                let said = format!(
                    "{}{}{}",
                    ctx.t(Msg::RejectsSaved),
                    crate::tui::i18n::colon(ctx.lang),
                    shown.display()
                );
                self.saved_to = Some(shown);
                Ok(Status::info(said))
            }
            Err(e) => {
                self.overwrite = Overwrite::ask(&e, ctx).map(Box::new);
                match self.overwrite {
                    None => Err(Some(Status::error(e.text(ctx.lang)))),
                    Some(_) => Err(None),
                }
            }
        }
    }

    pub fn render(&self, frame: &mut Frame, area: Rect, ctx: &Ctx) {
        let theme = &ctx.theme;
        let width = area.width as usize;
        let line = |text: String| Line::raw(truncate(&text, width).into_owned());
        let report = match &self.outcome {
            Ok(report) => report,
            Err(e) => {
                let mut lines = vec![Line::styled(
                    format!(" ✗ {}", ctx.t(Msg::ImportFailed)),
                    theme.error,
                )];
                lines.extend(wrapped(&e.message().text(ctx.lang), width, 6, theme.error));
                frame.render_widget(Paragraph::new(lines), area);
                return;
            }
        };
        let (headline, style) = if report.cancelled {
            (ctx.t(Msg::ImportCancelled).to_string(), theme.warning)
        } else if let Some(row) = report.stopped_at {
            (format!("{} {row}", ctx.t(Msg::StoppedAt)), theme.warning)
        } else if let Some(batch) = report.batch {
            (format!("✓ {} {batch}", ctx.t(Msg::ImportDone)), theme.ok)
        } else if report.committed {
            // A ledger run: its entries are no import batch.
            (format!("✓ {}", ctx.t(Msg::LedgerImported)), theme.ok)
        } else if report.not_written > 0 {
            // Valid rows left unwritten: all or nothing met a rejected row.
            (
                ctx.t(Msg::AllOrNothingRolledBack).to_string(),
                theme.warning,
            )
        } else {
            (ctx.t(Msg::NothingToWrite).to_string(), theme.warning)
        };
        let mut counts = vec![
            (grouped(report.rows), ctx.t(Msg::RowsLabel)),
            (grouped(report.inserted), ctx.t(Msg::Inserted)),
            (grouped(report.updated), ctx.t(Msg::UpdatedCount)),
            (grouped(report.skipped), ctx.t(Msg::Skipped)),
            (grouped(report.rejected), ctx.t(Msg::Rejected)),
            (grouped(report.warnings), ctx.t(Msg::CountWarning)),
        ];
        // A run that wrote nothing says how many valid rows it did not write.
        if report.not_written > 0 {
            counts.insert(2, (grouped(report.not_written), ctx.t(Msg::NotWritten)));
        }
        let mut lines = vec![
            Line::styled(truncate(&format!(" {headline}"), width).into_owned(), style),
            Line::raw(""),
            line(format!("  {}", pairs(&counts, width.saturating_sub(2)))),
        ];
        if let Some(row) = report.example_row {
            lines.push(line(format!(
                "  {} {row} {}",
                ctx.t(Msg::ColRow),
                ctx.t(Msg::ExampleRowSkipped)
            )));
        }
        if report.committed
            && let Some(backup) = &report.backup
        {
            lines.push(line(format!(
                "  {}{}{}",
                ctx.t(Msg::Backup),
                crate::tui::i18n::colon(ctx.lang),
                backup.display()
            )));
        }
        lines.push(Line::raw(""));
        if report.rejected > 0 {
            let text = format!(
                "{} {} {}",
                ctx.t(Msg::RejectsHintBefore),
                grouped(report.rejected),
                ctx.t(Msg::RejectsHintAfter)
            );
            lines.extend(wrapped(&text, width, 3, theme.popup));
            if let Some(saved) = &self.saved_to {
                lines.push(line(format!(
                    "  {}{}{}",
                    ctx.t(Msg::RejectsSaved),
                    crate::tui::i18n::colon(ctx.lang),
                    saved.display()
                )));
            }
        }
        if report.batch.is_some() {
            lines.extend(wrapped(ctx.t(Msg::UndoHint), width, 2, theme.dim));
        }
        if self.problems {
            lines.push(Line::raw(""));
            for p in &report.problems {
                let text = format!(
                    "{} {} {}{}{}",
                    ctx.t(Msg::ColRow),
                    p.row,
                    p.column,
                    crate::tui::i18n::colon(ctx.lang),
                    p.message.get(ctx.lang)
                );
                lines.push(line(format!("  {text}")));
            }
        }
        frame.render_widget(Paragraph::new(lines), area);
    }
}
