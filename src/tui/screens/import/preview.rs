//! Step 4: every row checked as the import would check it (the core's plan,
//! on a worker, rolled back): how many rows are fine, carry warnings, would
//! be rejected or match a stored customer, and the problems themselves —
//! row as in the file, column header, field, message in the UI language —
//! filterable by severity.

mod counts;

use std::borrow::Cow;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use self::counts::Filter;
pub(crate) use self::counts::{Counts, counts};
use super::policy::PolicyStep;
use super::progress::bar;
use super::values::ValuesStep;
use super::view::{field_label, grouped, wrapped};
use super::worker::{Core, Job, Kind, Running};
use super::{Chosen, Flow, Step};
use crate::domain::Severity;
use crate::import::{ImportError, Report, Settings};
use crate::tui::app::Ctx;
use crate::tui::component::Status;
use crate::tui::i18n::Msg;
use crate::tui::keymap::Action;
use crate::tui::widgets::table::{self, Column, Table};
use crate::tui::widgets::truncate;
use crate::tui::worker::Failed;

/// Lines above the table (counts, filter, blank) and below it (the selected
/// problem's whole message).
const ABOVE: u16 = 3;
const BELOW: u16 = 3;
/// The wizard's own lines above every step.
const CHROME: u16 = 3;

fn table_rows(step_height: u16) -> usize {
    step_height.saturating_sub(ABOVE + BELOW + 1) as usize
}

pub(crate) struct PreviewStep {
    chosen: Chosen,
    settings: Settings,
    run: Option<Running>,
    report: Option<Report>,
    counts: Counts,
    error: Option<Failed<ImportError>>,
    filter: Filter,
    /// Indices into the report's problems that the filter keeps.
    shown: Vec<usize>,
    selected: usize,
    offset: usize,
}

impl PreviewStep {
    /// Starts checking every row (on a worker for a database file).
    pub fn start(ctx: &mut Ctx, chosen: Chosen) -> PreviewStep {
        let mapping = chosen
            .mapping
            .clone()
            .unwrap_or_else(|| crate::import::Mapping::auto(&chosen.layout.headers, &ctx.catalog));
        let mut settings = Settings::new(&chosen.layout, mapping);
        settings.lang = ctx.lang;
        let run = match ctx.store.path() {
            Some(db) => Running::start(
                Kind::Plan,
                Job {
                    db: db.to_path_buf(),
                    operator: ctx.store.operator().to_string(),
                    source: chosen.source.clone(),
                    settings: Core::Customers(settings.clone()),
                    pause_after_rows: None,
                },
            ),
            None => {
                let core = Core::Customers(settings.clone());
                Running::inline(Kind::Plan, &mut ctx.store, &chosen.source, &core)
            }
        };
        let mut step = PreviewStep {
            chosen,
            settings,
            run: Some(run),
            report: None,
            counts: Counts::default(),
            error: None,
            filter: Filter::All,
            shown: Vec::new(),
            selected: 0,
            offset: 0,
        };
        step.poll(ctx);
        step
    }

    pub fn chosen(&self) -> &Chosen {
        &self.chosen
    }

    pub fn is_running(&self) -> bool {
        self.run.is_some()
    }

    pub fn poll(&mut self, _ctx: &mut Ctx) -> bool {
        let Some(run) = self.run.as_mut() else {
            return false;
        };
        let before = run.progress;
        match run.poll() {
            None => run.progress != before,
            Some(result) => {
                self.run = None;
                match result {
                    Ok(report) => {
                        self.counts = counts(&report);
                        self.report = Some(report);
                        self.refilter();
                    }
                    Err(e) => self.error = Some(e),
                }
                true
            }
        }
    }

    fn refilter(&mut self) {
        let filter = self.filter;
        self.shown = self
            .report
            .iter()
            .flat_map(|r| r.problems.iter().enumerate())
            .filter(|(_, p)| filter.keeps(p.severity))
            .map(|(i, _)| i)
            .collect();
        self.selected = 0;
        self.offset = 0;
    }

    pub fn handle_key(&mut self, action: Option<Action>, page: u16, ctx: &mut Ctx) -> Flow {
        let rows = table_rows(page.saturating_sub(CHROME));
        match action {
            Some(Action::Back) => return Flow::Back,
            Some(Action::Confirm) if self.report.is_some() => {
                let mut chosen = self.chosen.clone();
                chosen.mapping = Some(self.settings.mapping.clone());
                let new_values = self.report.as_ref().map_or(&[][..], |r| &r.new_values);
                if let Some(step) = ValuesStep::new(
                    chosen.clone(),
                    self.settings.clone(),
                    self.counts,
                    new_values,
                ) {
                    return Flow::Next(Box::new(Step::Values(Box::new(step))));
                }
                let step = PolicyStep::new(chosen, self.settings.clone(), self.counts);
                return Flow::Next(Box::new(Step::Policy(step)));
            }
            Some(Action::Confirm) if self.run.is_some() => {
                return Status::info(ctx.t(Msg::StillChecking)).into();
            }
            Some(Action::SeverityFilter) => {
                self.filter = self.filter.next();
                self.refilter();
            }
            Some(other) => {
                self.selected = table::moved(self.selected, other, rows, self.shown.len());
                self.offset = table::in_view(self.selected, self.offset, rows);
            }
            None => {}
        }
        Flow::Stay
    }

