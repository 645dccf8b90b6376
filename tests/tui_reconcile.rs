//! The reconciliation screen driven by keys on a real database file and real
//! statement files: opening it from the list, the details and the ledger,
//! refusals in the dialog, marks and manual matches, notes, the adjusting
//! entry, re-matching, the filter, saving, confirming, exporting, leaving.

#[path = "support/recon.rs"]
mod recon;
#[path = "support/tui_support.rs"]
mod support;

use calamine::{Data, Reader, open_workbook_auto};
use crossterm::event::KeyCode;
use kehu::domain::Lang;
use kehu::reconcile::{Rule, Side};
use kehu::store::{SessionStatus, Store};
use kehu::tui::App;
use recon::{Books, books, day, statement, yuan};
use support::{ctrl, key, screen, typed};

fn app_on(b: &Books, lang: Lang) -> App {
    let mut store = Store::open(&b.db).unwrap();
    store.set_operator("会计小王");
    support::app(store, lang)
}

/// The app on the sample customer's books with the reconciliation opened on
/// the sample statement (the detected sign accepted).
fn opened() -> (Books, App) {
    let (b, app, _) = opened_with_path();
    (b, app)
}

fn opened_with_path() -> (Books, App, std::path::PathBuf) {
    let b = books();
    let path = statement(b.dir.path(), "s.xlsx", false);
    let mut app = app_on(&b, Lang::En);
    typed(&mut app, "r");
    typed(&mut app, path.to_str().unwrap());
    key(&mut app, KeyCode::Enter);
    app.wait_until_loaded();
    key(&mut app, KeyCode::Enter);
    app.wait_until_loaded();
    (b, app, path)
}

/// The screen at 120×40 (room for every column).
fn text(app: &mut App) -> String {
    screen(app, 120, 40)
}

/// The status line (second to last).
fn status(app: &mut App) -> String {
    let text = text(app);
    let lines: Vec<&str> = text.lines().collect();
    lines[lines.len() - 2].to_string()
}

/// The saved session read back from the file.
fn saved(b: &Books, id: i64) -> kehu::store::Session {
    Store::open(&b.db).unwrap().reconciliation(id).unwrap()
}

#[test]
fn r_opens_it_from_the_list_the_details_and_the_ledger() {
    let b = books();
    let mut app = app_on(&b, Lang::En);
    typed(&mut app, "r");
    assert!(text(&mut app).contains("Reconcile with the customer's statement"));
    key(&mut app, KeyCode::Esc);
    key(&mut app, KeyCode::Char(' ')); // details
    typed(&mut app, "r");
    assert!(text(&mut app).contains("Statement file"));
    key(&mut app, KeyCode::Esc);
    typed(&mut app, "l"); // the ledger: r reverses there, R reconciles
    typed(&mut app, "R");
    assert!(text(&mut app).contains("Statement file"));
}

#[test]
fn the_dialog_names_what_is_wrong_and_stays_open() {
    let b = books();
    let mut app = app_on(&b, Lang::En);
    typed(&mut app, "r");
    typed(
        &mut app,
        b.dir.path().join("nowhere.xlsx").to_str().unwrap(),
    );
    key(&mut app, KeyCode::Enter);
    app.wait_until_loaded();
    assert!(
        status(&mut app).contains("nowhere.xlsx"),
        "{}",
        text(&mut app)
    );
    assert!(text(&mut app).contains("Statement file"));

    let mut rows = recon::files::huaqiang();
    rows[9][5] = recon::files::Cell::Text("五万八");
    let bad = b.dir.path().join("bad.csv");
    recon::files::write_csv(&bad, &rows);
    ctrl(&mut app, 'u');
    typed(&mut app, bad.to_str().unwrap());
    key(&mut app, KeyCode::Enter);
    app.wait_until_loaded();
    let line = status(&mut app);
    assert!(line.contains("row 10, column 贷方"), "{line}");
}

