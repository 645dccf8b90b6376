//! Drawing the set-up dialog: the fields, "reading…" while a worker runs,
//! nothing while the sign picker (on the app's popup stack) asks.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Paragraph};

use super::Setup;
use crate::reconcile::SignConvention;
use crate::tui::app::Ctx;
use crate::tui::i18n::Msg;
use crate::tui::widgets::{centered, clear};

impl Setup {
    pub fn render(&self, frame: &mut Frame, area: Rect, ctx: &Ctx) {
        let (theme, lang) = (&ctx.theme, ctx.lang);
        match (&self.sign, &self.job) {
            // The sign picker (on the app's popup stack) stands alone.
            (Some(_), _) => {}
            (None, Some(_)) => {
                self.prompt.render(frame, area, theme, lang);
                let text = ctx.t(Msg::ReadingStatement);
                let width = unicode_width::UnicodeWidthStr::width(text) as u16 + 4;
                let popup = centered(area, width, 3);
                clear(frame, popup);
                frame.render_widget(
                    Paragraph::new(Line::styled(text, theme.focused)).block(
                        Block::default()
                            .borders(Borders::ALL)
                            .border_style(theme.border),
                    ),
                    popup,
                );
            }
            (None, None) => self.prompt.render(frame, area, theme, lang),
        }
    }
}

pub(in crate::tui::screens::reconcile) fn sign_label(
    sign: SignConvention,
    ctx: &Ctx,
) -> &'static str {
    match sign {
        SignConvention::TheirCreditIsOurDebit => ctx.t(Msg::SignTheirCredit),
        SignConvention::Same => ctx.t(Msg::SignSame),
    }
}
