//! The backups beside the database (`B` from the list): newest first, `b`
//! takes one now, Enter/`r` restores the selected one after a confirmation —
//! the same checked steps as `kehu backup` and `kehu restore`.

use std::path::PathBuf;

use crossterm::event::KeyEvent;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use crate::import::KEEP_BACKUPS;
use crate::store::{self, BackupFile};
use crate::tui::app::Ctx;
use crate::tui::component::{Component, Reply, Status, ask};
use crate::tui::i18n::Msg;
use crate::tui::keymap::{Action, Scope};
use crate::tui::screens::Outcome;
use crate::tui::widgets::confirm::Confirm;
use crate::tui::widgets::table;
use crate::tui::widgets::truncate;

/// Lines above the list (title, blank).
const ABOVE: u16 = 2;

pub struct BackupsScreen {
    backups: Vec<BackupFile>,
    selected: usize,
    offset: usize,
    /// Restoring this backup, once confirmed.
    restoring: Option<PathBuf>,
}

impl BackupsScreen {
    /// The screen, pushed.
    pub fn open(ctx: &Ctx) -> Outcome {
        Outcome::Push(Box::new(BackupsScreen {
            backups: ctx
                .store
                .path()
                .map(store::list_backups)
                .unwrap_or_default(),
            selected: 0,
            offset: 0,
            restoring: None,
        }))
    }

    fn back_up(&mut self, ctx: &mut Ctx) -> Outcome {
        let taken = ctx.store.take_backup().and_then(|b| {
            if let Some(db) = ctx.store.path() {
                store::prune_backups(db, KEEP_BACKUPS)?;
            }
            Ok(b)
        });
        self.reload(ctx);
        match taken {
            Ok(Some(path)) => Outcome::info(format!(
                "{}{}{}",
                ctx.t(Msg::BackupTaken),
                crate::tui::i18n::colon(ctx.lang),
                path.display()
            )),
            Ok(None) => Outcome::Stay,
            Err(e) => Outcome::error(e.message().text(ctx.lang)),
        }
    }

    fn restore(&mut self, file: &std::path::Path, ctx: &mut Ctx) -> Outcome {
        let Some(db) = ctx.store.path().map(std::path::Path::to_path_buf) else {
            return Outcome::Stay;
        };
        let said = match store::restore_database(&db, file) {
            // Everything on screen came from the database before.
            Ok(_) => match ctx.reload_index_later() {
                Err(e) => Status::error(e.message().text(ctx.lang)),
                Ok(()) => Status::info(format!(
                    "{}{}{}",
                    ctx.t(Msg::Restored),
                    crate::tui::i18n::colon(ctx.lang),
                    file.display()
                )),
            },
            Err(e) => Status::error(e.message().text(ctx.lang)),
        };
        self.reload(ctx);
        said.into()
    }

    fn reload(&mut self, ctx: &Ctx) {
        self.backups = ctx
            .store
            .path()
            .map(store::list_backups)
            .unwrap_or_default();
        self.selected = self.selected.min(self.backups.len().saturating_sub(1));
    }
}

impl Component for BackupsScreen {
    fn scope(&self, _ctx: &Ctx) -> Scope {
        Scope::Backups
    }

    /// The restore question answered.
    fn answer(&mut self, reply: Reply, ctx: &mut Ctx) -> Outcome {
        match (self.restoring.take(), reply) {
            (Some(file), Reply::Yes) => self.restore(&file, ctx),
            _ => Outcome::Stay,
        }
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
            Some(Action::BackupNow) => return self.back_up(ctx),
            Some(Action::RestoreBackup) => {
                if let Some(b) = self.backups.get(self.selected) {
                    let body = format!("{} · {}", b.taken, ctx.t(Msg::RestoreBody));
                    self.restoring = Some(b.path.clone());
                    return ask(Confirm::new(Msg::RestoreTitle, body));
                }
            }
            Some(other) => {
                let rows = page.saturating_sub(ABOVE + 1) as usize;
                self.selected = table::moved(self.selected, other, rows, self.backups.len());
                self.offset = table::in_view(self.selected, self.offset, rows);
            }
            None => {}
        }
        Outcome::Stay
    }

    fn status_line(&self, width: usize, ctx: &Ctx) -> Line<'static> {
        let text = self
            .backups
            .get(self.selected)
            .map(|b| b.path.display().to_string())
            .unwrap_or_default();
        Line::styled(truncate(&text, width).into_owned(), ctx.theme.dim)
    }

    fn render(&self, frame: &mut Frame, area: Rect, ctx: &Ctx) {
        let theme = &ctx.theme;
        let width = area.width as usize;
        let title = format!(" {} ({})", ctx.t(Msg::BackupsTitle), self.backups.len());
        let mut lines = vec![
            Line::styled(truncate(&title, width).into_owned(), theme.title),
            Line::raw(""),
        ];
        if self.backups.is_empty() {
            lines.push(Line::raw(format!(" {}", ctx.t(Msg::NoBackups))));
        }
        let rows = area.height.saturating_sub(ABOVE) as usize;
        let offset = table::in_view(self.selected, self.offset, rows);
        for (i, b) in self.backups.iter().enumerate().skip(offset).take(rows) {
            let state = if b.usable {
                String::new()
            } else {
                format!("  ({})", ctx.t(Msg::BackupDamaged))
            };
            let name = b
                .path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let text = format!(
                " {}  {:>10} KB  {name}{state}",
                b.taken,
                b.bytes.div_ceil(1024)
            );
            let style = if i == self.selected {
                theme.selected
            } else if b.usable {
                theme.popup
            } else {
                theme.error
            };
            lines.push(Line::styled(truncate(&text, width).into_owned(), style));
        }
        frame.render_widget(Paragraph::new(lines), area);
    }
}