#[test]
fn two_lines_matched_by_hand_with_a_note_are_saved() {
    let (b, mut app) = opened();
    // Our invoice in the post and their payment of 12-30: mark both.
    typed(&mut app, "G");
    key(&mut app, KeyCode::Tab);
    key(&mut app, KeyCode::Char(' '));
    key(&mut app, KeyCode::Up);
    key(&mut app, KeyCode::Tab);
    key(&mut app, KeyCode::Char(' '));
    assert!(
        status(&mut app).contains("selected 2 (ours 9,600.00 / theirs -12,800.00)"),
        "{}",
        status(&mut app)
    );
    typed(&mut app, "m");
    assert!(text(&mut app).contains("The selected amounts differ"));
    typed(&mut app, "两笔对冲，下月核实");
    key(&mut app, KeyCode::Enter);
    let screen = text(&mut app);
    assert!(screen.contains("Matched 9 · Unmatched 2"), "{screen}");
    typed(&mut app, "s");
    assert!(
        status(&mut app).contains("Draft saved #1"),
        "{}",
        status(&mut app)
    );

    let session = saved(&b, 1);
    let manual = session
        .reconciliation
        .matched()
        .iter()
        .find(|m| m.rule == Rule::Manual)
        .unwrap();
    assert_eq!(manual.ours[0].doc, "44031106");
    assert_eq!(manual.theirs[0].id, 17);
    assert_eq!(manual.note.as_deref(), Some("两笔对冲，下月核实"));
    assert_eq!(session.info.status, SessionStatus::Draft);
}

#[test]
fn notes_unmatch_rematch_and_the_filter() {
    let (b, mut app) = opened();
    // The cursor opens on the first difference: 44031102's amounts differ.
    typed(&mut app, "n");
    typed(&mut app, "运费 50 元对方不认");
    key(&mut app, KeyCode::Enter);
    assert!(text(&mut app).contains("Note: 运费 50 元对方不认"));
    assert!(text(&mut app).contains("Unexplained -22,400.00"));

    typed(&mut app, "f");
    let filtered = text(&mut app);
    assert!(!filtered.contains("44031101"), "{filtered}");
    assert!(filtered.contains("44031106"));
    typed(&mut app, "f");

    // Tolerance 0: the receipt two days apart and the split payment come
    // apart; matches by document ignore dates and stay.
    typed(&mut app, "t");
    ctrl(&mut app, 'u');
    typed(&mut app, "0");
    key(&mut app, KeyCode::Enter);
    let screen = text(&mut app);
    assert!(screen.contains("tolerance ±0d"), "{screen}");
    assert!(screen.contains("Matched 6 · Unmatched 9"), "{screen}");
    assert!(
        screen
            .lines()
            .any(|l| l.contains("SK20251112") && l.contains(" ~ ")),
        "{screen}"
    );

    // Unmatching the first match leaves both of its lines apart.
    typed(&mut app, "g");
    typed(&mut app, "u");
    assert!(text(&mut app).contains("Matched 5"));
    typed(&mut app, "s");
    let r = saved(&b, 1).reconciliation;
    assert_eq!(r.options().tolerance_days, 0);
    assert_eq!(r.matched().len(), 5);
    assert_eq!(
        r.note(Side::Ours, r.amount_mismatch()[0].ours.id),
        Some("运费 50 元对方不认")
    );
}

#[test]
fn an_adjusting_entry_is_booked_from_the_difference() {
    let (b, mut app) = opened();
    typed(&mut app, "a");
    assert!(text(&mut app).contains("Book an adjusting ledger entry"));
    key(&mut app, KeyCode::Enter); // no reason yet
    assert!(status(&mut app).contains("Type a reason first."));
    typed(&mut app, "运费 50 元对方不认，冲减");
    key(&mut app, KeyCode::Enter);
    let line = status(&mut app);
    assert!(line.contains("Adjustment booked: DZ1-1 -50.00"), "{line}");
    let screen = text(&mut app);
    assert!(screen.contains("Ours 41,300.00"), "{screen}");
    assert!(screen.contains("DZ1-1"), "{screen}");

    let store = Store::open(&b.db).unwrap();
    let ledger = store.ledger(b.id).unwrap();
    let adjustment = ledger
        .iter()
        .find(|l| l.entry.data.doc_no == "DZ1-1")
        .unwrap();
    assert_eq!(adjustment.entry.data.amount, yuan("-50"));
    assert_eq!(adjustment.entry.data.date, day("2025-12-31"));
    let session = store.reconciliation(1).unwrap();
    assert_eq!(session.info.adjustments, vec![adjustment.entry.id]);
    assert!(session.reconciliation.amount_mismatch().is_empty());
}