    pub fn render(&self, frame: &mut Frame, area: Rect, ctx: &Ctx) {
        let theme = &ctx.theme;
        let width = area.width as usize;
        if let Some(run) = &self.run {
            let p = &run.progress;
            let text = format!(
                " {} {} {} ({:.0}%)",
                ctx.t(Msg::Checking),
                grouped(p.rows),
                ctx.t(Msg::RowsLabel),
                p.fraction * 100.0
            );
            let lines = vec![
                Line::raw(truncate(&text, width).into_owned()),
                Line::raw(format!(" {}", bar(p.fraction, width.saturating_sub(2)))),
            ];
            frame.render_widget(Paragraph::new(lines), area);
            return;
        }
        if let Some(error) = &self.error {
            let lines = wrapped(&error.message().text(ctx.lang), width, 6, theme.error);
            frame.render_widget(Paragraph::new(lines), area);
            return;
        }
        let Some(report) = &self.report else {
            return;
        };
        let c = &self.counts;
        let counts = Line::from(vec![
            Span::raw(format!(" {} {} · ", grouped(c.rows), ctx.t(Msg::RowsLabel))),
            Span::styled(
                format!("✓ {} {}", grouped(c.ok), ctx.t(Msg::CountOk)),
                theme.ok,
            ),
            Span::raw(" · "),
            Span::styled(
                format!("! {} {}", grouped(c.warnings), ctx.t(Msg::CountWarning)),
                theme.warning,
            ),
            Span::raw(" · "),
            Span::styled(
                format!("✗ {} {}", grouped(c.errors), ctx.t(Msg::CountError)),
                theme.error,
            ),
            Span::raw(" · "),
            Span::raw(format!(
                "≡ {} {}",
                grouped(c.duplicates),
                ctx.t(Msg::CountDuplicate)
            )),
        ]);
        let mut filter = format!(
            " {}{}{} · {} {}",
            ctx.t(Msg::Showing),
            crate::tui::i18n::colon(ctx.lang),
            ctx.t(self.filter.label()),
            grouped(self.shown.len() as u64),
            ctx.t(Msg::ProblemsLabel)
        );
        if report.problems_omitted > 0 {
            filter.push_str(&format!(
                " (+{} {})",
                grouped(report.problems_omitted),
                ctx.t(Msg::MoreProblems)
            ));
        }
        if !report.new_values.is_empty() {
            filter.push_str(&format!(
                " · {} {}",
                report.new_values.len(),
                ctx.t(Msg::NewValuesLabel)
            ));
        }
        let head = vec![
            counts,
            Line::styled(truncate(&filter, width).into_owned(), theme.dim),
        ];
        frame.render_widget(Paragraph::new(head), area);
        let body = Rect {
            x: area.x + 1,
            y: area.y + ABOVE,
            width: area.width.saturating_sub(1),
            height: area.height.saturating_sub(ABOVE + BELOW),
        };
        if report.problems.is_empty() {
            let line = Line::styled(ctx.t(Msg::NoProblems), theme.ok);
            frame.render_widget(Paragraph::new(line), body);
            return;
        }
        self.render_table(frame, body, report, ctx);
        let Some(problem) = self
            .shown
            .get(self.selected)
            .and_then(|i| report.problems.get(*i))
        else {
            return;
        };
        let detail = Rect {
            y: body.bottom(),
            height: BELOW.min(area.bottom().saturating_sub(body.bottom())),
            ..area
        };
        let text = format!(
            "{} {}{}{}{}",
            ctx.t(Msg::ColRow),
            problem.row,
            if problem.column.is_empty() {
                String::new()
            } else {
                format!(" · {}", problem.column)
            },
            crate::tui::i18n::colon(ctx.lang),
            problem.message.get(ctx.lang)
        );
        let style = match problem.severity {
            Severity::Error => theme.error,
            Severity::Warning => theme.warning,
        };
        let lines = wrapped(&text, detail.width as usize, BELOW as usize, style);
        frame.render_widget(Paragraph::new(lines), detail);
    }

    fn render_table(&self, frame: &mut Frame, area: Rect, report: &Report, ctx: &Ctx) {
        let theme = &ctx.theme;
        let rows = (area.height as usize).saturating_sub(1);
        let offset = table::in_view(self.selected, self.offset, rows);
        let fixed: u16 = 1 + 5 + 12 + 12 + 4;
        let columns = [
            Column {
                title: " ",
                width: 1,
                right: false,
            },
            Column {
                title: ctx.t(Msg::ColRow),
                width: 5,
                right: true,
            },
            Column {
                title: ctx.t(Msg::ColColumn),
                width: 12,
                right: false,
            },
            Column {
                title: ctx.t(Msg::ColField),
                width: 12,
                right: false,
            },
            Column {
                title: ctx.t(Msg::ColMessage),
                width: area.width.saturating_sub(fixed).max(10),
                right: false,
            },
        ];
        let cell = |row: usize, col: usize| -> Cow<'_, str> {
            let Some(p) = self.shown.get(row).and_then(|i| report.problems.get(*i)) else {
                return Cow::Borrowed("");
            };
            match col {
                0 => Cow::Borrowed(match p.severity {
                    Severity::Error => "✗",
                    Severity::Warning => "!",
                }),
                1 => Cow::Owned(p.row.to_string()),
                2 => Cow::Borrowed(p.column.as_str()),
                3 => Cow::Owned(field_label(&p.field, ctx.lang, &ctx.catalog)),
                _ => Cow::Borrowed(p.message.get(ctx.lang)),
            }
        };
        let style = |row: usize| match self
            .shown
            .get(row)
            .and_then(|i| report.problems.get(*i))
            .map(|p| p.severity)
        {
            Some(Severity::Error) => theme.error,
            _ => theme.popup,
        };
        Table {
            columns: &columns,
            count: self.shown.len(),
            offset,
            selected: Some(self.selected),
            cell,
            header_style: theme.column_header,
            selected_style: theme.selected,
            row_style: &style,
            cell_style: None,
        }
        .render(area, frame.buffer_mut());
    }
}
