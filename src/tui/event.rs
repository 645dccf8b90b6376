//! Terminal input turned into the few events the app cares about.

use std::time::Duration;

use crossterm::event::{self, Event as TermEvent, KeyEvent, KeyEventKind, MouseEventKind};

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Event {
    Key(KeyEvent),
    /// Text pasted in one piece (bracketed paste): typed into the field
    /// with the keyboard, never taken as commands or an Enter.
    Paste(String),
    ScrollUp,
    ScrollDown,
    Resize,
    /// Nothing happened within the poll interval: time to check on workers.
    Tick,
}

/// Waits up to `timeout` for input. Key releases and repeats reported by
/// enhanced keyboards are dropped so each press counts once.
pub fn next(timeout: Duration) -> std::io::Result<Event> {
    if !event::poll(timeout)? {
        return Ok(Event::Tick);
    }
    Ok(match event::read()? {
        TermEvent::Key(key) if key.kind == KeyEventKind::Press => Event::Key(key),
        TermEvent::Mouse(m) => match m.kind {
            MouseEventKind::ScrollUp => Event::ScrollUp,
            MouseEventKind::ScrollDown => Event::ScrollDown,
            _ => Event::Tick,
        },
        TermEvent::Resize(..) => Event::Resize,
        TermEvent::Paste(text) => Event::Paste(text),
        _ => Event::Tick,
    })
}
