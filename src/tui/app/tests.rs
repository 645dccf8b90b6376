//! The popup stack's rules, with a probe screen: a popup has the keyboard,
//! its reply goes to the screen that opened it, and the screen's outcome
//! says whether it stays, gets a follow-up, or closes with the one below.

use std::cell::RefCell;
use std::collections::VecDeque;
use std::rc::Rc;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Frame;
use ratatui::layout::Rect;

use super::{App, Layer, Options};
use crate::domain::Lang;
use crate::store::Store;
use crate::tui::app::Ctx;
use crate::tui::component::{Component, Outcome, Reply, Status, ask};
use crate::tui::i18n::Msg;
use crate::tui::keymap::{Action, Scope};
use crate::tui::widgets::confirm::Confirm;
use crate::tui::widgets::prompt::Prompt;

/// Opens a confirm on `c`, a prompt on `p`; logs the keys it sees and the
/// replies it gets, and answers with the outcomes it was given, in turn.
struct Probe {
    keys: Rc<RefCell<Vec<KeyCode>>>,
    replies: Rc<RefCell<Vec<Reply>>>,
    outcomes: VecDeque<Outcome>,
}

impl Component for Probe {
    fn scope(&self, _ctx: &Ctx) -> Scope {
        Scope::Detail
    }

    fn handle_key(&mut self, key: &KeyEvent, _: Option<Action>, _: u16, _: &mut Ctx) -> Outcome {
        self.keys.borrow_mut().push(key.code);
        match key.code {
            KeyCode::Char('c') => ask(Confirm::new(Msg::QuitTitle, "sure?")),
            KeyCode::Char('p') => ask(Prompt::new(
                Msg::StatementTitle,
                "",
                &[(Msg::StatementFile, String::new())],
            )),
            _ => Outcome::Stay,
        }
    }

    fn answer(&mut self, reply: Reply, _ctx: &mut Ctx) -> Outcome {
        self.replies.borrow_mut().push(reply);
        self.outcomes.pop_front().unwrap_or(Outcome::Stay)
    }

    fn render(&self, _: &mut Frame, _: Rect, _: &Ctx) {}
}

type Log<T> = Rc<RefCell<Vec<T>>>;

fn app_with_probe(outcomes: Vec<Outcome>) -> (App, Log<KeyCode>, Log<Reply>) {
    let store = Store::open_in_memory().unwrap();
    let mut app = App::new(store, Options::new(Lang::En)).unwrap();
    let (keys, replies) = (Log::default(), Log::default());
    app.stack.push(Layer::new(Box::new(Probe {
        keys: Rc::clone(&keys),
        replies: Rc::clone(&replies),
        outcomes: outcomes.into(),
    })));
    (app, keys, replies)
}

fn press(app: &mut App, code: KeyCode) {
    app.handle_key(KeyEvent::new(code, KeyModifiers::NONE));
}

fn popups(app: &App) -> usize {
    app.stack.last().map_or(0, |l| l.popups.len())
}

#[test]
fn an_open_popup_has_the_keyboard_and_its_reply_goes_to_its_screen() {
    let (mut app, keys, replies) = app_with_probe(vec![]);
    press(&mut app, KeyCode::Char('c'));
    assert_eq!(app.scope(), Scope::Confirm);
    // `x` is nothing to a confirm, and the screen below never sees it.
    press(&mut app, KeyCode::Char('x'));
    assert_eq!(*keys.borrow(), [KeyCode::Char('c')]);
    press(&mut app, KeyCode::Char('y'));
    assert_eq!(*replies.borrow(), [Reply::Yes]);
    assert_eq!(popups(&app), 0);
    assert_eq!(app.scope(), Scope::Detail);
}

#[test]
fn keep_follow_up_and_close_below_settle_the_popups_as_the_screen_says() {
    let (mut app, _, replies) = app_with_probe(vec![
        // A refused file name: the prompt stays, its text kept.
        Outcome::Keep,
        // The file exists: replace it? (over the prompt)
        Outcome::FollowUp(Box::new(Confirm::new(Msg::OverwriteTitle, "exists"))),
        // No: back to the prompt.
        Outcome::Stay,
        Outcome::FollowUp(Box::new(Confirm::new(Msg::OverwriteTitle, "exists"))),
        // Yes, written: the prompt below closes too.
        Outcome::CloseBelow,
    ]);
    press(&mut app, KeyCode::Char('p'));
    app.paste("a.xlsx");
    press(&mut app, KeyCode::Enter);
    assert_eq!(popups(&app), 1);
    assert_eq!(app.scope(), Scope::Prompt);
    press(&mut app, KeyCode::Enter);
    assert_eq!((popups(&app), app.scope()), (2, Scope::Confirm));
    press(&mut app, KeyCode::Char('n'));
    assert_eq!((popups(&app), app.scope()), (1, Scope::Prompt));
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char('y'));
    assert_eq!(popups(&app), 0);
    let submitted = Reply::Submit(vec!["a.xlsx".into()]);
    assert_eq!(
        *replies.borrow(),
        [
            submitted.clone(),
            submitted.clone(),
            Reply::No,
            submitted,
            Reply::Yes
        ]
    );
}

#[test]
fn popups_go_with_their_screen() {
    let (mut app, _, _) = app_with_probe(vec![Outcome::Pop]);
    press(&mut app, KeyCode::Char('c'));
    assert_eq!(popups(&app), 1);
    // Yes, and the screen closes: its popups with it, the list is on top.
    press(&mut app, KeyCode::Char('y'));
    assert_eq!(app.stack.len(), 1);
    assert_eq!(popups(&app), 0);
    assert_eq!(app.scope(), Scope::Empty);
}

fn said(app: &App) -> Option<(String, bool)> {
    app.ctx().message().map(|m| (m.text.clone(), m.error))
}

#[test]
fn a_screen_says_things_by_its_outcome_and_the_last_said_is_shown() {
    let (mut app, _, _) = app_with_probe(vec![
        // A refused answer: the prompt stays and the reason is an error.
        Outcome::Keep.saying(Status::error("name required")),
        // Said, then a later step says more: the later one is shown.
        Outcome::info("saved").then_say(Status::error("re-read failed")),
    ]);
    press(&mut app, KeyCode::Char('p'));
    press(&mut app, KeyCode::Enter);
    assert_eq!(
        popups(&app),
        1,
        "Keep inside a message still keeps the prompt"
    );
    assert_eq!(said(&app), Some(("Error: name required".into(), true)));
    press(&mut app, KeyCode::Enter);
    assert_eq!(popups(&app), 0);
    assert_eq!(said(&app), Some(("Error: re-read failed".into(), true)));
    // The next key clears it.
    press(&mut app, KeyCode::Char('x'));
    assert_eq!(said(&app), None);
}

#[test]
fn a_message_goes_with_the_outcome_it_carries() {
    let (mut app, _, _) = app_with_probe(vec![Outcome::Pop.saying(Status::info("recorded"))]);
    press(&mut app, KeyCode::Char('c'));
    press(&mut app, KeyCode::Char('y'));
    assert_eq!(app.stack.len(), 1, "the Pop inside the message was applied");
    assert_eq!(said(&app), Some(("recorded".into(), false)));
    assert!(matches!(
        Outcome::Keep.saying(Status::info("a")).carried(),
        Outcome::Keep
    ));
    assert!(matches!(
        Outcome::Pop.saying(Status::info("a")).messages(),
        Outcome::Say(_, ref then) if matches!(**then, Outcome::Stay)
    ));
}