#[test]
fn confirming_one_that_does_not_close_is_refused() {
    let (b, mut app) = opened();
    typed(&mut app, "c");
    typed(&mut app, "y");
    let line = status(&mut app);
    assert!(line.contains("does not close"), "{line}");
    let info = Store::open(&b.db).unwrap().reconciliation(1).unwrap().info;
    assert_eq!(info.status, SessionStatus::Draft);
}

#[test]
fn confirming_locks_the_books_and_the_screen() {
    // November to 5 December closes once its opening difference is explained.
    let b = books();
    let path = statement(b.dir.path(), "s.csv", false);
    let mut app = app_on(&b, Lang::En);
    typed(&mut app, "r");
    typed(&mut app, path.to_str().unwrap());
    key(&mut app, KeyCode::Tab);
    typed(&mut app, "2025-11-01");
    key(&mut app, KeyCode::Tab);
    typed(&mut app, "2025-12-05");
    key(&mut app, KeyCode::Enter);
    app.wait_until_loaded();
    key(&mut app, KeyCode::Enter);
    app.wait_until_loaded();
    typed(&mut app, "o");
    typed(&mut app, "10 月运费差异");
    key(&mut app, KeyCode::Enter);
    typed(&mut app, "c");
    assert!(text(&mut app).contains("Confirm this reconciliation?"));
    typed(&mut app, "y");
    let line = status(&mut app);
    assert!(
        line.contains("Reconciliation confirmed #1 · 会计小王 2025-12-05"),
        "{line}"
    );
    assert!(text(&mut app).contains("confirmed #1"));
    // The footer offers only what still works on a confirmed reconciliation.
    let footer = text(&mut app).lines().last().unwrap().to_string();
    for gone in ["Match", "Note", "Save", "Confirm"] {
        assert!(!footer.contains(gone), "{gone}: {footer}");
    }
    assert!(footer.contains("Export"), "{footer}");
    let before = text(&mut app);
    typed(&mut app, "m"); // no longer a key here: nothing changes
    assert_eq!(text(&mut app).lines().nth(3), before.lines().nth(3));

    let store = Store::open(&b.db).unwrap();
    let info = store.reconciliation(1).unwrap().info;
    assert_eq!(info.status, SessionStatus::Confirmed);
    assert_eq!(info.confirmed_by.as_deref(), Some("会计小王"));
    assert_eq!(
        store.confirmed_until(b.id).unwrap(),
        Some(day("2025-12-05"))
    );
    // Leaving a confirmed reconciliation asks nothing.
    typed(&mut app, "q");
    assert!(text(&mut app).contains("Credit limit"));
    // Reconciling the confirmed period again warns at once.
    let path = statement(b.dir.path(), "again.xlsx", false);
    typed(&mut app, "r");
    typed(&mut app, path.to_str().unwrap());
    key(&mut app, KeyCode::Enter);
    app.wait_until_loaded();
    key(&mut app, KeyCode::Enter);
    app.wait_until_loaded();
    let line = status(&mut app);
    assert!(
        line.contains("Already reconciled and confirmed up to 2025-12-05"),
        "{line}"
    );
}

#[test]
fn leaving_unsaved_work_asks_first_and_export_writes_the_report() {
    let (b, mut app) = opened();
    let out = b.dir.path().join("调节表.xlsx");
    typed(&mut app, "e");
    ctrl(&mut app, 'u');
    typed(&mut app, out.to_str().unwrap());
    key(&mut app, KeyCode::Enter);
    assert!(
        status(&mut app).contains("Reconciliation statement written"),
        "{}",
        status(&mut app)
    );
    let mut book = open_workbook_auto(&out).unwrap();
    let sheet = book.worksheet_range("Reconciliation statement").unwrap();
    assert!(sheet.rows().any(
        |r| r.first() == Some(&Data::String("In our books only".into()))
            && r.get(2) == Some(&Data::String("44031106".into()))
    ));
    // Once more to the same file: asked first; no keeps it, yes replaces it.
    std::fs::write(&out, "mine").unwrap();
    typed(&mut app, "e");
    ctrl(&mut app, 'u');
    typed(&mut app, out.to_str().unwrap());
    key(&mut app, KeyCode::Enter);
    assert!(text(&mut app).contains("Replace the file?"));
    typed(&mut app, "n");
    assert_eq!(std::fs::read(&out).unwrap(), b"mine");
    key(&mut app, KeyCode::Enter);
    typed(&mut app, "y");
    assert!(std::fs::read(&out).unwrap().starts_with(b"PK"));
    assert!(status(&mut app).contains("Reconciliation statement written"));
    // Never over the database.
    typed(&mut app, "e");
    ctrl(&mut app, 'u');
    typed(&mut app, b.db.to_str().unwrap());
    key(&mut app, KeyCode::Enter);
    assert!(
        status(&mut app).contains("is the database kehu has open"),
        "{}",
        status(&mut app)
    );
    key(&mut app, KeyCode::Esc);

    typed(&mut app, "q");
    assert!(text(&mut app).contains("Leave without saving?"));
    typed(&mut app, "n");
    assert!(text(&mut app).contains("Reconciliation · C000001"));
    typed(&mut app, "q");
    typed(&mut app, "y");
    assert!(text(&mut app).contains("Credit limit"));
    assert!(
        Store::open(&b.db)
            .unwrap()
            .reconciliations(b.id)
            .unwrap()
            .is_empty()
    );
}

#[test]
fn a_shorter_period_explains_its_opening_and_a_saved_draft_opens_again() {
    let b = books();
    let path = statement(b.dir.path(), "s.csv", false);
    let mut app = app_on(&b, Lang::En);
    typed(&mut app, "r");
    typed(&mut app, path.to_str().unwrap());
    key(&mut app, KeyCode::Tab);
    typed(&mut app, "2025-11-01");
    key(&mut app, KeyCode::Tab);
    typed(&mut app, "2025-12-05");
    key(&mut app, KeyCode::Enter);
    app.wait_until_loaded();
    key(&mut app, KeyCode::Enter);
    app.wait_until_loaded();
    // October's 50.00 on 44031102 is now in the openings.
    let screen = text(&mut app);
    assert!(
        screen.contains("Opening balances differ -50.00"),
        "{screen}"
    );
    assert!(screen.contains("Unexplained -50.00"), "{screen}");
    typed(&mut app, "o");
    typed(&mut app, "10 月运费差异");
    key(&mut app, KeyCode::Enter);
    assert!(text(&mut app).contains("Unexplained 0.00 · Closes yes"));
    typed(&mut app, "s");
    typed(&mut app, "q");

    // Leaving the file blank opens the last session as it was saved.
    typed(&mut app, "r");
    assert!(text(&mut app).contains("#1 2025-11-01..2025-12-05 draft"));
    key(&mut app, KeyCode::Enter);
    let screen = text(&mut app);
    assert!(screen.contains("draft #1"), "{screen}");
    assert!(screen.contains("Closes yes"), "{screen}");
    let r = saved(&b, 1).reconciliation;
    assert_eq!(r.opening_note(), Some("10 月运费差异"));
    assert!(r.closes());
}

#[test]
fn the_export_never_overwrites_the_statement_it_read() {
    let (_b, mut app, path) = opened_with_path();
    let before = std::fs::read(&path).unwrap();
    typed(&mut app, "e");
    ctrl(&mut app, 'u');
    typed(&mut app, path.to_str().unwrap());
    key(&mut app, KeyCode::Enter);
    // Refused outright (no "replace?" question), the statement unchanged.
    assert!(!text(&mut app).contains("Replace the file?"));
    assert!(
        status(&mut app).contains("is the file being read"),
        "{}",
        status(&mut app)
    );
    assert_eq!(std::fs::read(&path).unwrap(), before);
}
